"""Handlers of the orders API example."""

import json
import os
import uuid

import boto3

_table = boto3.resource("dynamodb").Table(os.environ["ORDERS_TABLE"])


def get_order(event, context):
    order_id = event["pathParameters"]["orderId"]
    customer_id = (event.get("queryStringParameters") or {}).get("customerId", "")
    item = _table.get_item(Key={"customerId": customer_id, "orderId": order_id}).get("Item")
    if item is None:
        return {"statusCode": 404, "body": json.dumps({"message": "order not found"})}
    return {"statusCode": 200, "body": json.dumps(item)}


def create_order(event, context):
    order = json.loads(event.get("body") or "{}")
    order["orderId"] = str(uuid.uuid4())
    _table.put_item(Item=order)
    return {"statusCode": 201, "body": json.dumps(order)}
