// slint's runtime client for Node.js functions. It speaks the Lambda Runtime API at
// AWS_LAMBDA_RUNTIME_API, imports the handler once (the init phase), then runs one invocation at
// a time. Handlers may be ES modules or CommonJS, async or callback style. Console output goes to
// the log in Lambda's format; only the handler's result is the response.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import util from "node:util";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const [host, port] = process.env.AWS_LAMBDA_RUNTIME_API.split(":");
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const ROOT = "/2018-06-01/runtime/";
let requestId;

function call(method, route, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const request = http.request({ host, port, method, path: ROOT + route, agent, headers }, (response) => {
      const chunks = [];
      response.on("data", (chunk) => chunks.push(chunk));
      response.on("end", () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end(body);
  });
}

const levels = { log: "INFO", info: "INFO", warn: "WARN", error: "ERROR", debug: "DEBUG", trace: "TRACE" };
for (const [method, level] of Object.entries(levels)) {
  console[method] = (...args) => {
    process.stdout.write(`${new Date().toISOString()}\t${requestId}\t${level}\t${util.format(...args)}\n`);
  };
}

function errorBody(error, fallbackType) {
  if (error instanceof Error) {
    const trace = (error.stack || "").split("\n").filter((line) => !line.includes("[eval"));
    return { errorType: error.name || fallbackType, errorMessage: error.message, trace };
  }
  return { errorType: fallbackType, errorMessage: typeof error === "string" ? error : JSON.stringify(error) ?? String(error), trace: [] };
}

async function postError(route, body) {
  process.stdout.write(`${new Date().toISOString()}\t${requestId}\tERROR\t${JSON.stringify(body)}\n`);
  await call("POST", route, JSON.stringify(body), {
    "Content-Type": "application/json",
    "Lambda-Runtime-Function-Error-Type": body.errorType,
  });
}

async function initFailed(errorType, message, error) {
  const body = error ? { ...errorBody(error, errorType), errorType, errorMessage: message } : { errorType, errorMessage: message, trace: [] };
  await postError("init/error", body);
  process.exit(1);
}

// Lambda's lookup: the module path as given, then with .js, .mjs and .cjs; otherwise a package
// name resolved from the task root.
function moduleFile(root, modulePath) {
  const base = path.resolve(root, modulePath);
  for (const candidate of [base, `${base}.js`, `${base}.mjs`, `${base}.cjs`]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  try {
    return createRequire(path.join(root, "noop.js")).resolve(modulePath);
  } catch {
    return undefined;
  }
}

async function loadHandler() {
  const spec = process.env._HANDLER || "";
  const root = process.env.LAMBDA_TASK_ROOT || process.cwd();
  const slash = spec.lastIndexOf("/");
  const dot = spec.indexOf(".", slash + 1);
  if (dot < 0) return initFailed("Runtime.MalformedHandlerName", `Bad handler ${spec}`);
  const modulePath = spec.slice(0, dot);
  const functionPath = spec.slice(dot + 1);
  const file = moduleFile(root, modulePath);
  if (!file) return initFailed("Runtime.ImportModuleError", `Error: Cannot find module '${modulePath}'`);
  let namespace;
  try {
    namespace = await import(pathToFileURL(file).href);
  } catch (error) {
    if (error instanceof SyntaxError) return initFailed("Runtime.UserCodeSyntaxError", `${error.name}: ${error.message}`, error);
    if (error && (error.code === "ERR_MODULE_NOT_FOUND" || error.code === "MODULE_NOT_FOUND")) {
      return initFailed("Runtime.ImportModuleError", `Error: ${error.message}`, error);
    }
    return initFailed(error?.name || "Error", error?.message ?? String(error), error);
  }
  const lookup = (object) => functionPath.split(".").reduce((value, key) => (value == null ? undefined : value[key]), object);
  const handler = lookup(namespace) ?? lookup(namespace.default);
  if (typeof handler !== "function") {
    return initFailed("Runtime.HandlerNotFound", `${modulePath}.${functionPath} is undefined or not exported`);
  }
  return handler;
}

// An async handler's promise is the result. A callback handler answers through the callback; a
// plain function that returns a value without calling back answers null, as on Lambda.
function run(handler, event, context) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (error, result) => {
      if (settled) return;
      settled = true;
      error != null ? reject(error) : resolve(result);
    };
    context.done = settle;
    context.succeed = (result) => settle(null, result);
    context.fail = (error) => settle(error ?? "handled");
    let returned;
    try {
      returned = handler(event, context, settle);
    } catch (error) {
      return settle(error);
    }
    if (returned && typeof returned.then === "function") {
      returned.then((result) => settle(null, result), (error) => settle(error ?? new Error("the handler's promise was rejected")));
    } else if (handler.length < 3) {
      setImmediate(() => settle(null, null));
    }
  });
}

const handler = await loadHandler();
for (;;) {
  const next = await call("GET", "invocation/next");
  const headers = next.headers;
  requestId = headers["lambda-runtime-aws-request-id"];
  if (headers["lambda-runtime-trace-id"]) process.env._X_AMZN_TRACE_ID = headers["lambda-runtime-trace-id"];
  else delete process.env._X_AMZN_TRACE_ID;
  const deadline = Number(headers["lambda-runtime-deadline-ms"] || 0);
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: headers["lambda-runtime-invoked-function-arn"],
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: requestId,
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    identity: headers["lambda-runtime-cognito-identity"] ? JSON.parse(headers["lambda-runtime-cognito-identity"]) : undefined,
    clientContext: headers["lambda-runtime-client-context"] ? JSON.parse(headers["lambda-runtime-client-context"]) : undefined,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  const route = `invocation/${requestId}/`;
  let result;
  try {
    const text = next.body.toString("utf8");
    result = await run(handler, text ? JSON.parse(text) : undefined, context);
  } catch (error) {
    await postError(route + "error", errorBody(error, "Error"));
    continue;
  }
  let payload;
  try {
    payload = JSON.stringify(result === undefined ? null : result);
  } catch (error) {
    await postError(route + "error", { errorType: "Runtime.MarshalError", errorMessage: `Unable to stringify response body: ${error.message}`, trace: [] });
    continue;
  }
  await call("POST", route + "response", payload, { "Content-Type": "application/json" });
}
