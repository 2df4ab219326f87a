//! Template values as one deployment sees them: every parameter has its override or Default,
//! every condition is decided, and resources have the names and ARNs the local preview gives them.
//!
//! The linter's evaluator answers "what could this be?"; running a function needs "what is it?",
//! one value per property, which is why the preview has its own small evaluator.

use std::collections::BTreeMap;

use base64::Engine;
use serde_json::{Map as JsonMap, Value as Json};
use slint_linter::syntax::{Node, Value};
use slint_linter::template::{sub_variables, Template};

/// A value the template only gets once deployed (or never gets locally), with the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unresolved(pub String);

impl std::fmt::Display for Unresolved {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where the local deployment lives; AWS's pseudo parameters come from here.
#[derive(Clone, Debug)]
pub struct Settings {
    pub region: String,
    pub account_id: String,
    pub stack_name: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            region: std::env::var("AWS_REGION")
                .or_else(|_| std::env::var("AWS_DEFAULT_REGION"))
                .unwrap_or_else(|_| "us-east-1".to_owned()),
            account_id: "123456789012".to_owned(),
            stack_name: "slint-local".to_owned(),
        }
    }
}

const MAX_DEPTH: usize = 32;

/// One deployment of a template.
pub struct Deployment<'t> {
    template: &'t Template<'t>,
    pub settings: Settings,
}

impl<'t> Deployment<'t> {
    pub fn new(template: &'t Template<'t>, settings: Settings) -> Self {
        Deployment { template, settings }
    }

    pub fn template(&self) -> &'t Template<'t> {
        self.template
    }

    /// Parameters that have neither an override nor a Default, which a deployment would refuse.
    pub fn missing_parameters(&self) -> Vec<&'t str> {
        self.template
            .parameters
            .iter()
            .filter(|p| !self.template.parameter_overrides.contains_key(p.name) && p.node.get("Default").is_none())
            .map(|p| p.name)
            .collect()
    }

    /// Overrides that name no parameter of the template.
    pub fn unknown_overrides(&self) -> Vec<&str> {
        self.template
            .parameter_overrides
            .keys()
            .filter(|name| self.template.parameter(name).is_none())
            .map(String::as_str)
            .collect()
    }

    /// The value of a node; `Ok(None)` when it is `!Ref AWS::NoValue` (the property is removed).
    pub fn value(&self, node: &Node) -> Result<Option<Json>, Unresolved> {
        self.evaluate(node, 0)
    }

    /// The value of a node that must be a string (numbers and booleans are written as text, the
    /// way CloudFormation passes them to a resource).
    pub fn string(&self, node: &Node) -> Result<String, Unresolved> {
        match self.value(node)? {
            Some(value) => as_text(&value).ok_or_else(|| Unresolved(format!("expected a string, found {}", kind_of(&value)))),
            None => Err(Unresolved("the value is removed by `AWS::NoValue`".to_owned())),
        }
    }

    /// Whether a named condition holds.
    pub fn condition(&self, name: &str) -> Result<bool, Unresolved> {
        self.condition_at(name, 0)
    }

    /// Whether a resource exists in this deployment (its `Condition`, if any, holds).
    pub fn is_deployed(&self, logical_id: &str) -> Result<bool, Unresolved> {
        match self.template.resource(logical_id).and_then(|r| r.attribute("Condition")).and_then(Node::as_str) {
            Some(condition) => self.condition(condition),
            None => Ok(true),
        }
    }

    /// The name the local deployment gives a resource: its name property when the template sets
    /// one, otherwise its logical id (with `.fifo` for a FIFO queue, as SQS requires).
    pub fn physical_name(&self, logical_id: &str) -> String {
        let Some(resource) = self.template.resource(logical_id) else { return logical_id.to_owned() };
        let type_name = resource.type_name.unwrap_or_default();
        if let Some(key) = name_property(type_name) {
            if let Some(name) = resource.property(key).and_then(|n| self.string(n).ok()) {
                return name;
            }
        }
        let fifo = type_name == "AWS::SQS::Queue"
            && resource.property("FifoQueue").and_then(|n| self.string(n).ok()).is_some_and(|v| v == "true");
        if fifo {
            format!("{logical_id}.fifo")
        } else {
            logical_id.to_owned()
        }
    }

    /// The ARN of a resource of the template, for the types whose ARN follows from the name.
    pub fn arn(&self, logical_id: &str) -> Option<String> {
        let type_name = self.template.type_of(logical_id)?;
        let name = self.physical_name(logical_id);
        let Settings { region, account_id, .. } = &self.settings;
        Some(match type_name {
            "AWS::DynamoDB::Table" | "AWS::DynamoDB::GlobalTable" | "AWS::Serverless::SimpleTable" => {
                format!("arn:aws:dynamodb:{region}:{account_id}:table/{name}")
            }
            "AWS::SQS::Queue" => format!("arn:aws:sqs:{region}:{account_id}:{name}"),
            "AWS::SNS::Topic" => format!("arn:aws:sns:{region}:{account_id}:{name}"),
            "AWS::S3::Bucket" => format!("arn:aws:s3:::{name}"),
            "AWS::Lambda::Function" | "AWS::Serverless::Function" => format!("arn:aws:lambda:{region}:{account_id}:function:{name}"),
            "AWS::StepFunctions::StateMachine" | "AWS::Serverless::StateMachine" => {
                format!("arn:aws:states:{region}:{account_id}:stateMachine:{name}")
            }
            "AWS::Events::EventBus" => format!("arn:aws:events:{region}:{account_id}:event-bus/{name}"),
            "AWS::Events::Rule" => format!("arn:aws:events:{region}:{account_id}:rule/{name}"),
            "AWS::IAM::Role" => format!("arn:aws:iam::{account_id}:role/{name}"),
            "AWS::Kinesis::Stream" => format!("arn:aws:kinesis:{region}:{account_id}:stream/{name}"),
            "AWS::Logs::LogGroup" => format!("arn:aws:logs:{region}:{account_id}:log-group:{name}:*"),
            "AWS::SecretsManager::Secret" => format!("arn:aws:secretsmanager:{region}:{account_id}:secret:{name}"),
            "AWS::SSM::Parameter" => format!("arn:aws:ssm:{region}:{account_id}:parameter/{}", name.trim_start_matches('/')),
            "AWS::Lambda::LayerVersion" | "AWS::Serverless::LayerVersion" => {
                format!("arn:aws:lambda:{region}:{account_id}:layer:{name}:1")
            }
            _ => return None,
        })
    }

    /// A stable id for an API, so that URLs built from `!Ref Api` stay the same between runs.
    pub fn api_id(&self, logical_id: &str) -> String {
        stable_id(logical_id, 10)
    }

    fn evaluate(&self, node: &Node, depth: usize) -> Result<Option<Json>, Unresolved> {
        if depth > MAX_DEPTH {
            return Err(Unresolved("the value nests intrinsic functions too deeply".to_owned()));
        }
        let depth = depth + 1;
        if let Some((function, args)) = node.intrinsic() {
            return self.intrinsic(function, args, depth);
        }
        Ok(Some(match &node.value {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(*b),
            Value::Number(n) => number(*n),
            Value::String(s) => Json::String(s.to_string()),
            Value::Seq(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    out.extend(self.evaluate(item, depth)?);
                }
                Json::Array(out)
            }
            Value::Map(map) => {
                let mut out = JsonMap::new();
                for (key, value) in map.iter() {
                    if let Some(value) = self.evaluate(value, depth)? {
                        out.insert(key.to_owned(), value);
                    }
                }
                Json::Object(out)
            }
        }))
    }

    fn intrinsic(&self, function: &str, args: &Node, depth: usize) -> Result<Option<Json>, Unresolved> {
        let seq = || args.as_seq().ok_or_else(|| Unresolved(format!("`{function}` expects a list")));
        let text = |node: &Node| -> Result<String, Unresolved> {
            let value = self.evaluate(node, depth)?.ok_or_else(|| Unresolved("`AWS::NoValue` where a string is needed".to_owned()))?;
            as_text(&value).ok_or_else(|| Unresolved(format!("`{function}` expects a string, found {}", kind_of(&value))))
        };
        let list = |node: &Node| -> Result<Vec<Json>, Unresolved> {
            match self.evaluate(node, depth)? {
                Some(Json::Array(items)) => Ok(items),
                Some(other) => Err(Unresolved(format!("`{function}` expects a list, found {}", kind_of(&other)))),
                None => Ok(Vec::new()),
            }
        };
        match function {
            "Ref" => {
                let name = args.as_str().ok_or_else(|| Unresolved("`Ref` expects a name".to_owned()))?;
                self.reference(name)
            }
            "Fn::GetAtt" => {
                let (resource, attribute) = match &args.value {
                    Value::String(s) => s.split_once('.').map(|(r, a)| (r.to_owned(), a.to_owned())),
                    Value::Seq(items) if items.len() == 2 => Some((text(&items[0])?, text(&items[1])?)),
                    _ => None,
                }
                .ok_or_else(|| Unresolved("`Fn::GetAtt` expects `Resource.Attribute`".to_owned()))?;
                self.attribute(&resource, &attribute).map(Some)
            }
            "Fn::Sub" => self.sub(args, depth).map(|s| Some(Json::String(s))),
            "Fn::Join" => {
                let [delimiter, items] = seq()? else { return Err(Unresolved("`Fn::Join` expects [delimiter, list]".to_owned())) };
                let delimiter = text(delimiter)?;
                let parts = list(items)?
                    .iter()
                    .map(|item| as_text(item).ok_or_else(|| Unresolved(format!("`Fn::Join` cannot join {}", kind_of(item)))))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(Some(Json::String(parts.join(&delimiter))))
            }
            "Fn::Select" => {
                let [index, items] = seq()? else { return Err(Unresolved("`Fn::Select` expects [index, list]".to_owned())) };
                let index: usize = text(index)?.trim().parse().map_err(|_| Unresolved("`Fn::Select` index is not a number".to_owned()))?;
                list(items)?.into_iter().nth(index).map(Some).ok_or_else(|| Unresolved(format!("`Fn::Select` index {index} is out of range")))
            }
            "Fn::Split" => {
                let [delimiter, source] = seq()? else { return Err(Unresolved("`Fn::Split` expects [delimiter, string]".to_owned())) };
                let delimiter = text(delimiter)?;
                if delimiter.is_empty() {
                    return Err(Unresolved("`Fn::Split` needs a delimiter".to_owned()));
                }
                Ok(Some(Json::Array(text(source)?.split(delimiter.as_str()).map(|s| Json::String(s.to_owned())).collect())))
            }
            "Fn::If" => {
                let [condition, when_true, when_false] = seq()? else {
                    return Err(Unresolved("`Fn::If` expects [condition, value, value]".to_owned()));
                };
                let name = condition.as_str().ok_or_else(|| Unresolved("`Fn::If` names a condition".to_owned()))?;
                self.evaluate(if self.condition_at(name, depth)? { when_true } else { when_false }, depth)
            }
            "Fn::FindInMap" => self.find_in_map(seq()?, depth),
            "Fn::Base64" => Ok(Some(Json::String(base64::engine::general_purpose::STANDARD.encode(text(args)?)))),
            "Fn::GetAZs" => {
                let region = match text(args)? {
                    empty if empty.is_empty() => self.settings.region.clone(),
                    region => region,
                };
                Ok(Some(Json::Array(["a", "b", "c"].iter().map(|zone| Json::String(format!("{region}{zone}"))).collect())))
            }
            "Fn::Length" => Ok(Some(Json::from(list(args)?.len()))),
            "Fn::ToJsonString" => {
                let value = self.evaluate(args, depth)?.unwrap_or(Json::Null);
                Ok(Some(Json::String(value.to_string())))
            }
            "Fn::ImportValue" => Err(Unresolved("`Fn::ImportValue` reads another stack's output, which only exists once deployed".to_owned())),
            other => Err(Unresolved(format!("`{other}` is only evaluated by CloudFormation at deployment"))),
        }
    }

    fn reference(&self, name: &str) -> Result<Option<Json>, Unresolved> {
        let Settings { region, account_id, stack_name } = &self.settings;
        let pseudo = match name {
            "AWS::NoValue" => return Ok(None),
            "AWS::Region" => region.clone(),
            "AWS::AccountId" => account_id.clone(),
            "AWS::StackName" => stack_name.clone(),
            "AWS::StackId" => format!("arn:aws:cloudformation:{region}:{account_id}:stack/{stack_name}/{}", stable_uuid(stack_name)),
            "AWS::Partition" => "aws".to_owned(),
            "AWS::URLSuffix" => "amazonaws.com".to_owned(),
            "AWS::NotificationARNs" => return Ok(Some(Json::Array(Vec::new()))),
            _ => String::new(),
        };
        if !pseudo.is_empty() {
            return Ok(Some(Json::String(pseudo)));
        }
        if let Some(parameter) = self.template.parameter(name) {
            return self.parameter_value(name, parameter.node).map(Some);
        }
        if let Some((function, "Alias" | "Version")) = name.split_once('.') {
            if self.template.resource(function).is_some() {
                return Ok(Some(Json::String(format!("{}:$LATEST", self.arn(function).unwrap_or_default()))));
            }
        }
        let type_name = self.template.type_of(name).ok_or_else(|| Unresolved(format!("`{name}` is not a parameter or resource of the template")))?;
        let physical = self.physical_name(name);
        let Settings { region, account_id, .. } = &self.settings;
        Ok(Some(Json::String(match type_name {
            "AWS::SQS::Queue" => format!("https://sqs.{region}.amazonaws.com/{account_id}/{physical}"),
            "AWS::SNS::Topic"
            | "AWS::StepFunctions::StateMachine"
            | "AWS::Serverless::StateMachine"
            | "AWS::SecretsManager::Secret"
            | "AWS::Lambda::LayerVersion"
            | "AWS::Serverless::LayerVersion" => self.arn(name).unwrap_or(physical),
            "AWS::Serverless::Api" | "AWS::ApiGateway::RestApi" | "AWS::Serverless::HttpApi" | "AWS::ApiGatewayV2::Api" => self.api_id(name),
            _ => physical,
        })))
    }

    fn parameter_value(&self, name: &str, parameter: &Node) -> Result<Json, Unresolved> {
        let text = match self.template.parameter_overrides.get(name) {
            Some(value) => value.clone(),
            None => {
                let default = parameter
                    .get("Default")
                    .ok_or_else(|| Unresolved(format!("parameter `{name}` has no Default; give it with --parameter-overrides {name}=VALUE")))?;
                default.as_scalar_string().map(|s| s.into_owned()).or_else(|| default.as_seq().map(|items| {
                    items.iter().filter_map(|i| i.as_scalar_string()).collect::<Vec<_>>().join(",")
                })).ok_or_else(|| Unresolved(format!("parameter `{name}` has a Default that is not a string")))?
            }
        };
        let type_name = parameter.get("Type").and_then(Node::as_str).unwrap_or("String");
        if type_name.starts_with("AWS::SSM::Parameter::Value") {
            return Err(Unresolved(format!(
                "parameter `{name}` is read from SSM Parameter Store (`{text}`) at deployment; give its value with --parameter-overrides {name}=VALUE"
            )));
        }
        if type_name == "CommaDelimitedList" || type_name.starts_with("List<") {
            return Ok(Json::Array(text.split(',').map(|s| Json::String(s.trim().to_owned())).collect()));
        }
        Ok(Json::String(text))
    }

    fn attribute(&self, logical_id: &str, attribute: &str) -> Result<Json, Unresolved> {
        let type_name = self.template.type_of(logical_id).ok_or_else(|| Unresolved(format!("`{logical_id}` is not a resource of the template")))?;
        let unknown = || Unresolved(format!("`{logical_id}.{attribute}` is only known once the stack is deployed"));
        let name = self.physical_name(logical_id);
        let Settings { region, account_id, .. } = &self.settings;
        let text = match (type_name, attribute) {
            (_, "Arn") => self.arn(logical_id).ok_or_else(unknown)?,
            ("AWS::DynamoDB::Table" | "AWS::DynamoDB::GlobalTable", "StreamArn") => {
                format!("{}/stream/1970-01-01T00:00:00.000", self.arn(logical_id).ok_or_else(unknown)?)
            }
            ("AWS::SQS::Queue", "QueueName") => name,
            ("AWS::SQS::Queue", "QueueUrl") => format!("https://sqs.{region}.amazonaws.com/{account_id}/{name}"),
            ("AWS::SNS::Topic", "TopicName") => name,
            ("AWS::SNS::Topic", "TopicArn") => self.arn(logical_id).ok_or_else(unknown)?,
            ("AWS::S3::Bucket", "DomainName") => format!("{name}.s3.amazonaws.com"),
            ("AWS::S3::Bucket", "RegionalDomainName") => format!("{name}.s3.{region}.amazonaws.com"),
            ("AWS::StepFunctions::StateMachine" | "AWS::Serverless::StateMachine", "Name") => name,
            ("AWS::Events::EventBus", "Name") => name,
            ("AWS::Kinesis::Stream", "Name") => name,
            ("AWS::Serverless::HttpApi" | "AWS::ApiGatewayV2::Api", "ApiEndpoint") => {
                format!("https://{}.execute-api.{region}.amazonaws.com", self.api_id(logical_id))
            }
            ("AWS::Serverless::HttpApi" | "AWS::ApiGatewayV2::Api", "ApiId") => self.api_id(logical_id),
            ("AWS::ApiGateway::RestApi" | "AWS::Serverless::Api", "RestApiId") => self.api_id(logical_id),
            _ => return Err(unknown()),
        };
        Ok(Json::String(text))
    }

    fn sub(&self, args: &Node, depth: usize) -> Result<String, Unresolved> {
        let (template, locals) = match &args.value {
            Value::String(text) => (text.as_str(), None),
            Value::Seq(items) => (
                items.first().and_then(Node::as_str).ok_or_else(|| Unresolved("`Fn::Sub` expects a string".to_owned()))?,
                items.get(1).and_then(Node::as_map),
            ),
            _ => return Err(Unresolved("`Fn::Sub` expects a string or [string, variables]".to_owned())),
        };
        let mut out = String::with_capacity(template.len());
        let mut last = 0;
        for variable in sub_variables(template) {
            out.push_str(&template[last..variable.start].replace("${!", "${"));
            let value = match locals.and_then(|l| l.get(variable.name)) {
                Some(local) => self.evaluate(local, depth)?,
                None => match variable.name.split_once('.') {
                    Some((resource, attribute)) if self.template.parameter(variable.name).is_none() && !variable.name.starts_with("AWS::") => {
                        Some(self.attribute(resource, attribute)?)
                    }
                    _ => self.reference(variable.name)?,
                },
            };
            let value = value.ok_or_else(|| Unresolved(format!("`${{{}}}` is `AWS::NoValue`", variable.name)))?;
            out.push_str(&as_text(&value).ok_or_else(|| Unresolved(format!("`${{{}}}` is {}, not a string", variable.name, kind_of(&value))))?);
            last = variable.end;
        }
        out.push_str(&template[last..].replace("${!", "${"));
        Ok(out)
    }

    fn find_in_map(&self, args: &[Node], depth: usize) -> Result<Option<Json>, Unresolved> {
        let (map_name, top, second) = match args {
            [m, t, s, ..] => (m, t, s),
            _ => return Err(Unresolved("`Fn::FindInMap` expects [map, key, key]".to_owned())),
        };
        let text = |node: &Node| self.evaluate(node, depth).map(|v| v.and_then(|v| as_text(&v)));
        let (Some(map_name), Some(top), Some(second)) = (text(map_name)?, text(top)?, text(second)?) else {
            return Err(Unresolved("`Fn::FindInMap` keys must be strings".to_owned()));
        };
        let found = self.template.mapping(&map_name).and_then(|m| m.node.get(&top)).and_then(|level| level.get(&second));
        match (found, args.get(3).and_then(|d| d.get("DefaultValue"))) {
            (Some(value), _) => self.evaluate(value, depth),
            (None, Some(default)) => self.evaluate(default, depth),
            (None, None) => Err(Unresolved(format!("mapping `{map_name}` has no `{top}` / `{second}` entry"))),
        }
    }

    fn condition_at(&self, name: &str, depth: usize) -> Result<bool, Unresolved> {
        if depth > MAX_DEPTH {
            return Err(Unresolved(format!("condition `{name}` refers to itself")));
        }
        let condition = self.template.condition(name).ok_or_else(|| Unresolved(format!("condition `{name}` is not defined")))?;
        self.decide(condition.node, depth + 1)
    }

    fn decide(&self, node: &Node, depth: usize) -> Result<bool, Unresolved> {
        if depth > MAX_DEPTH {
            return Err(Unresolved("conditions nest too deeply".to_owned()));
        }
        if let Some(name) = node.get("Condition").and_then(Node::as_str) {
            return self.condition_at(name, depth);
        }
        let Some((function, args)) = node.intrinsic() else {
            return node.as_bool().ok_or_else(|| Unresolved("a condition must be a condition function".to_owned()));
        };
        let items = args.as_seq().unwrap_or_default();
        match function {
            "Fn::Equals" => {
                let [a, b] = items else { return Err(Unresolved("`Fn::Equals` expects two values".to_owned())) };
                let a = self.evaluate(a, depth)?;
                let b = self.evaluate(b, depth)?;
                Ok(a.as_ref().and_then(as_text) == b.as_ref().and_then(as_text) && a.is_some() == b.is_some())
            }
            "Fn::Not" => Ok(!self.decide(items.first().ok_or_else(|| Unresolved("`Fn::Not` expects a condition".to_owned()))?, depth + 1)?),
            "Fn::And" => {
                for item in items {
                    if !self.decide(item, depth + 1)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            "Fn::Or" => {
                for item in items {
                    if self.decide(item, depth + 1)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            other => Err(Unresolved(format!("`{other}` is not a condition function"))),
        }
    }
}

/// The property that names a resource of a type, when the type has one.
fn name_property(type_name: &str) -> Option<&'static str> {
    Some(match type_name {
        "AWS::DynamoDB::Table" | "AWS::DynamoDB::GlobalTable" | "AWS::Serverless::SimpleTable" => "TableName",
        "AWS::SQS::Queue" => "QueueName",
        "AWS::SNS::Topic" => "TopicName",
        "AWS::S3::Bucket" => "BucketName",
        "AWS::Lambda::Function" | "AWS::Serverless::Function" => "FunctionName",
        "AWS::StepFunctions::StateMachine" => "StateMachineName",
        "AWS::Serverless::StateMachine" | "AWS::Events::EventBus" | "AWS::Events::Rule" | "AWS::Kinesis::Stream" => "Name",
        "AWS::SSM::Parameter" | "AWS::SecretsManager::Secret" => "Name",
        "AWS::IAM::Role" => "RoleName",
        "AWS::Logs::LogGroup" => "LogGroupName",
        "AWS::Lambda::LayerVersion" | "AWS::Serverless::LayerVersion" => "LayerName",
        _ => return None,
    })
}

/// Strings, numbers and booleans as CloudFormation passes them as text.
pub fn as_text(value: &Json) -> Option<String> {
    match value {
        Json::String(s) => Some(s.clone()),
        Json::Number(n) => Some(n.to_string()),
        Json::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn kind_of(value: &Json) -> &'static str {
    match value {
        Json::Null => "null",
        Json::Bool(_) => "a boolean",
        Json::Number(_) => "a number",
        Json::String(_) => "a string",
        Json::Array(_) => "a list",
        Json::Object(_) => "a mapping",
    }
}

fn number(n: f64) -> Json {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        Json::from(n as i64)
    } else {
        serde_json::Number::from_f64(n).map_or(Json::Null, Json::Number)
    }
}

/// FNV-1a, for ids that must be the same on every run.
fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x100_0000_01b3))
}

fn stable_id(seed: &str, len: usize) -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let mut hash = fnv(seed);
    (0..len)
        .map(|_| {
            let c = ALPHABET[(hash % ALPHABET.len() as u64) as usize] as char;
            hash = (hash / ALPHABET.len() as u64) ^ fnv(&format!("{seed}{c}"));
            c
        })
        .collect()
}

/// A short stable id for a name, like the resource ids API Gateway shows.
pub fn short_id(seed: &str) -> String {
    stable_id(seed, 6)
}

fn stable_uuid(seed: &str) -> String {
    let hex = format!("{:016x}{:016x}", fnv(seed), fnv(&format!("{seed}/")));
    format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}

/// Parameter values of a template as CloudFormation would use them: the overrides given, and
/// the Default of every other parameter.
pub fn effective_parameters(template: &Template) -> BTreeMap<String, String> {
    let deployment = Deployment::new(template, Settings::default());
    template
        .parameters
        .iter()
        .filter_map(|p| {
            let value = deployment.parameter_value(p.name, p.node).ok()?;
            Some((p.name.to_owned(), as_text(&value).unwrap_or_else(|| {
                value.as_array().map(|items| items.iter().filter_map(as_text).collect::<Vec<_>>().join(",")).unwrap_or_default()
            })))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use slint_linter::syntax::parse_str;

    fn with_deployment(text: &str, overrides: &[(&str, &str)], check: impl FnOnce(&Deployment)) {
        let parsed = parse_str(text);
        let overrides = overrides.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let template = Template::new(parsed.root.as_ref().unwrap(), &parsed.text, overrides).unwrap();
        let settings = Settings { region: "eu-west-1".into(), account_id: "111122223333".into(), stack_name: "demo".into() };
        check(&Deployment::new(&template, settings));
    }

    const TEMPLATE: &str = "\
Parameters:
  Stage: {Type: String, Default: dev, AllowedValues: [dev, prod]}
  Subnets: {Type: CommaDelimitedList, Default: 'a, b'}
  Secret: {Type: String}
Mappings:
  Sizes:
    dev: {Memory: 128}
    prod: {Memory: 1024}
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
  NotProd: !Not [{Condition: IsProd}]
Resources:
  Table:
    Type: AWS::DynamoDB::Table
  Named:
    Type: AWS::SQS::Queue
    Properties: {QueueName: !Sub 'jobs-${Stage}'}
  Fifo:
    Type: AWS::SQS::Queue
    Properties: {FifoQueue: true}
Outputs:
  A: {Value: !Sub '${Table}/${Table.Arn}/${AWS::Region}/${!Literal}'}
  B: {Value: !If [IsProd, big, small]}
  C: {Value: !FindInMap [Sizes, !Ref Stage, Memory]}
  D: {Value: !Join ['-', !Ref Subnets]}
  E: {Value: !Ref Named}
  F: {Value: !GetAtt Named.Arn}
  G: {Value: !Ref Secret}
  H: {Value: !GetAtt Table.StreamArn}
  I: {Value: !Select [1, !Split [',', 'x,y,z']]}
  J: {Value: !Ref Fifo}
  K: {Value: !GetAtt Table.Nope}
";

    fn output<'a>(deployment: &'a Deployment, name: &str) -> &'a Node {
        deployment.template().outputs.iter().find(|o| o.name == name).unwrap().node.get("Value").unwrap()
    }

    #[test]
    fn defaults_and_pseudo_parameters() {
        with_deployment(TEMPLATE, &[], |d| {
            assert_eq!(d.string(output(d, "A")).unwrap(), "Table/arn:aws:dynamodb:eu-west-1:111122223333:table/Table/eu-west-1/${Literal}");
            assert_eq!(d.string(output(d, "B")).unwrap(), "small");
            assert_eq!(d.string(output(d, "C")).unwrap(), "128");
            assert_eq!(d.string(output(d, "D")).unwrap(), "a-b");
            assert_eq!(d.string(output(d, "E")).unwrap(), "https://sqs.eu-west-1.amazonaws.com/111122223333/jobs-dev");
            assert_eq!(d.string(output(d, "F")).unwrap(), "arn:aws:sqs:eu-west-1:111122223333:jobs-dev");
            assert!(d.string(output(d, "G")).unwrap_err().0.contains("--parameter-overrides Secret="));
            assert!(d.string(output(d, "H")).unwrap().starts_with("arn:aws:dynamodb:eu-west-1:111122223333:table/Table/stream/"));
            assert_eq!(d.string(output(d, "I")).unwrap(), "y");
            assert!(d.string(output(d, "J")).unwrap().ends_with("/Fifo.fifo"));
            assert!(d.string(output(d, "K")).unwrap_err().0.contains("only known once the stack is deployed"));
            assert!(d.condition("NotProd").unwrap());
            assert_eq!(d.missing_parameters(), ["Secret"]);
        });
    }

    #[test]
    fn overrides_decide_conditions_and_mappings() {
        with_deployment(TEMPLATE, &[("Stage", "prod"), ("Secret", "s3cr3t"), ("Nope", "x")], |d| {
            assert_eq!(d.string(output(d, "B")).unwrap(), "big");
            assert_eq!(d.string(output(d, "C")).unwrap(), "1024");
            assert_eq!(d.string(output(d, "G")).unwrap(), "s3cr3t");
            assert!(!d.condition("NotProd").unwrap());
            assert_eq!(d.unknown_overrides(), ["Nope"]);
            assert!(d.missing_parameters().is_empty());
        });
    }

    #[test]
    fn api_ids_are_stable() {
        with_deployment(TEMPLATE, &[], |d| {
            assert_eq!(d.api_id("Api"), d.api_id("Api"));
            assert_ne!(d.api_id("Api"), d.api_id("Other"));
            assert_eq!(d.api_id("Api").len(), 10);
        });
    }
}
