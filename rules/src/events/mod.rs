//! Rules about what invokes functions: SAM events and `AWS::Lambda::EventSourceMapping`
//! resources alike — SQS, Kinesis and DynamoDB Streams settings, and the resources event
//! sources name.

pub mod dynamodb_stream_not_enabled;
pub mod event_source_wrong_reference;
pub mod s3_event_bucket_outside_template;
mod sqs;
pub mod sqs_batch_settings;
pub mod sqs_partial_batch_failures;
pub mod sqs_starting_position;
pub mod sqs_visibility_below_recommended;
pub mod sqs_visibility_below_timeout;
pub mod stream_settings_out_of_range;
pub mod stream_starting_position;
