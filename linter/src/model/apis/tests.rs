use std::collections::BTreeMap;

use super::*;
use crate::syntax::parse_str;

fn with_apis(text: &str, check: impl FnOnce(&Apis)) {
    let parsed = parse_str(text);
    let template = Template::new(parsed.root.as_ref().unwrap(), &parsed.text, BTreeMap::new()).unwrap();
    let functions = Functions::of(&template);
    let apis = Apis::of(&template, &functions);
    check(&apis);
}

fn keys(apis: &Apis) -> Vec<String> {
    apis.routes.iter().map(|r| format!("{} {}", apis.api_of(r).id, r.key())).collect()
}

#[test]
fn implicit_rest_api_routes_from_events() {
    let text = "\
Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        List:
          Type: Api
          Properties: {Path: /orders, Method: get}
        One:
          Type: Api
          Properties: {Path: '/orders/{id}', Method: ANY}
";
    with_apis(text, |apis| {
        assert_eq!(keys(apis), vec!["ServerlessRestApi GET /orders", "ServerlessRestApi ANY /orders/{id}"]);
        let api = &apis.apis[0];
        assert!(api.is_implicit());
        assert_eq!(api.stages[0].literal_name(), Some("Prod"));
        assert_eq!(apis.routes[0].function(), Some("Orders"));
        assert_eq!(apis.routes[0].auth.kind, AuthKind::None);
        assert_eq!(apis.routes[0].auth.source, AuthSource::NotConfigured);
    });
}

#[test]
fn explicit_sam_apis_with_auth_defaults_and_opt_outs() {
    let text = "\
Transform: AWS::Serverless-2016-10-31
Globals:
  Api:
    Auth:
      ApiKeyRequired: true
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: v1
      Variables: {alias: live}
      Auth:
        DefaultAuthorizer: Cognito
        Authorizers:
          Cognito:
            UserPoolArn: arn:aws:cognito-idp:us-east-1:123456789012:userpool/x
          Token:
            FunctionArn: !GetAtt Authorize.Arn
  Http:
    Type: AWS::Serverless::HttpApi
    Properties:
      Auth:
        Authorizers:
          Jwt:
            IdentitySource: $request.header.Authorization
            JwtConfiguration: {issuer: https://issuer, audience: [app]}
  Authorize:
    Type: AWS::Serverless::Function
  Handler:
    Type: AWS::Serverless::Function
    Properties:
      Timeout: 60
      Events:
        Secured:
          Type: Api
          Properties: {RestApiId: !Ref Api, Path: /a, Method: get}
        Open:
          Type: Api
          Properties:
            RestApiId: !Ref Api
            Path: /b
            Method: post
            Auth: {Authorizer: NONE, ApiKeyRequired: false}
        ByToken:
          Type: Api
          Properties:
            RestApiId: Api
            Path: /c
            Method: put
            Auth: {Authorizer: Token}
        Missing:
          Type: Api
          Properties:
            RestApiId: !Ref Api
            Path: /d
            Method: get
            Auth: {Authorizer: Nope}
        Catchall:
          Type: HttpApi
          Properties: {ApiId: !Ref Http, Auth: {Authorizer: Jwt}}
        WrongKind:
          Type: HttpApi
          Properties: {ApiId: !Ref Api, Path: /x, Method: get}
";
    with_apis(text, |apis| {
        assert_eq!(keys(apis), vec!["Api GET /a", "Api POST /b", "Api PUT /c", "Api GET /d", "Http $default"]);
        let route = |i: usize| &apis.routes[i];
        assert_eq!(route(0).auth.kind, AuthKind::Authorizer);
        assert_eq!(route(0).auth.source, AuthSource::ApiDefault);
        assert_eq!(apis.authorizer_of(route(0)).map(|a| a.kind), Some(AuthorizerKind::CognitoUserPools));
        assert_eq!(route(0).api_key_required, Some(true), "Globals.Api applies to explicit APIs too");
        assert_eq!(route(1).auth.kind, AuthKind::None);
        assert!(route(1).auth.opted_out);
        assert_eq!(route(1).api_key_required, Some(false));
        assert_eq!(
            apis.authorizer_of(route(2)).map(|a| (a.kind, a.function)),
            Some((AuthorizerKind::Token, Some("Authorize")))
        );
        assert_eq!(route(3).auth.kind, AuthKind::Authorizer);
        assert_eq!(route(3).auth.authorizer, None);
        assert_eq!(route(3).auth.authorizer_name.as_deref(), Some("Nope"));
        assert_eq!(apis.authorizer_of(route(4)).map(|a| a.kind), Some(AuthorizerKind::Jwt));
        assert_eq!(apis.unresolved_events.len(), 1);
        assert_eq!(apis.unresolved_events[0].event.name, "WrongKind");
        let rest = apis.api("Api").unwrap();
        assert_eq!(rest.stages[0].literal_name(), Some("v1"));
        assert_eq!(apis.api("Http").unwrap().stages[0].literal_name(), Some("$default"));
    });
}

#[test]
fn definition_body_serves_its_own_paths_and_names_events() {
    let text = r#"
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionBody:
        openapi: 3.0.1
        security: [{Lambda: []}]
        components:
          securitySchemes:
            Lambda:
              type: apiKey
              name: Authorization
              in: header
              x-amazon-apigateway-authorizer:
                type: token
                authorizerUri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Authorize.Arn}/invocations
            ApiKey: {type: apiKey, name: x-api-key, in: header}
        paths:
          /items:
            get:
              x-amazon-apigateway-integration:
                type: aws_proxy
                httpMethod: POST
                uri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Items.Arn}/invocations
            post:
              security: [{ApiKey: []}]
              x-amazon-apigateway-integration:
                type: aws_proxy
                httpMethod: POST
                timeoutInMillis: 5000
                uri:
                  Fn::Join: ['', ['arn:aws:apigateway:', !Ref AWS::Region, ':lambda:path/2015-03-31/functions/', !GetAtt Items.Arn, '/invocations']]
          /health:
            Fn::If:
              - IsProd
              - x-amazon-apigateway-any-method:
                  security: []
                  x-amazon-apigateway-integration: {type: mock}
              - !Ref AWS::NoValue
  Authorize:
    Type: AWS::Serverless::Function
  Items:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Get:
          Type: Api
          Properties: {RestApiId: !Ref Api, Path: /items, Method: GET}
        Gone:
          Type: Api
          Properties: {RestApiId: !Ref Api, Path: /gone, Method: GET}
"#;
    with_apis(text, |apis| {
        assert_eq!(keys(apis), vec!["Api GET /items", "Api POST /items", "Api ANY /health"]);
        let get = &apis.routes[0];
        assert_eq!(get.event.map(|e| e.name), Some("Get"));
        assert_eq!(get.function(), Some("Items"));
        assert_eq!(get.auth.source, AuthSource::DefinitionDefault);
        assert_eq!(apis.authorizer_of(get).and_then(|a| a.function), Some("Authorize"));
        let post = &apis.routes[1];
        assert_eq!(post.function(), Some("Items"), "found through Fn::Join");
        assert_eq!(post.auth.kind, AuthKind::None);
        assert_eq!(post.api_key_required, Some(true));
        assert_eq!(apis.routes[2].integration.as_ref().map(|i| i.kind), Some(IntegrationKind::Mock));
        assert_eq!(apis.events_outside_definition.len(), 1);
        assert_eq!(apis.events_outside_definition[0].key(), "GET /gone");
    });
}

#[test]
fn raw_rest_resources_build_paths_and_link_authorizers() {
    let text = "
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: raw
      EndpointConfiguration: {Types: [REGIONAL]}
  Users:
    Type: AWS::ApiGateway::Resource
    Properties: {RestApiId: !Ref Api, ParentId: !GetAtt Api.RootResourceId, PathPart: users}
  User:
    Type: AWS::ApiGateway::Resource
    Properties: {RestApiId: !Ref Api, ParentId: !Ref Users, PathPart: '{id}'}
  Pool:
    Type: AWS::ApiGateway::Authorizer
    Properties: {RestApiId: !Ref Api, Type: COGNITO_USER_POOLS, ProviderARNs: [arn]}
  GetUser:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !Ref User
      HttpMethod: GET
      AuthorizationType: COGNITO_USER_POOLS
      AuthorizerId: !Ref Pool
      Integration:
        Type: AWS_PROXY
        IntegrationHttpMethod: POST
        Uri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations
  Root:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !GetAtt Api.RootResourceId
      HttpMethod: ANY
      AuthorizationType: NONE
      ApiKeyRequired: true
      Integration: {Type: MOCK}
  Deployment:
    Type: AWS::ApiGateway::Deployment
    Properties: {RestApiId: !Ref Api, StageName: dev}
  Fn:
    Type: AWS::Lambda::Function
";
    with_apis(text, |apis| {
        assert_eq!(keys(apis), vec!["Api GET /users/{id}", "Api ANY /"]);
        let get = &apis.routes[0];
        assert_eq!(get.function(), Some("Fn"));
        assert_eq!(apis.authorizer_of(get).map(|a| a.name.as_str()), Some("Pool"));
        assert_eq!(apis.routes[1].api_key_required, Some(true));
        let api = &apis.apis[0];
        assert_eq!(api.deployments.len(), 1);
        assert_eq!(api.stages[0].literal_name(), Some("dev"));
    });
}

#[test]
fn raw_http_routes_find_integrations_through_targets() {
    let text = "
Resources:
  Api:
    Type: AWS::ApiGatewayV2::Api
    Properties: {Name: h, ProtocolType: HTTP}
  Integration:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref Api
      IntegrationType: AWS_PROXY
      IntegrationUri: !GetAtt Fn.Arn
      PayloadFormatVersion: '2.0'
  Jwt:
    Type: AWS::ApiGatewayV2::Authorizer
    Properties: {ApiId: !Ref Api, AuthorizerType: JWT, IdentitySource: [$request.header.Authorization]}
  Route:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref Api
      RouteKey: GET /items/{proxy+}
      AuthorizationType: JWT
      AuthorizerId: !Ref Jwt
      Target: !Join [/, [integrations, !Ref Integration]]
  Other:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref Api
      RouteKey: $default
      Target: !Sub integrations/${Integration}
  Quick:
    Type: AWS::ApiGatewayV2::Api
    Properties: {Name: q, ProtocolType: HTTP, Target: !GetAtt Fn.Arn}
  Socket:
    Type: AWS::ApiGatewayV2::Api
    Properties: {Name: s, ProtocolType: WEBSOCKET, RouteSelectionExpression: $request.body.action}
  Connect:
    Type: AWS::ApiGatewayV2::Route
    Properties: {ApiId: !Ref Socket, RouteKey: $connect}
  Fn:
    Type: AWS::Lambda::Function
";
    with_apis(text, |apis| {
        assert_eq!(keys(apis), vec!["Api GET /items/{proxy+}", "Api $default", "Socket $connect", "Quick $default"]);
        assert_eq!(apis.routes[0].function(), Some("Fn"));
        assert_eq!(apis.routes[1].function(), Some("Fn"));
        assert_eq!(apis.authorizer_of(&apis.routes[0]).map(|a| a.kind), Some(AuthorizerKind::Jwt));
        assert_eq!(apis.routes[3].function(), Some("Fn"));
        assert_eq!(apis.api("Quick").unwrap().stages[0].literal_name(), Some("$default"));
        assert_eq!(apis.api("Socket").unwrap().kind, ApiKind::WebSocket);
        assert_eq!(apis.routes[2].method, None);
    });
}

#[test]
fn external_and_included_definitions() {
    let folder = std::env::temp_dir().join(format!("slint-apis-include-{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("api.yaml"),
        "openapi: 3.0.1\npaths:\n  /pets:\n    get:\n      x-amazon-apigateway-integration:\n        type: aws_proxy\n        httpMethod: POST\n        uri:\n          Fn::Sub: arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Pets.Arn}/invocations\n",
    )
    .unwrap();
    let text = "
Transform: AWS::Serverless-2016-10-31
Resources:
  Included:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionBody:
        Fn::Transform:
          Name: AWS::Include
          Parameters: {Location: ./api.yaml}
  Remote:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionUri: s3://bucket/api.yaml
  Missing:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionUri: ./missing.yaml
  Pets:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Get:
          Type: Api
          Properties: {RestApiId: !Ref Remote, Path: /pets, Method: get}
";
    let parsed = parse_str(text);
    let template = Template::new(parsed.root.as_ref().unwrap(), &parsed.text, BTreeMap::new()).unwrap();
    let functions = Functions::of(&template);

    let without = Apis::of(&template, &functions);
    assert_eq!(keys(&without), vec!["Remote GET /pets"]);
    assert_eq!(without.routes[0].auth.kind, AuthKind::Unknown, "the remote definition may protect it");
    assert!(!without.api("Included").unwrap().routes_are_known());

    let includes = Includes::load(&template, &folder);
    assert_eq!(includes.problems.len(), 1, "{:?}", includes.problems);
    assert!(includes.problems[0].message.contains("missing.yaml"));
    let with = Apis::with_includes(&template, &functions, &includes);
    assert_eq!(keys(&with), vec!["Included GET /pets", "Remote GET /pets"]);
    let included = &with.routes[0];
    assert_eq!(included.function(), Some("Pets"));
    let RouteDeclaration::OpenApi(operation) = included.declaration else { panic!("an operation") };
    assert!(!operation.origin.is_template());
    assert_eq!(
        included.span(),
        template
            .resource("Included")
            .unwrap()
            .property("DefinitionBody")
            .unwrap()
            .get("Fn::Transform")
            .unwrap()
            .get("Parameters")
            .unwrap()
            .get("Location")
            .unwrap()
            .span
    );
    std::fs::remove_dir_all(&folder).ok();
}
