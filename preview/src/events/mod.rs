//! Events as AWS services send them to Lambda: API Gateway's proxy events (built from real
//! requests by `slint serve`, or from a template route by `slint events`) and the records of
//! SQS, DynamoDB Streams, S3, SNS, EventBridge and scheduled rules.

pub mod apigw;
pub mod services;
pub mod template;

/// The HTTP API route that catches every request no other route matches.
pub const DEFAULT_ROUTE: &str = "$default";
