//! How long the schema rules take: on a generated template of 1,200 resources of a dozen types
//! (the first run pays for inflating and compiling each type's schema, later runs do not), and
//! on a list of template files, one after the other. Peak memory is read from the kernel.
//!
//! ```text
//! cargo bench -p slint-rules --bench schema -- [--set LIST]
//! ```
//!
//! LIST names one template path a line.

use std::fmt::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use slint_rules::{lint_bytes, Settings};

const RESOURCES: usize = 1_200;
const RUNS: usize = 15;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut set: Option<PathBuf> = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--set" => set = args.next().map(PathBuf::from),
            "--bench" => {}
            other => {
                eprintln!("unexpected argument `{other}`");
                std::process::exit(2);
            }
        }
    }
    let settings = Settings { select: vec!["S".to_owned()], ..Settings::default() };
    let template = generated_template(RESOURCES);
    let cold = time(|| lint_bytes(template.as_bytes(), &settings).diagnostics.len());
    let mut warm: Vec<Duration> = (0..RUNS).map(|_| time(|| lint_bytes(template.as_bytes(), &settings).diagnostics.len())).collect();
    warm.sort();
    let findings = lint_bytes(template.as_bytes(), &settings).diagnostics.len();
    // Reading the text and building the template model, which every rule run includes.
    let reading = Settings { select: vec!["T001".to_owned()], ..Settings::default() };
    let mut base: Vec<Duration> = (0..RUNS).map(|_| time(|| lint_bytes(template.as_bytes(), &reading).diagnostics.len())).collect();
    base.sort();
    println!(
        "{RESOURCES} resources ({} KiB): first run {:.1} ms, then median {:.1} ms over {RUNS} runs ({:.1} ms of it reading \
         and modelling the template); {findings} findings",
        template.len() / 1024,
        ms(cold),
        ms(warm[RUNS / 2]),
        ms(base[RUNS / 2])
    );
    if let Some(list) = set {
        let paths: Vec<PathBuf> = std::fs::read_to_string(&list)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", list.display()))
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(PathBuf::from)
            .collect();
        let files: Vec<Vec<u8>> = paths.iter().filter_map(|p| std::fs::read(p).ok()).collect();
        let mut runs: Vec<Duration> = (0..5)
            .map(|_| time(|| files.iter().map(|bytes| lint_bytes(bytes, &settings).diagnostics.len()).sum::<usize>()))
            .collect();
        runs.sort();
        println!("{} templates one after the other: median {:.0} ms over 5 runs", files.len(), ms(runs[2]));
    }
    if let Some(peak) = peak_memory_kib() {
        println!("peak resident memory: {:.1} MiB", peak as f64 / 1024.0);
    }
}

fn time<T>(work: impl FnOnce() -> T) -> Duration {
    let start = Instant::now();
    std::hint::black_box(work());
    start.elapsed()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// `VmHWM` from `/proc/self/status`, where the kernel keeps the peak resident set.
fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// A SAM template whose resources cycle through the types serverless stacks are made of, each
/// with the properties such resources usually have, intrinsic functions included.
fn generated_template(resources: usize) -> String {
    let mut out = String::from(
        "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\n\
         Parameters:\n  Stage:\n    Type: String\n    AllowedValues: [dev, prod]\n    Default: dev\n\
         Conditions:\n  IsProd: !Equals [!Ref Stage, prod]\n\
         Globals:\n  Function:\n    Runtime: python3.13\n    Timeout: 30\n    MemorySize: 512\nResources:\n",
    );
    for i in 0..resources {
        let _ = match i % 12 {
            0 => write!(
                out,
                "  Fn{i}:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: app.handler\n      CodeUri: src/\n      \
                 Environment: {{Variables: {{TABLE: !Ref Table{t}}}}}\n      Policies: [{{DynamoDBCrudPolicy: {{TableName: !Ref Table{t}}}}}]\n      \
                 Events:\n        Queue:\n          Type: SQS\n          Properties: {{Queue: !GetAtt Queue{q}.Arn, BatchSize: 10}}\n        \
                 Api:\n          Type: Api\n          Properties: {{Path: /items/{i}, Method: get}}\n",
                t = i + 2,
                q = i + 1
            ),
            1 => write!(out, "  Queue{i}:\n    Type: AWS::SQS::Queue\n    Properties:\n      VisibilityTimeout: 180\n      MessageRetentionPeriod: 1209600\n      RedrivePolicy: {{deadLetterTargetArn: !GetAtt Dlq{i}.Arn, maxReceiveCount: 5}}\n  Dlq{i}:\n    Type: AWS::SQS::Queue\n"),
            2 => write!(
                out,
                "  Table{i}:\n    Type: AWS::DynamoDB::Table\n    DeletionPolicy: Retain\n    UpdateReplacePolicy: Retain\n    Properties:\n      \
                 BillingMode: !If [IsProd, PROVISIONED, PAY_PER_REQUEST]\n      AttributeDefinitions: [{{AttributeName: pk, AttributeType: S}}, {{AttributeName: sk, AttributeType: S}}]\n      \
                 KeySchema: [{{AttributeName: pk, KeyType: HASH}}, {{AttributeName: sk, KeyType: RANGE}}]\n      StreamSpecification: {{StreamViewType: NEW_AND_OLD_IMAGES}}\n"
            ),
            3 => write!(out, "  Topic{i}:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Sub orders-${{Stage}}-{i}\n"),
            4 => write!(
                out,
                "  Role{i}:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Version: '2012-10-17'\n        \
                 Statement: [{{Effect: Allow, Principal: {{Service: lambda.amazonaws.com}}, Action: sts:AssumeRole}}]\n      \
                 ManagedPolicyArns: [arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]\n"
            ),
            5 => write!(
                out,
                "  Worker{i}:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      \
                 Role: !GetAtt Role{r}.Arn\n      Code: {{S3Bucket: artifacts, S3Key: worker.zip}}\n      MemorySize: 1024\n      Timeout: 60\n      \
                 TracingConfig: {{Mode: Active}}\n",
                r = i - 1
            ),
            6 => write!(out, "  Bucket{i}:\n    Type: AWS::S3::Bucket\n    Properties:\n      VersioningConfiguration: {{Status: Enabled}}\n      BucketEncryption:\n        ServerSideEncryptionConfiguration: [{{ServerSideEncryptionByDefault: {{SSEAlgorithm: AES256}}}}]\n"),
            7 => write!(out, "  Logs{i}:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      LogGroupName: /aws/lambda/worker-{i}\n      RetentionInDays: 30\n"),
            8 => write!(out, "  Rule{i}:\n    Type: AWS::Events::Rule\n    Properties:\n      ScheduleExpression: rate(5 minutes)\n      State: ENABLED\n      Targets: [{{Arn: !GetAtt Worker{w}.Arn, Id: worker}}]\n", w = i - 3),
            9 => write!(out, "  Permission{i}:\n    Type: AWS::Lambda::Permission\n    Properties:\n      Action: lambda:InvokeFunction\n      FunctionName: !Ref Worker{w}\n      Principal: events.amazonaws.com\n      SourceArn: !GetAtt Rule{r}.Arn\n", w = i - 4, r = i - 1),
            10 => write!(out, "  Alarm{i}:\n    Type: AWS::CloudWatch::Alarm\n    Properties:\n      Namespace: AWS/Lambda\n      MetricName: Errors\n      Statistic: Sum\n      Period: 60\n      EvaluationPeriods: 1\n      Threshold: 1\n      ComparisonOperator: GreaterThanOrEqualToThreshold\n      Dimensions: [{{Name: FunctionName, Value: !Ref Worker{w}}}]\n", w = i - 5),
            _ => write!(out, "  Api{i}:\n    Type: AWS::Serverless::HttpApi\n    Properties:\n      StageName: !Ref Stage\n      CorsConfiguration: {{AllowOrigins: ['*'], AllowMethods: [GET]}}\n"),
        };
    }
    out
}
