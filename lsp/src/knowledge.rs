//! What slint tells people about the parts of a template that have no schema: intrinsic
//! functions, sections, resource attributes, pseudo parameters and SAM's resource and event
//! types. Written for this project; the AWS documentation pages are linked for the full story.

const GUIDE: &str = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference";

pub struct Function {
    /// The long-form key: `Fn::GetAtt`, `Ref`.
    pub name: &'static str,
    /// The YAML tag without `!`.
    pub tag: &'static str,
    pub summary: &'static str,
    /// How it is written, in YAML short form.
    pub usage: &'static str,
    /// The function's page under the template reference.
    pub page: &'static str,
}

pub const FUNCTIONS: &[Function] = &[
    Function { name: "Ref", tag: "Ref", summary: "The value of a parameter, or a resource's physical id (what the resource type defines as its `Ref` value).", usage: "!Ref LogicalName", page: "intrinsic-function-reference-ref.html" },
    Function { name: "Fn::GetAtt", tag: "GetAtt", summary: "An attribute of a resource, such as its ARN.", usage: "!GetAtt Resource.Attribute", page: "intrinsic-function-reference-getatt.html" },
    Function { name: "Fn::Sub", tag: "Sub", summary: "A string with `${Name}` (a parameter or resource) and `${Resource.Attribute}` substituted; `${!Text}` is written as `${Text}`.", usage: "!Sub 'arn:${AWS::Partition}:s3:::${Bucket}/*'", page: "intrinsic-function-reference-sub.html" },
    Function { name: "Fn::Join", tag: "Join", summary: "The items of a list joined with a delimiter.", usage: "!Join [':', [a, b, c]]", page: "intrinsic-function-reference-join.html" },
    Function { name: "Fn::Select", tag: "Select", summary: "One item of a list, by its 0-based index.", usage: "!Select [0, !GetAZs '']", page: "intrinsic-function-reference-select.html" },
    Function { name: "Fn::Split", tag: "Split", summary: "A string cut into a list at each delimiter.", usage: "!Split [',', !Ref Subnets]", page: "intrinsic-function-reference-split.html" },
    Function { name: "Fn::If", tag: "If", summary: "The second argument when the condition is true, the third otherwise; `!Ref AWS::NoValue` removes the property.", usage: "!If [Condition, WhenTrue, WhenFalse]", page: "intrinsic-function-reference-conditions.html#intrinsic-function-reference-conditions-if" },
    Function { name: "Fn::Equals", tag: "Equals", summary: "True when both values are equal. Used in `Conditions`.", usage: "!Equals [!Ref Stage, prod]", page: "intrinsic-function-reference-conditions.html#intrinsic-function-reference-conditions-equals" },
    Function { name: "Fn::And", tag: "And", summary: "True when every condition (2 to 10) is true.", usage: "!And [!Condition A, !Condition B]", page: "intrinsic-function-reference-conditions.html#intrinsic-function-reference-conditions-and" },
    Function { name: "Fn::Or", tag: "Or", summary: "True when any condition (2 to 10) is true.", usage: "!Or [!Condition A, !Condition B]", page: "intrinsic-function-reference-conditions.html#intrinsic-function-reference-conditions-or" },
    Function { name: "Fn::Not", tag: "Not", summary: "The negation of one condition.", usage: "!Not [!Condition A]", page: "intrinsic-function-reference-conditions.html#intrinsic-function-reference-conditions-not" },
    Function { name: "Condition", tag: "Condition", summary: "Another condition's value, inside `Conditions`.", usage: "!Condition IsProd", page: "intrinsic-function-reference-conditions.html" },
    Function { name: "Fn::FindInMap", tag: "FindInMap", summary: "A value from the `Mappings` section, by mapping name, top-level key and second-level key.", usage: "!FindInMap [Mapping, !Ref AWS::Region, Key]", page: "intrinsic-function-reference-findinmap.html" },
    Function { name: "Fn::Base64", tag: "Base64", summary: "A string in Base64, as EC2 user data expects.", usage: "!Base64 !Sub '...'", page: "intrinsic-function-reference-base64.html" },
    Function { name: "Fn::Cidr", tag: "Cidr", summary: "A list of CIDR blocks carved out of one: block, count, bits of host part.", usage: "!Cidr [!GetAtt Vpc.CidrBlock, 6, 8]", page: "intrinsic-function-reference-cidr.html" },
    Function { name: "Fn::ImportValue", tag: "ImportValue", summary: "An output exported by another stack, by its export name.", usage: "!ImportValue network-VpcId", page: "intrinsic-function-reference-importvalue.html" },
    Function { name: "Fn::GetAZs", tag: "GetAZs", summary: "The Availability Zones of a region (`''` is the stack's region).", usage: "!GetAZs ''", page: "intrinsic-function-reference-getavailabilityzones.html" },
    Function { name: "Fn::Transform", tag: "Transform", summary: "Runs a macro on part of the template.", usage: "!Transform {Name: AWS::Include, Parameters: {Location: s3://...}}", page: "intrinsic-function-reference-transform.html" },
    Function { name: "Fn::ToJsonString", tag: "ToJsonString", summary: "An object or list as a JSON string; needs `Transform: AWS::LanguageExtensions`.", usage: "!ToJsonString {key: value}", page: "intrinsic-function-reference-ToJsonString.html" },
    Function { name: "Fn::Length", tag: "Length", summary: "The number of items of a list; needs `Transform: AWS::LanguageExtensions`.", usage: "!Length [a, b]", page: "intrinsic-function-reference-length.html" },
    Function { name: "Fn::ForEach", tag: "ForEach", summary: "Repeats a template fragment for each item of a list; needs `Transform: AWS::LanguageExtensions`.", usage: "Fn::ForEach::Topics: [Name, [A, B], {...}]", page: "intrinsic-function-reference-foreach.html" },
    Function { name: "Fn::Contains", tag: "Contains", summary: "Rules only: true when a value is one of a list.", usage: "!Contains [[a, b], !Ref Param]", page: "rules-section-structure.html" },
    Function { name: "Fn::EachMemberEquals", tag: "EachMemberEquals", summary: "Rules only: true when every item of a list equals a value.", usage: "!EachMemberEquals [!Ref List, value]", page: "rules-section-structure.html" },
    Function { name: "Fn::EachMemberIn", tag: "EachMemberIn", summary: "Rules only: true when every item of a list is in another list.", usage: "!EachMemberIn [!Ref List, [a, b]]", page: "rules-section-structure.html" },
    Function { name: "Fn::RefAll", tag: "RefAll", summary: "Rules only: every value of a parameter type in the account and region.", usage: "!RefAll AWS::EC2::VPC::Id", page: "rules-section-structure.html" },
    Function { name: "Fn::ValueOf", tag: "ValueOf", summary: "Rules only: an attribute of a parameter's value.", usage: "!ValueOf [Param, Tags]", page: "rules-section-structure.html" },
    Function { name: "Fn::ValueOfAll", tag: "ValueOfAll", summary: "Rules only: an attribute of every value of a parameter type.", usage: "!ValueOfAll [AWS::EC2::VPC::Id, Tags]", page: "rules-section-structure.html" },
];

pub fn function(name: &str) -> Option<&'static Function> {
    FUNCTIONS.iter().find(|f| f.name == name)
}

impl Function {
    pub fn markdown(&self) -> String {
        format!(
            "**{}** (`!{}`)\n\n{}\n\n```yaml\n{}\n```\n\n[Reference]({GUIDE}/{})",
            self.name, self.tag, self.summary, self.usage, self.page
        )
    }

    /// The functions a condition list or a rule may use; the others fit any value.
    pub fn is_rules_only(&self) -> bool {
        self.page == "rules-section-structure.html"
    }
}

pub const SECTIONS: &[(&str, &str)] = &[
    ("AWSTemplateFormatVersion", "The template format version; the only one is `2010-09-09`."),
    ("Description", "A text describing the template, up to 1,024 bytes."),
    ("Metadata", "Objects with more information about the template, read by tools (cfn-lint, the console's parameter groups, slint's `ignore` list)."),
    ("Parameters", "Values given when a stack is created or updated, read with `Ref` and `${}`."),
    ("Rules", "Checks of parameter values before CloudFormation creates or updates a stack."),
    ("Mappings", "Lookup tables read with `Fn::FindInMap`: mapping, top-level key, second-level key."),
    ("Conditions", "Named conditions that decide whether a resource or output is created and which `Fn::If` branch is taken."),
    ("Transform", "Macros CloudFormation runs on the template, such as `AWS::Serverless-2016-10-31` for SAM."),
    ("Globals", "SAM: properties shared by every function, API, HTTP API, table, state machine or layer of the template."),
    ("Resources", "The resources of the stack: the one required section."),
    ("Outputs", "Values the stack returns, optionally exported for other stacks' `Fn::ImportValue`."),
    ("Hooks", "Blue/green deployment hooks for ECS (`AWS::CodeDeploy::BlueGreen`)."),
];

pub fn section(name: &str) -> Option<&'static str> {
    SECTIONS.iter().find(|(n, _)| *n == name).map(|(_, d)| *d)
}

pub const RESOURCE_ATTRIBUTES: &[(&str, &str)] = &[
    ("Type", "The resource type, `AWS::Service::Resource`, `Custom::Name` or a SAM `AWS::Serverless::` type."),
    ("Properties", "The resource's settings, as its type's schema defines them."),
    ("DependsOn", "Resources that must be created before this one (and deleted after it), beyond those it references."),
    ("Condition", "The condition that decides whether the resource is created."),
    ("DeletionPolicy", "What happens to the resource when it leaves the stack: `Delete`, `Retain`, `RetainExceptOnCreate` or `Snapshot`."),
    ("UpdateReplacePolicy", "What happens to the old resource when an update replaces it: `Delete`, `Retain` or `Snapshot`."),
    ("Metadata", "Data about the resource for tools; `slint: ignore: [CODE]` silences slint findings on it."),
    ("CreationPolicy", "Waits for signals (or an Auto Scaling group's instances) before the resource counts as created."),
    ("UpdatePolicy", "How updates of Auto Scaling groups, ElastiCache groups, OpenSearch domains and Lambda aliases are carried out."),
    ("IgnoreGlobals", "SAM: properties of `Globals` this resource does not take, or `'*'` for all of them."),
];

pub fn resource_attribute(name: &str) -> Option<&'static str> {
    RESOURCE_ATTRIBUTES.iter().find(|(n, _)| *n == name).map(|(_, d)| *d)
}

pub const PARAMETER_ATTRIBUTES: &[&str] = &[
    "Type",
    "Default",
    "Description",
    "AllowedValues",
    "AllowedPattern",
    "ConstraintDescription",
    "MinLength",
    "MaxLength",
    "MinValue",
    "MaxValue",
    "NoEcho",
];

pub const OUTPUT_ATTRIBUTES: &[&str] = &["Value", "Description", "Export", "Condition"];

pub const PSEUDO_PARAMETERS: &[(&str, &str)] = &[
    ("AWS::AccountId", "The id of the account the stack is in, such as `123456789012`."),
    ("AWS::NotificationARNs", "The SNS topics that receive the stack's events."),
    ("AWS::NoValue", "Removes the property it is the value of; usually the other branch of `Fn::If`."),
    ("AWS::Partition", "The partition of the region: `aws`, `aws-cn` or `aws-us-gov`."),
    ("AWS::Region", "The region the stack is in, such as `us-east-1`."),
    ("AWS::StackId", "The stack's ARN."),
    ("AWS::StackName", "The stack's name."),
    ("AWS::URLSuffix", "The domain suffix of the region: `amazonaws.com`, or `amazonaws.com.cn` in China."),
];

pub fn pseudo_parameter(name: &str) -> Option<&'static str> {
    PSEUDO_PARAMETERS.iter().find(|(n, _)| *n == name).map(|(_, d)| *d)
}

pub const PARAMETER_TYPES: &[&str] = &[
    "String",
    "Number",
    "List<Number>",
    "CommaDelimitedList",
    "AWS::EC2::AvailabilityZone::Name",
    "AWS::EC2::Image::Id",
    "AWS::EC2::Instance::Id",
    "AWS::EC2::KeyPair::KeyName",
    "AWS::EC2::SecurityGroup::GroupName",
    "AWS::EC2::SecurityGroup::Id",
    "AWS::EC2::Subnet::Id",
    "AWS::EC2::Volume::Id",
    "AWS::EC2::VPC::Id",
    "AWS::Route53::HostedZone::Id",
    "List<AWS::EC2::AvailabilityZone::Name>",
    "List<AWS::EC2::Image::Id>",
    "List<AWS::EC2::Instance::Id>",
    "List<AWS::EC2::SecurityGroup::GroupName>",
    "List<AWS::EC2::SecurityGroup::Id>",
    "List<AWS::EC2::Subnet::Id>",
    "List<AWS::EC2::Volume::Id>",
    "List<AWS::EC2::VPC::Id>",
    "List<AWS::Route53::HostedZone::Id>",
    "AWS::SSM::Parameter::Name",
    "AWS::SSM::Parameter::Value<String>",
    "AWS::SSM::Parameter::Value<List<String>>",
    "AWS::SSM::Parameter::Value<CommaDelimitedList>",
];

const SAM_GUIDE: &str = "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide";

/// SAM's resource types: what each becomes, and the CloudFormation type whose attributes
/// `Fn::GetAtt` reads.
pub const SAM_TYPES: &[(&str, &str, Option<&str>, &str)] = &[
    ("AWS::Serverless::Function", "A Lambda function with its execution role, event sources and permissions.", Some("AWS::Lambda::Function"), "sam-resource-function.html"),
    ("AWS::Serverless::Api", "An API Gateway REST API with its deployment and stage, from inline events or an OpenAPI definition.", Some("AWS::ApiGateway::RestApi"), "sam-resource-api.html"),
    ("AWS::Serverless::HttpApi", "An API Gateway HTTP API with its stage.", Some("AWS::ApiGatewayV2::Api"), "sam-resource-httpapi.html"),
    ("AWS::Serverless::SimpleTable", "A DynamoDB table with a single-attribute primary key.", Some("AWS::DynamoDB::Table"), "sam-resource-simpletable.html"),
    ("AWS::Serverless::StateMachine", "A Step Functions state machine with its role and event sources.", Some("AWS::StepFunctions::StateMachine"), "sam-resource-statemachine.html"),
    ("AWS::Serverless::LayerVersion", "A Lambda layer version.", Some("AWS::Lambda::LayerVersion"), "sam-resource-layerversion.html"),
    ("AWS::Serverless::Application", "A nested application from the Serverless Application Repository or S3.", Some("AWS::CloudFormation::Stack"), "sam-resource-application.html"),
    ("AWS::Serverless::Connector", "Permissions between two resources, written as a source, a destination and the access.", None, "sam-resource-connector.html"),
    ("AWS::Serverless::GraphQLApi", "An AppSync GraphQL API with its schema, resolvers and data sources.", Some("AWS::AppSync::GraphQLApi"), "sam-resource-graphqlapi.html"),
    ("AWS::Serverless::WebSocketApi", "An API Gateway WebSocket API with its routes and stage.", Some("AWS::ApiGatewayV2::Api"), "sam-resource-websocketapi.html"),
    ("AWS::Serverless::CapacityProvider", "Lambda managed instances capacity for functions.", None, "sam-resource-capacityprovider.html"),
];

pub fn sam_type(name: &str) -> Option<(&'static str, Option<&'static str>, String)> {
    SAM_TYPES.iter().find(|(n, ..)| *n == name).map(|(_, summary, underlying, page)| (*summary, *underlying, format!("{SAM_GUIDE}/{page}")))
}

/// SAM event source types of a function's `Events`.
pub const SAM_EVENT_TYPES: &[(&str, &str)] = &[
    ("Api", "An API Gateway REST API route (the implicit `ServerlessRestApi`, or `RestApiId`)."),
    ("HttpApi", "An API Gateway HTTP API route (the implicit `ServerlessHttpApi`, or `ApiId`)."),
    ("S3", "Object events of a bucket of the same template."),
    ("SNS", "Messages published to a topic."),
    ("SQS", "Messages of a queue, polled in batches."),
    ("Kinesis", "Records of a Kinesis stream, polled in batches."),
    ("DynamoDB", "Records of a DynamoDB stream, polled in batches."),
    ("Schedule", "An EventBridge rule on a schedule (`rate(5 minutes)`, `cron(...)`)."),
    ("ScheduleV2", "An EventBridge Scheduler schedule."),
    ("EventBridgeRule", "Events matching an EventBridge pattern."),
    ("CloudWatchEvent", "Events matching a pattern (the older name of `EventBridgeRule`)."),
    ("CloudWatchLogs", "Log events of a log group, through a subscription filter."),
    ("IoTRule", "Messages matching an IoT SQL statement."),
    ("AlexaSkill", "Requests of an Alexa skill."),
    ("Cognito", "Triggers of a Cognito user pool."),
    ("MSK", "Records of an Amazon MSK topic."),
    ("MQ", "Messages of an Amazon MQ broker."),
    ("SelfManagedKafka", "Records of a self-managed Kafka topic."),
    ("DocumentDB", "Change events of a DocumentDB collection."),
];

pub fn sam_event_type(name: &str) -> Option<&'static str> {
    SAM_EVENT_TYPES.iter().find(|(n, _)| *n == name).map(|(_, d)| *d)
}

/// The documentation page of a CloudFormation resource type, built the way AWS names them.
pub fn resource_type_page(type_name: &str) -> Option<String> {
    if let Some((_, _, page)) = sam_type(type_name) {
        return Some(page);
    }
    let mut parts = type_name.split("::");
    let (Some("AWS"), Some(service), Some(resource), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return None;
    };
    Some(format!("{GUIDE}/aws-resource-{}-{}.html", service.to_ascii_lowercase(), resource.to_ascii_lowercase()))
}
