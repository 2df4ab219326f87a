#!/usr/bin/env python3
"""Writes a deterministic SAM template with exactly N resources, for benchmarks.

The template looks like a real serverless back end grown large: a shared REST API and HTTP API,
then one "service" after another, each with a DynamoDB table (GSI, stream), an SQS queue and its
dead-letter queue, SAM functions wired to API, HTTP API, SQS and stream events, a plain
CloudFormation function with its role, permission and log group, and an alarm. Parameters,
mappings, conditions, Globals and outputs are used throughout, and short-form intrinsics (!Ref,
!GetAtt, !Sub, !If, !FindInMap, !Join, !Select) appear everywhere. Every reference resolves and
every property is valid, so a linter does all of its work and has only advice to give (cfn-lint
1.58 reports nothing on the 300-resource template).

    python3 bench/generate.py 300 > /tmp/t300.yaml
"""

import argparse
import random
import sys

SERVICE_NAMES = [
    "Orders", "Customers", "Invoices", "Payments", "Shipments", "Products", "Reviews", "Carts",
    "Coupons", "Returns", "Stores", "Suppliers", "Warehouses", "Tickets", "Sessions", "Audits",
]
RUNTIMES = ["python3.12", "python3.13", "nodejs22.x", "java21", "provided.al2023"]

HEADER = """\
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Description: >-
  Generated benchmark application with {count} resources: services made of tables, queues,
  functions, APIs and alarms.

Parameters:
  Stage:
    Type: String
    Default: dev
    AllowedValues: [dev, staging, prod]
  LogLevel:
    Type: String
    Default: INFO
    AllowedValues: [DEBUG, INFO, WARNING, ERROR]
  AlarmEmail:
    Type: String
    Default: ""
    Description: Where alarms are sent; empty disables the alarms.
  LogRetentionDays:
    Type: Number
    Default: 30
    AllowedValues: [7, 30, 90, 365]

Mappings:
  StageConfig:
    dev:
      MemorySize: 256
      Timeout: 10
      ReservedConcurrency: 5
    staging:
      MemorySize: 512
      Timeout: 15
      ReservedConcurrency: 10
    prod:
      MemorySize: 1024
      Timeout: 30
      ReservedConcurrency: 100

Conditions:
  IsProd: !Equals [!Ref Stage, prod]
  HasAlarmEmail: !Not [!Equals [!Ref AlarmEmail, ""]]
  AlarmsEnabled: !And [!Condition IsProd, !Condition HasAlarmEmail]

Globals:
  Function:
    Timeout: !FindInMap [StageConfig, !Ref Stage, Timeout]
    MemorySize: !FindInMap [StageConfig, !Ref Stage, MemorySize]
    Tracing: Active
    Architectures: [arm64]
    Environment:
      Variables:
        LOG_LEVEL: !Ref LogLevel
        STAGE: !Ref Stage
  Api:
    TracingEnabled: true
    OpenApiVersion: "3.0.1"

Resources:
"""

SHARED = [
    ("AlarmTopic", """\
  AlarmTopic:
    Type: AWS::SNS::Topic
    Condition: HasAlarmEmail
    Properties:
      TopicName: !Sub "${AWS::StackName}-alarms"
      Subscription:
        - Protocol: email
          Endpoint: !Ref AlarmEmail
"""),
    ("RestApi", """\
  RestApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: !Ref Stage
      EndpointConfiguration: REGIONAL
      MethodSettings:
        - ResourcePath: "/*"
          HttpMethod: "*"
          ThrottlingBurstLimit: 200
          ThrottlingRateLimit: 100
      Auth:
        ApiKeyRequired: false
"""),
    ("HttpApi", """\
  HttpApi:
    Type: AWS::Serverless::HttpApi
    Properties:
      StageName: !Ref Stage
      CorsConfiguration:
        AllowOrigins: ["https://example.com"]
        AllowMethods: [GET, POST, PUT, DELETE]
      AccessLogSettings:
        DestinationArn: !GetAtt ApiAccessLogs.Arn
        Format: '{"requestId":"$context.requestId","status":"$context.status"}'
"""),
    ("ApiAccessLogs", """\
  ApiAccessLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !Sub "/${AWS::StackName}/http-api"
      RetentionInDays: !Ref LogRetentionDays
"""),
]


def service_resources(name, rng):
    """The resources of one service, in an order where each refers only to those before it,
    so that a service cut short still resolves."""
    path = name.lower()
    runtime = rng.choice(RUNTIMES)
    handler = "bootstrap" if runtime.startswith("provided") else f"{path}.handler"
    batch = rng.choice([1, 5, 10, 25])
    yield f"{name}Table", f"""\
  {name}Table:
    Type: AWS::DynamoDB::Table
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      TableName: !Sub "${{AWS::StackName}}-{path}"
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - AttributeName: pk
          AttributeType: S
        - AttributeName: sk
          AttributeType: S
        - AttributeName: gsi1pk
          AttributeType: S
        - AttributeName: createdAt
          AttributeType: N
      KeySchema:
        - AttributeName: pk
          KeyType: HASH
        - AttributeName: sk
          KeyType: RANGE
      GlobalSecondaryIndexes:
        - IndexName: ByStatus
          KeySchema:
            - AttributeName: gsi1pk
              KeyType: HASH
            - AttributeName: createdAt
              KeyType: RANGE
          Projection:
            ProjectionType: INCLUDE
            NonKeyAttributes: [status, total]
      StreamSpecification:
        StreamViewType: NEW_AND_OLD_IMAGES
      PointInTimeRecoverySpecification:
        PointInTimeRecoveryEnabled: !If [IsProd, true, false]
      SSESpecification:
        SSEEnabled: true
      Tags:
        - Key: service
          Value: {path}
"""
    yield f"{name}DeadLetterQueue", f"""\
  {name}DeadLetterQueue:
    Type: AWS::SQS::Queue
    Properties:
      MessageRetentionPeriod: 1209600
      SqsManagedSseEnabled: true
"""
    yield f"{name}Queue", f"""\
  {name}Queue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 180
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt {name}DeadLetterQueue.Arn
        maxReceiveCount: 5
"""
    yield f"Get{name}Function", f"""\
  Get{name}Function:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/{path}/
      Handler: {handler}
      Runtime: {runtime}
      Description: !Sub "Reads {path} for ${{Stage}}"
      Policies:
        - DynamoDBReadPolicy:
            TableName: !Ref {name}Table
      Environment:
        Variables:
          TABLE_NAME: !Ref {name}Table
          INDEX_NAME: ByStatus
      Events:
        GetOne:
          Type: Api
          Properties:
            RestApiId: !Ref RestApi
            Path: /{path}/{{id}}
            Method: get
        List:
          Type: Api
          Properties:
            RestApiId: !Ref RestApi
            Path: /{path}
            Method: get
"""
    yield f"Put{name}Function", f"""\
  Put{name}Function:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/{path}/
      Handler: {handler}
      Runtime: {runtime}
      ReservedConcurrentExecutions: !FindInMap [StageConfig, !Ref Stage, ReservedConcurrency]
      Policies:
        - DynamoDBCrudPolicy:
            TableName: !Ref {name}Table
        - SQSSendMessagePolicy:
            QueueName: !GetAtt {name}Queue.QueueName
      Environment:
        Variables:
          TABLE_NAME: !Ref {name}Table
          QUEUE_URL: !Ref {name}Queue
      Events:
        Put:
          Type: HttpApi
          Properties:
            ApiId: !Ref HttpApi
            Path: /{path}/{{id}}
            Method: put
"""
    yield f"{name}WorkerFunction", f"""\
  {name}WorkerFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/{path}/
      Handler: {handler}
      Runtime: {runtime}
      Timeout: 30
      Policies:
        - DynamoDBCrudPolicy:
            TableName: !Ref {name}Table
      Events:
        Queue:
          Type: SQS
          Properties:
            Queue: !GetAtt {name}Queue.Arn
            BatchSize: {batch}
            FunctionResponseTypes: [ReportBatchItemFailures]
        Stream:
          Type: DynamoDB
          Properties:
            Stream: !GetAtt {name}Table.StreamArn
            StartingPosition: TRIM_HORIZON
            BatchSize: 100
            MaximumRetryAttempts: 3
"""
    yield f"{name}LegacyRole", f"""\
  {name}LegacyRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service: lambda.amazonaws.com
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - !Sub "arn:${{AWS::Partition}}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
      Policies:
        - PolicyName: table-access
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: [dynamodb:GetItem, dynamodb:Query]
                Resource:
                  - !GetAtt {name}Table.Arn
                  - !Join ["/", [!GetAtt {name}Table.Arn, index, "*"]]
"""
    yield f"{name}LegacyFunction", f"""\
  {name}LegacyFunction:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: !GetAtt {name}LegacyRole.Arn
      Timeout: 10
      MemorySize: 128
      Code:
        ZipFile: |
          import os
          def handler(event, context):
              return {{"table": os.environ["TABLE_NAME"]}}
      Environment:
        Variables:
          TABLE_NAME: !Ref {name}Table
          AZ: !Select [0, !GetAZs ""]
"""
    yield f"{name}LegacyPermission", f"""\
  {name}LegacyPermission:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !Ref {name}LegacyFunction
      Action: lambda:InvokeFunction
      Principal: apigateway.amazonaws.com
      SourceArn: !Sub "arn:${{AWS::Partition}}:execute-api:${{AWS::Region}}:${{AWS::AccountId}}:${{RestApi}}/*"
"""
    yield f"{name}LegacyLogGroup", f"""\
  {name}LegacyLogGroup:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !Sub "/aws/lambda/${{{name}LegacyFunction}}"
      RetentionInDays: !Ref LogRetentionDays
"""
    yield f"{name}QueueAlarm", f"""\
  {name}QueueAlarm:
    Type: AWS::CloudWatch::Alarm
    Condition: AlarmsEnabled
    Properties:
      AlarmDescription: !Sub "Messages are piling up in ${{{name}DeadLetterQueue.QueueName}}"
      Namespace: AWS/SQS
      MetricName: ApproximateNumberOfMessagesVisible
      Dimensions:
        - Name: QueueName
          Value: !GetAtt {name}DeadLetterQueue.QueueName
      Statistic: Maximum
      Period: 300
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanOrEqualToThreshold
      AlarmActions: [!Ref AlarmTopic]
"""


def outputs(services):
    lines = ["", "Outputs:", """\
  RestApiUrl:
    Value: !Sub "https://${RestApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/${Stage}"
"""]
    for name, emitted in services:
        if f"{name}Table" in emitted:
            lines.append(f"""\
  {name}TableArn:
    Value: !GetAtt {name}Table.Arn
    Export:
      Name: !Sub "${{AWS::StackName}}-{name}TableArn"
""")
    return "\n".join(lines)


def generate(count, seed):
    if count < len(SHARED):
        raise ValueError(f"a template needs at least {len(SHARED)} resources (the shared API and topic)")
    rng = random.Random(seed)
    body = [text for _, text in SHARED]
    remaining = count - len(SHARED)
    services = []
    index = 0
    while remaining > 0:
        base = SERVICE_NAMES[index % len(SERVICE_NAMES)]
        name = base if index < len(SERVICE_NAMES) else f"{base}{index // len(SERVICE_NAMES) + 1}"
        emitted = set()
        for logical_id, text in service_resources(name, rng):
            if remaining == 0:
                break
            body.append(text)
            emitted.add(logical_id)
            remaining -= 1
        services.append((name, emitted))
        index += 1
    return HEADER.format(count=count) + "\n".join(body) + outputs(services)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("resources", type=int, help="how many resources the template declares")
    parser.add_argument("--seed", type=int, default=7, help="varies runtimes and batch sizes (default 7)")
    args = parser.parse_args()
    try:
        sys.stdout.write(generate(args.resources, args.seed))
    except ValueError as error:
        parser.error(str(error))


if __name__ == "__main__":
    main()
