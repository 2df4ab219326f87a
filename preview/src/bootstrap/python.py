# slint's runtime client for Python functions. It speaks the Lambda Runtime API at
# AWS_LAMBDA_RUNTIME_API, imports the handler once (the init phase), then runs one invocation
# at a time. Anything the handler prints goes to the log; only the return value is the response.
import http.client
import importlib
import json
import logging
import os
import sys
import time
import traceback

API = os.environ["AWS_LAMBDA_RUNTIME_API"]
ROOT = "/2018-06-01/runtime/"
_connection = http.client.HTTPConnection(API)
_request_id = None


def call(method, path, body=None, headers=None):
    global _connection
    for attempt in (1, 2):
        try:
            _connection.request(method, ROOT + path, body=body, headers=headers or {})
            response = _connection.getresponse()
            return response, response.read()
        except (http.client.HTTPException, OSError):
            _connection.close()
            _connection = http.client.HTTPConnection(API)
            if attempt == 2:
                raise


def user_frames(error):
    frames = traceback.extract_tb(error.__traceback__)
    return traceback.format_list([f for f in frames if f.filename != "<string>"])


def error_body(message, error_type, stack=None):
    return {"errorMessage": message, "errorType": error_type, "requestId": _request_id or "", "stackTrace": stack or []}


def log_error(body):
    lines = ["[ERROR] %s: %s" % (body["errorType"], body["errorMessage"])]
    if body["stackTrace"]:
        lines.append("Traceback (most recent call last):")
        lines.extend(frame.rstrip("\n") for frame in body["stackTrace"])
    sys.stdout.write("\n".join(lines) + "\n")
    sys.stdout.flush()


def post_error(path, body):
    log_error(body)
    payload = json.dumps(body).encode()
    call("POST", path, payload, {"Content-Type": "application/json", "Lambda-Runtime-Function-Error-Type": body["errorType"]})


def init_failed(message, error_type, stack=None):
    post_error("init/error", error_body(message, error_type, stack))
    sys.exit(1)


class LambdaContext:
    def __init__(self, request_id, deadline_ms, function_arn, client_context, identity):
        self.aws_request_id = request_id
        self.invoked_function_arn = function_arn
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.client_context = json.loads(client_context) if client_context else None
        self.identity = json.loads(identity) if identity else None
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        return max(0, int(self._deadline_ms - time.time() * 1000))


class LambdaLogHandler(logging.Handler):
    """Formats records the way Lambda's Python runtime does: level, time, request id, message."""

    def emit(self, record):
        try:
            stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            millis = int(record.msecs)
            sys.stdout.write("[%s]\t%s.%03dZ\t%s\t%s\n" % (record.levelname, stamp, millis, _request_id, self.format(record)))
            sys.stdout.flush()
        except Exception:
            self.handleError(record)


def load_handler():
    spec = os.environ.get("_HANDLER", "")
    module_path, _, function_name = spec.rpartition(".")
    if not module_path or not function_name:
        init_failed("Bad handler '%s': not enough values to unpack (expected 2, got 1)" % spec, "Runtime.MalformedHandlerName")
    module_name = module_path.replace("/", ".")
    try:
        module = importlib.import_module(module_name)
    except ImportError as error:
        init_failed("Unable to import module '%s': %s" % (module_name, error), "Runtime.ImportModuleError")
    except SyntaxError as error:
        init_failed("Syntax error in module '%s': %s" % (module_name, error), "Runtime.UserCodeSyntaxError", user_frames(error))
    except Exception as error:
        init_failed(str(error), type(error).__name__, user_frames(error))
    handler = getattr(module, function_name, None)
    if handler is None:
        init_failed("Handler '%s' missing on module '%s'" % (function_name, module_name), "Runtime.HandlerNotFound")
    return handler


def main():
    global _request_id
    sys.path.insert(0, os.environ.get("LAMBDA_TASK_ROOT", os.getcwd()))
    root = logging.getLogger()
    root.handlers = [LambdaLogHandler()]
    handler = load_handler()
    while True:
        response, event = call("GET", "invocation/next")
        _request_id = response.getheader("Lambda-Runtime-Aws-Request-Id")
        trace = response.getheader("Lambda-Runtime-Trace-Id")
        if trace:
            os.environ["_X_AMZN_TRACE_ID"] = trace
        else:
            os.environ.pop("_X_AMZN_TRACE_ID", None)
        context = LambdaContext(
            _request_id,
            int(response.getheader("Lambda-Runtime-Deadline-Ms") or 0),
            response.getheader("Lambda-Runtime-Invoked-Function-Arn"),
            response.getheader("Lambda-Runtime-Client-Context"),
            response.getheader("Lambda-Runtime-Cognito-Identity"),
        )
        path = "invocation/%s/" % _request_id
        try:
            result = handler(json.loads(event) if event else None, context)
        except Exception as error:
            post_error(path + "error", error_body(str(error), type(error).__name__, user_frames(error)))
            continue
        try:
            payload = json.dumps(result).encode()
        except (TypeError, ValueError) as error:
            post_error(path + "error", error_body("Unable to marshal response: %s" % error, "Runtime.MarshalError"))
            continue
        call("POST", path + "response", payload, {"Content-Type": "application/json"})


main()
