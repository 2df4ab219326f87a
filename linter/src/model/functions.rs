//! Lambda functions, the same view whether a template writes `AWS::Serverless::Function` (with
//! Globals merged in) or `AWS::Lambda::Function`, with the function URL and asynchronous invoke
//! configuration that belong to each, wherever they are declared.
//!
//! Every setting is the node as written, so findings keep their spans: a value inherited from
//! Globals points into the Globals section.

use crate::span::Span;
use crate::syntax::Node;
use crate::template::{Resource, Template};

use super::targets::target_of;

pub const SAM_FUNCTION: &str = "AWS::Serverless::Function";
pub const LAMBDA_FUNCTION: &str = "AWS::Lambda::Function";

/// Variables the Lambda runtime sets itself and refuses to take from a function's configuration.
pub const RESERVED_ENVIRONMENT_VARIABLES: &[&str] = &[
    "_HANDLER",
    "_X_AMZN_TRACE_ID",
    "AWS_DEFAULT_REGION",
    "AWS_REGION",
    "AWS_EXECUTION_ENV",
    "AWS_LAMBDA_FUNCTION_NAME",
    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
    "AWS_LAMBDA_FUNCTION_VERSION",
    "AWS_LAMBDA_INITIALIZATION_TYPE",
    "AWS_LAMBDA_LOG_GROUP_NAME",
    "AWS_LAMBDA_LOG_STREAM_NAME",
    "AWS_ACCESS_KEY",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_LAMBDA_RUNTIME_API",
    "LAMBDA_TASK_ROOT",
    "LAMBDA_RUNTIME_DIR",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FunctionKind {
    /// `AWS::Serverless::Function`.
    Sam,
    /// `AWS::Lambda::Function`.
    Lambda,
}

/// Where a function's code comes from.
#[derive(Clone, Copy, Debug)]
pub enum CodeLocation<'t> {
    /// SAM `CodeUri`, or `Code` with `S3Bucket`/`S3Key` (or anything not inline and not an image).
    Package(&'t Node),
    /// SAM `InlineCode` or `Code.ZipFile`: the source is in the template.
    Inline(&'t Node),
    /// SAM `ImageUri` or `Code.ImageUri`.
    Image(&'t Node),
}

impl<'t> CodeLocation<'t> {
    pub fn node(&self) -> &'t Node {
        match self {
            CodeLocation::Package(node) | CodeLocation::Inline(node) | CodeLocation::Image(node) => node,
        }
    }
}

/// A function URL: SAM's `FunctionUrlConfig` or an `AWS::Lambda::Url` resource.
#[derive(Clone, Copy, Debug)]
pub struct FunctionUrl<'t> {
    /// `FunctionUrlConfig`, or the `AWS::Lambda::Url` resource's `Properties`.
    pub config: &'t Node,
    /// The `AWS::Lambda::Url` resource; `None` for SAM's `FunctionUrlConfig`.
    pub resource: Option<&'t Resource<'t>>,
    pub auth_type: Option<&'t Node>,
}

/// Where an asynchronous invocation's record goes on success or on failure.
#[derive(Clone, Copy, Debug)]
pub struct Destination<'t> {
    /// The `OnSuccess`/`OnFailure` mapping.
    pub node: &'t Node,
    /// The destination ARN; SAM creates the queue or topic itself when it is left out.
    pub arn: Option<&'t Node>,
    /// SAM's `Type` (`SQS`, `SNS`, `Lambda`, `EventBridge`, `S3`); CloudFormation has none.
    pub sam_type: Option<&'t Node>,
}

/// Asynchronous invocation settings: SAM's `EventInvokeConfig` or an
/// `AWS::Lambda::EventInvokeConfig` resource.
#[derive(Clone, Copy, Debug)]
pub struct InvokeConfig<'t> {
    /// `EventInvokeConfig`, or the `AWS::Lambda::EventInvokeConfig` resource's `Properties`.
    pub config: &'t Node,
    /// The `AWS::Lambda::EventInvokeConfig` resource; `None` for SAM's property.
    pub resource: Option<&'t Resource<'t>>,
    pub maximum_retry_attempts: Option<&'t Node>,
    pub maximum_event_age: Option<&'t Node>,
    pub on_success: Option<Destination<'t>>,
    pub on_failure: Option<Destination<'t>>,
}

impl<'t> InvokeConfig<'t> {
    fn from_node(config: &'t Node, resource: Option<&'t Resource<'t>>) -> Self {
        let destinations = config.get("DestinationConfig");
        let destination = |key: &str| {
            destinations.and_then(|d| d.get(key)).map(|node| Destination {
                node,
                arn: node.get("Destination"),
                sam_type: node.get("Type"),
            })
        };
        InvokeConfig {
            config,
            resource,
            maximum_retry_attempts: config.get("MaximumRetryAttempts"),
            maximum_event_age: config.get("MaximumEventAgeInSeconds"),
            on_success: destination("OnSuccess"),
            on_failure: destination("OnFailure"),
        }
    }
}

/// One Lambda function of the template.
#[derive(Clone, Debug)]
pub struct Function<'t> {
    pub name: &'t str,
    pub kind: FunctionKind,
    pub resource: &'t Resource<'t>,
    /// The properties after Globals were merged in.
    pub properties: Option<&'t Node>,
    pub runtime: Option<&'t Node>,
    pub handler: Option<&'t Node>,
    pub package_type: Option<&'t Node>,
    pub code: Option<CodeLocation<'t>>,
    pub memory_size: Option<&'t Node>,
    pub timeout: Option<&'t Node>,
    /// `EphemeralStorage.Size`.
    pub ephemeral_storage: Option<&'t Node>,
    /// `Environment.Variables`.
    pub environment: Option<&'t Node>,
    pub layers: Option<&'t Node>,
    pub architectures: Option<&'t Node>,
    pub role: Option<&'t Node>,
    pub vpc_config: Option<&'t Node>,
    pub reserved_concurrency: Option<&'t Node>,
    /// SAM's `ProvisionedConcurrencyConfig`; CloudFormation sets it on `AWS::Lambda::Alias`
    /// and `AWS::Lambda::Version` instead.
    pub provisioned_concurrency: Option<&'t Node>,
    /// SAM's `AutoPublishAlias`.
    pub auto_publish_alias: Option<&'t Node>,
    pub snap_start: Option<&'t Node>,
    pub logging_config: Option<&'t Node>,
    /// `FileSystemConfigs` (EFS).
    pub file_systems: Option<&'t Node>,
    /// `CapacityProviderConfig`: the function runs on Lambda Managed Instances.
    pub capacity_provider: Option<&'t Node>,
    /// SAM's `DeadLetterQueue` or CloudFormation's `DeadLetterConfig`.
    pub dead_letter: Option<&'t Node>,
    /// SAM's `Events`.
    pub events: Option<&'t Node>,
    /// The function URLs that serve this function.
    pub urls: Vec<FunctionUrl<'t>>,
    /// The asynchronous invoke configurations that apply to this function (any qualifier).
    pub invoke_configs: Vec<InvokeConfig<'t>>,
}

impl<'t> Function<'t> {
    fn new(resource: &'t Resource<'t>, kind: FunctionKind) -> Self {
        let properties = resource.properties.as_deref();
        let get = |key: &str| properties.and_then(|p| p.get(key));
        let code = match kind {
            FunctionKind::Sam => get("InlineCode")
                .map(CodeLocation::Inline)
                .or_else(|| get("ImageUri").map(CodeLocation::Image))
                .or_else(|| get("CodeUri").map(CodeLocation::Package)),
            FunctionKind::Lambda => get("Code").map(|code| {
                if let Some(inline) = code.get("ZipFile") {
                    CodeLocation::Inline(inline)
                } else if let Some(image) = code.get("ImageUri") {
                    CodeLocation::Image(image)
                } else {
                    CodeLocation::Package(code)
                }
            }),
        };
        let sam_only = |key: &str| if kind == FunctionKind::Sam { get(key) } else { None };
        let mut function = Function {
            name: resource.name,
            kind,
            resource,
            properties,
            runtime: get("Runtime"),
            handler: get("Handler"),
            package_type: get("PackageType"),
            code,
            memory_size: get("MemorySize"),
            timeout: get("Timeout"),
            ephemeral_storage: get("EphemeralStorage").and_then(|e| e.get("Size")),
            environment: get("Environment").and_then(|e| e.get("Variables")),
            layers: get("Layers"),
            architectures: get("Architectures"),
            role: get("Role"),
            vpc_config: get("VpcConfig"),
            reserved_concurrency: get("ReservedConcurrentExecutions"),
            provisioned_concurrency: sam_only("ProvisionedConcurrencyConfig"),
            auto_publish_alias: sam_only("AutoPublishAlias"),
            snap_start: get("SnapStart"),
            logging_config: get("LoggingConfig"),
            file_systems: get("FileSystemConfigs"),
            capacity_provider: get("CapacityProviderConfig"),
            dead_letter: match kind {
                FunctionKind::Sam => get("DeadLetterQueue"),
                FunctionKind::Lambda => get("DeadLetterConfig"),
            },
            events: sam_only("Events"),
            urls: Vec::new(),
            invoke_configs: Vec::new(),
        };
        if let Some(config) = sam_only("FunctionUrlConfig") {
            function.urls.push(FunctionUrl { config, resource: None, auth_type: config.get("AuthType") });
        }
        if let Some(config) = sam_only("EventInvokeConfig") {
            function.invoke_configs.push(InvokeConfig::from_node(config, None));
        }
        function
    }

    pub fn is_sam(&self) -> bool {
        self.kind == FunctionKind::Sam
    }

    pub fn property(&self, key: &str) -> Option<&'t Node> {
        self.properties?.get(key)
    }

    /// Where to point when talking about the function as a whole: its logical id.
    pub fn name_span(&self) -> Span {
        self.resource.name_span
    }

    /// Whether `node` was written in the function's own resource rather than inherited from
    /// SAM Globals.
    pub fn declares(&self, node: &Node) -> bool {
        self.resource.node.span.contains(node.span)
    }

    /// `FunctionName` when it is written as a literal string.
    pub fn literal_function_name(&self) -> Option<&'t str> {
        self.property("FunctionName")?.as_str()
    }
}

/// Every function of a template, in template order, with lookups by logical id and by the
/// values that name a function (`FunctionName: !Ref Fn`, `TargetFunctionArn: !GetAtt Fn.Arn`).
#[derive(Debug)]
pub struct Functions<'t> {
    template: &'t Template<'t>,
    list: Vec<Function<'t>>,
}

impl<'t> Functions<'t> {
    pub fn of(template: &'t Template<'t>) -> Self {
        let list = template
            .resources
            .iter()
            .filter_map(|resource| match resource.type_name? {
                SAM_FUNCTION => Some(Function::new(resource, FunctionKind::Sam)),
                LAMBDA_FUNCTION => Some(Function::new(resource, FunctionKind::Lambda)),
                _ => None,
            })
            .collect();
        let mut functions = Functions { template, list };
        functions.attach_separate_settings();
        functions
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Function<'t>> {
        self.list.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn get(&self, logical_id: &str) -> Option<&Function<'t>> {
        self.list.iter().find(|f| f.name == logical_id)
    }

    /// The function a property value names: `Ref`/`GetAtt`/`Sub` of the function, of one of its
    /// aliases or versions (written out or generated by SAM's `AutoPublishAlias`), SAM's
    /// `Fn.Alias`, or a literal name or ARN equal to a function's literal `FunctionName`.
    pub fn named_by(&self, node: &Node) -> Option<&Function<'t>> {
        self.named_by_at_depth(node, 0)
    }

    fn named_by_at_depth(&self, node: &Node, depth: usize) -> Option<&Function<'t>> {
        if depth > 4 {
            return None;
        }
        if let Some(text) = node.as_str() {
            return self.named_literally(text);
        }
        let target = target_of(self.template, node)?;
        let name = target.logical_id;
        if let Some(function) = self.get(name) {
            return Some(function);
        }
        // SAM's `!Ref Fn.Alias` / `!Ref Fn.Version`.
        if let Some((function, "Alias" | "Version")) = name.split_once('.') {
            return self.get(function).filter(|f| f.is_sam());
        }
        if let Some(resource) = self.template.resource(name) {
            if matches!(resource.type_name, Some("AWS::Lambda::Alias" | "AWS::Lambda::Version")) {
                return self.named_by_at_depth(resource.property("FunctionName")?, depth + 1);
            }
            return None;
        }
        let generated = self.template.generated.get(name)?;
        matches!(generated.type_name, "AWS::Lambda::Alias" | "AWS::Lambda::Version")
            .then(|| self.get(&generated.source))
            .flatten()
    }

    /// A literal function name, or an ARN `arn:...:function:NAME[:QUALIFIER]`, matched against
    /// the functions' literal `FunctionName`s.
    fn named_literally(&self, text: &str) -> Option<&Function<'t>> {
        let name = match text.split_once(":function:") {
            Some((_, rest)) => rest.split(':').next().unwrap_or(rest),
            None => text,
        };
        self.list.iter().find(|f| f.literal_function_name() == Some(name))
    }

    /// Function URLs and invoke configurations declared as resources of their own.
    fn attach_separate_settings(&mut self) {
        let template = self.template;
        for resource in &template.resources {
            let Some(properties) = resource.properties.as_deref() else { continue };
            let (key, is_url) = match resource.type_name {
                Some("AWS::Lambda::Url") => ("TargetFunctionArn", true),
                Some("AWS::Lambda::EventInvokeConfig") => ("FunctionName", false),
                _ => continue,
            };
            let Some(owner) = properties.get(key).and_then(|node| self.named_by(node)).map(|f| f.name) else {
                continue;
            };
            let Some(function) = self.list.iter_mut().find(|f| f.name == owner) else { continue };
            if is_url {
                function.urls.push(FunctionUrl { config: properties, resource: Some(resource), auth_type: properties.get("AuthType") });
            } else {
                function.invoke_configs.push(InvokeConfig::from_node(properties, Some(resource)));
            }
        }
    }
}

impl<'a, 't> IntoIterator for &'a Functions<'t> {
    type Item = &'a Function<'t>;
    type IntoIter = std::slice::Iter<'a, Function<'t>>;

    fn into_iter(self) -> Self::IntoIter {
        self.list.iter()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::syntax::parse_str;

    fn with_functions(text: &str, check: impl FnOnce(&Template, &Functions)) {
        let parsed = parse_str(text);
        let template = Template::new(parsed.root.as_ref().unwrap(), &parsed.text, BTreeMap::new()).unwrap();
        let functions = Functions::of(&template);
        check(&template, &functions);
    }

    #[test]
    fn sam_settings_inherited_from_globals_point_at_globals() {
        let text = "\
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Timeout: 30
    Runtime: python3.12
Resources:
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      CodeUri: src/
      MemorySize: 512
";
        with_functions(text, |_, functions| {
            let worker = functions.get("Worker").unwrap();
            assert_eq!(worker.kind, FunctionKind::Sam);
            let timeout = worker.timeout.unwrap();
            assert_eq!(timeout.as_f64(), Some(30.0));
            assert!(!worker.declares(timeout), "Timeout comes from Globals");
            assert!(worker.declares(worker.memory_size.unwrap()));
            assert!(matches!(worker.code, Some(CodeLocation::Package(_))));
            assert_eq!(worker.runtime.and_then(Node::as_str), Some("python3.12"));
        });
    }

    #[test]
    fn cloudformation_function_reads_code_and_separate_resources() {
        let text = "\
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: orders
      Runtime: nodejs22.x
      Handler: index.handler
      Code:
        ZipFile: exports.handler = async () => 1
      EphemeralStorage:
        Size: 1024
  Url:
    Type: AWS::Lambda::Url
    Properties:
      TargetFunctionArn: !GetAtt Fn.Arn
      AuthType: NONE
  Async:
    Type: AWS::Lambda::EventInvokeConfig
    Properties:
      FunctionName: !Ref Fn
      Qualifier: $LATEST
      MaximumRetryAttempts: 1
      DestinationConfig:
        OnFailure:
          Destination: arn:aws:sqs:us-east-1:123456789012:dlq
";
        with_functions(text, |_, functions| {
            let function = functions.get("Fn").unwrap();
            assert!(matches!(function.code, Some(CodeLocation::Inline(_))));
            assert_eq!(function.ephemeral_storage.and_then(Node::as_f64), Some(1024.0));
            assert_eq!(function.urls.len(), 1);
            assert_eq!(function.urls[0].auth_type.and_then(Node::as_str), Some("NONE"));
            assert_eq!(function.urls[0].resource.map(|r| r.name), Some("Url"));
            let async_config = &function.invoke_configs[0];
            assert_eq!(async_config.maximum_retry_attempts.and_then(Node::as_f64), Some(1.0));
            assert!(async_config.on_failure.unwrap().arn.is_some());
            assert!(async_config.on_success.is_none());
        });
    }

    #[test]
    fn functions_are_found_through_aliases_versions_and_names() {
        let text = "\
Transform: AWS::Serverless-2016-10-31
Parameters:
  Name:
    Type: String
Resources:
  Sam:
    Type: AWS::Serverless::Function
    Properties:
      AutoPublishAlias: live
      FunctionName: sam-fn
  Raw:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: raw-fn
  RawVersion:
    Type: AWS::Lambda::Version
    Properties:
      FunctionName: !Ref Raw
  RawAlias:
    Type: AWS::Lambda::Alias
    Properties:
      FunctionName: !Ref Raw
      FunctionVersion: !GetAtt RawVersion.Version
      Name: live
Outputs:
  A: {Value: !Ref RawAlias}
  B: {Value: !Ref SamAliaslive}
  C: {Value: !Ref Sam.Alias}
  D: {Value: raw-fn}
  E: {Value: arn:aws:lambda:us-east-1:123456789012:function:sam-fn:live}
  F: {Value: !Sub '${Raw.Arn}:live'}
  G: {Value: !Ref Name}
  H: {Value: other-fn}
";
        with_functions(text, |template, functions| {
            let named = |output: &str| {
                let node = template.outputs.iter().find(|o| o.name == output).unwrap().node.get("Value").unwrap();
                functions.named_by(node).map(|f| f.name)
            };
            assert_eq!(named("A"), Some("Raw"));
            assert_eq!(named("B"), Some("Sam"));
            assert_eq!(named("C"), Some("Sam"));
            assert_eq!(named("D"), Some("Raw"));
            assert_eq!(named("E"), Some("Sam"));
            assert_eq!(named("F"), Some("Raw"));
            assert_eq!(named("G"), None);
            assert_eq!(named("H"), None);
        });
    }
}
