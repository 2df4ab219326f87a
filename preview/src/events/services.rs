//! Events of the services that invoke functions asynchronously or through polling, shaped as
//! AWS sends them. Names and ARNs come from the template when a function's event source names a
//! resource of it.

use serde_json::{json, Value};

use crate::clock::{self, Utc};
use crate::ids;

/// Where the event comes from, and what it carries.
#[derive(Clone, Debug)]
pub struct Source {
    pub region: String,
    pub account_id: String,
    /// The queue, topic, bucket, stream or rule name.
    pub name: String,
    /// Its ARN, when known.
    pub arn: Option<String>,
    /// The message body, object key or detail, as given with `--body`.
    pub body: Option<String>,
}

impl Source {
    fn arn_or(&self, service: &str, form: impl FnOnce(&str) -> String) -> String {
        self.arn.clone().unwrap_or_else(|| format!("arn:aws:{service}:{}:{}:{}", self.region, self.account_id, form(&self.name)))
    }
}

pub fn sqs(source: &Source) -> Value {
    let now = clock::now_millis().to_string();
    let body = source.body.clone().unwrap_or_else(|| r#"{"message": "hello from SQS"}"#.to_owned());
    json!({"Records": [{
        "messageId": ids::uuid(),
        "receiptHandle": format!("AQEB{}", ids::hex_id(64)),
        "body": body,
        "attributes": {
            "ApproximateReceiveCount": "1",
            "SentTimestamp": now,
            "SenderId": "AIDAIENQZJOLO23YVJ4VO",
            "ApproximateFirstReceiveTimestamp": now,
        },
        "messageAttributes": {},
        "md5OfBody": crate::md5::hex(body.as_bytes()),
        "eventSource": "aws:sqs",
        "eventSourceARN": source.arn_or("sqs", str::to_owned),
        "awsRegion": source.region,
    }]})
}

/// A stream record for a new item; `keys` are `(attribute, type)` pairs of the table's key schema.
pub fn dynamodb_stream(source: &Source, keys: &[(String, String)], view_type: &str) -> Value {
    let sample = |t: &str| match t {
        "N" => json!({"N": "1"}),
        "B" => json!({"B": "AAEC"}),
        _ => json!({"S": "example-id"}),
    };
    let keys_value: serde_json::Map<String, Value> = if keys.is_empty() {
        [("id".to_owned(), sample("S"))].into_iter().collect()
    } else {
        keys.iter().map(|(name, t)| (name.clone(), sample(t))).collect()
    };
    let mut image = keys_value.clone();
    match source.body.as_deref().map(serde_json::from_str::<Value>) {
        Some(Ok(Value::Object(extra))) => image.extend(extra),
        _ => {
            image.insert("message".into(), json!({"S": "hello from DynamoDB Streams"}));
        }
    }
    let mut record = json!({
        "ApproximateCreationDateTime": clock::now_millis() / 1000,
        "Keys": keys_value,
        "SequenceNumber": format!("{}", ids::random_u64() % 1_000_000_000_000),
        "SizeBytes": 26,
        "StreamViewType": view_type,
    });
    if view_type != "KEYS_ONLY" && view_type != "OLD_IMAGE" {
        record["NewImage"] = Value::Object(image);
    }
    let table_arn = source.arn_or("dynamodb", |name| format!("table/{name}"));
    let stream_arn = if table_arn.contains("/stream/") { table_arn } else { format!("{table_arn}/stream/{}", Utc::from_millis(clock::now_millis()).iso_millis().trim_end_matches('Z')) };
    json!({"Records": [{
        "eventID": ids::hex_id(32),
        "eventName": "INSERT",
        "eventVersion": "1.1",
        "eventSource": "aws:dynamodb",
        "awsRegion": source.region,
        "dynamodb": record,
        "eventSourceARN": stream_arn,
    }]})
}

pub fn s3(source: &Source) -> Value {
    let key = source.body.clone().unwrap_or_else(|| "uploads/example.txt".to_owned());
    json!({"Records": [{
        "eventVersion": "2.1",
        "eventSource": "aws:s3",
        "awsRegion": source.region,
        "eventTime": Utc::from_millis(clock::now_millis()).iso_millis(),
        "eventName": "ObjectCreated:Put",
        "userIdentity": {"principalId": "AWS:AIDAINPONIXQXHT3IKHL2"},
        "requestParameters": {"sourceIPAddress": "127.0.0.1"},
        "responseElements": {"x-amz-request-id": ids::hex_id(16).to_uppercase(), "x-amz-id-2": ids::hex_id(56)},
        "s3": {
            "s3SchemaVersion": "1.0",
            "configurationId": "slint-local",
            "bucket": {
                "name": source.name,
                "ownerIdentity": {"principalId": "A3NL1KOZZKExample"},
                "arn": source.arn.clone().unwrap_or_else(|| format!("arn:aws:s3:::{}", source.name)),
            },
            "object": {"key": key, "size": 1024, "eTag": ids::hex_id(32), "sequencer": ids::hex_id(18).to_uppercase()},
        },
    }]})
}

pub fn sns(source: &Source) -> Value {
    let topic = source.arn_or("sns", str::to_owned);
    json!({"Records": [{
        "EventSource": "aws:sns",
        "EventVersion": "1.0",
        "EventSubscriptionArn": format!("{topic}:{}", ids::uuid()),
        "Sns": {
            "Type": "Notification",
            "MessageId": ids::uuid(),
            "TopicArn": topic,
            "Subject": null,
            "Message": source.body.clone().unwrap_or_else(|| "hello from SNS".to_owned()),
            "Timestamp": Utc::from_millis(clock::now_millis()).iso_millis(),
            "SignatureVersion": "1",
            "Signature": "EXAMPLE",
            "SigningCertUrl": format!("https://sns.{}.amazonaws.com/SimpleNotificationService-example.pem", source.region),
            "UnsubscribeUrl": format!("https://sns.{}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn={topic}", source.region),
            "MessageAttributes": {},
        },
    }]})
}

/// An EventBridge event; `source_name` and `detail_type` come from the rule's pattern when known.
pub fn eventbridge(source: &Source, source_name: &str, detail_type: &str) -> Value {
    let detail = source.body.as_deref().and_then(|b| serde_json::from_str::<Value>(b).ok()).unwrap_or_else(|| json!({}));
    json!({
        "version": "0",
        "id": ids::uuid(),
        "detail-type": detail_type,
        "source": source_name,
        "account": source.account_id,
        "time": Utc::from_millis(clock::now_millis()).iso_seconds(),
        "region": source.region,
        "resources": [],
        "detail": detail,
    })
}

/// The event a schedule rule sends.
pub fn schedule(source: &Source) -> Value {
    json!({
        "version": "0",
        "id": ids::uuid(),
        "detail-type": "Scheduled Event",
        "source": "aws.events",
        "account": source.account_id,
        "time": Utc::from_millis(clock::now_millis()).iso_seconds(),
        "region": source.region,
        "resources": [source.arn_or("events", |name| format!("rule/{name}"))],
        "detail": {},
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source() -> Source {
        Source { region: "eu-west-1".into(), account_id: "123456789012".into(), name: "Jobs".into(), arn: None, body: Some("hi".into()) }
    }

    #[test]
    fn shapes() {
        let event = sqs(&source());
        assert_eq!(event["Records"][0]["eventSourceARN"], "arn:aws:sqs:eu-west-1:123456789012:Jobs");
        assert_eq!(event["Records"][0]["md5OfBody"], "49f68a5c8493ec2c0bf489821c21fc3b");
        let event = dynamodb_stream(&source(), &[("pk".into(), "S".into()), ("n".into(), "N".into())], "NEW_AND_OLD_IMAGES");
        assert_eq!(event["Records"][0]["dynamodb"]["Keys"]["n"], json!({"N": "1"}));
        assert!(event["Records"][0]["eventSourceARN"].as_str().unwrap().contains(":table/Jobs/stream/"));
        assert_eq!(s3(&source())["Records"][0]["s3"]["object"]["key"], "hi");
        assert_eq!(sns(&source())["Records"][0]["Sns"]["Message"], "hi");
        assert_eq!(schedule(&source())["resources"][0], "arn:aws:events:eu-west-1:123456789012:rule/Jobs");
        assert_eq!(eventbridge(&source(), "app.orders", "OrderPlaced")["detail-type"], "OrderPlaced");
    }
}
