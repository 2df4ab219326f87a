//! One execution environment: a child process running the function's runtime client against its
//! own Runtime API. It stays warm between invocations, is killed with its whole process tree at
//! the deadline, and reports its peak memory.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::json;

use crate::cleanup;
use crate::clock::{self, Utc};
use crate::ids;
use crate::logs::{report_line, LogSink};
use crate::memory;
use crate::runtime_api::{ApiEvent, Invocation, RuntimeApi, MAX_RESPONSE_BYTES};

/// Lambda gives initialisation 10 seconds of its own before the invocation's timeout applies.
const INIT_LIMIT: Duration = Duration::from_secs(10);

/// How often memory is sampled while `--enforce-memory` watches an invocation.
const MEMORY_SAMPLE: Duration = Duration::from_millis(10);

/// How a function's processes are started; the same for every instance.
#[derive(Clone, Debug)]
pub struct LaunchPlan {
    /// The function's logical id, for log labels.
    pub label: String,
    pub program: PathBuf,
    pub args: Vec<OsString>,
    pub working_dir: PathBuf,
    pub environment: BTreeMap<String, String>,
    pub function_arn: String,
    pub function_name: String,
    pub memory_mb: u32,
    pub timeout: Duration,
    /// Kill the process when its memory goes above `memory_mb`.
    pub enforce_memory: bool,
}

/// One invocation's input.
#[derive(Clone, Debug, Default)]
pub struct InvokeRequest {
    pub payload: Vec<u8>,
    pub client_context: Option<String>,
    pub cognito_identity: Option<String>,
}

/// Why an invocation failed, which decides how callers report it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailureKind {
    /// The handler raised or rejected.
    Unhandled,
    /// The handler could not be loaded.
    Init,
    Timeout,
    /// The runtime process ended during the invocation.
    Crashed,
    OutOfMemory,
    ResponseTooLarge,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// The handler's result, as JSON text.
    Success(Vec<u8>),
    Failure { kind: FailureKind, error_type: String, payload: Vec<u8> },
}

impl Outcome {
    pub fn is_success(&self) -> bool {
        matches!(self, Outcome::Success(_))
    }

    /// What Lambda returns to the caller: the result or the error document.
    pub fn payload(&self) -> &[u8] {
        match self {
            Outcome::Success(payload) | Outcome::Failure { payload, .. } => payload,
        }
    }
}

#[derive(Clone, Debug)]
pub struct InvokeResult {
    pub request_id: String,
    pub outcome: Outcome,
    /// From the hand-over of the event to the result.
    pub duration: Duration,
    /// Set on a cold start: from process start to the runtime's first request.
    pub init_duration: Option<Duration>,
    pub max_memory_mb: Option<u64>,
}

/// A running execution environment.
pub struct Instance {
    plan: Arc<LaunchPlan>,
    pid: u32,
    api: RuntimeApi,
    events: Receiver<ApiEvent>,
    started: Instant,
    /// Set once the runtime has asked for its first event.
    init_duration: Option<Duration>,
    /// Whether the next result still has to report the init duration.
    cold: bool,
    alive: Arc<AtomicBool>,
    output: Vec<Arc<OutputPipe>>,
    log: Arc<dyn LogSink>,
    /// Which version of the code the instance runs (see the pool's file watcher).
    pub generation: u64,
}

impl Instance {
    pub fn start(plan: Arc<LaunchPlan>, log: Arc<dyn LogSink>, generation: u64) -> Result<Instance, String> {
        if !cfg!(unix) {
            return Err("the local preview runs functions on Linux and macOS".to_owned());
        }
        let (sender, events) = mpsc::channel();
        let api = RuntimeApi::start(sender.clone()).map_err(|e| format!("cannot start the runtime API: {e}"))?;
        let mut command = Command::new(&plan.program);
        command
            .args(&plan.args)
            .current_dir(&plan.working_dir)
            .env_clear()
            .envs(&plan.environment)
            .env("AWS_LAMBDA_RUNTIME_API", api.address())
            .env("AWS_LAMBDA_LOG_STREAM_NAME", format!("{}/[$LATEST]{}", Utc::from_millis(clock::now_millis()).slashed_date(), ids::hex_id(32)))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        #[cfg(unix)]
        {
            // Its own process group, so that the whole tree can be killed and so that a Ctrl-C in
            // the terminal reaches slint, which then cleans up, rather than the function.
            use std::os::unix::process::CommandExt;
            command.process_group(0);
        }
        let started = Instant::now();
        let mut child = spawn(command).map_err(|e| format!("cannot start `{}`: {e}", plan.program.display()))?;
        let pid = child.id();
        cleanup::register(pid);
        let mut output = Vec::new();
        if let Some(stdout) = child.stdout.take() {
            output.push(OutputPipe::forward(stdout, &plan.label, Arc::clone(&log)));
        }
        if let Some(stderr) = child.stderr.take() {
            output.push(OutputPipe::forward(stderr, &plan.label, Arc::clone(&log)));
        }
        let alive = Arc::new(AtomicBool::new(true));
        {
            let alive = Arc::clone(&alive);
            std::thread::Builder::new()
                .name("function-process".into())
                .spawn(move || {
                    let description = match child.wait() {
                        Ok(status) => describe_exit(status),
                        Err(error) => error.to_string(),
                    };
                    alive.store(false, Ordering::SeqCst);
                    cleanup::unregister(pid);
                    let _ = sender.send(ApiEvent::Exited { description });
                })
                .map_err(|e| e.to_string())?;
        }
        Ok(Instance { plan, pid, api, events, started, init_duration: None, cold: true, alive, output, log, generation })
    }

    pub fn is_alive(&self) -> bool {
        self.alive.load(Ordering::SeqCst)
    }

    pub fn pid(&self) -> u32 {
        self.pid
    }

    /// Runs one invocation to its end: a result, an error, a crash or the deadline.
    pub fn invoke(&mut self, request: &InvokeRequest) -> InvokeResult {
        let request_id = ids::uuid();
        let label = self.plan.label.clone();
        self.log.line(&label, &format!("START RequestId: {request_id} Version: $LATEST"));
        let submitted = Instant::now();
        self.api.submit(Invocation {
            request_id: request_id.clone(),
            payload: request.payload.clone(),
            timeout: self.plan.timeout,
            function_arn: self.plan.function_arn.clone(),
            trace_id: ids::trace_id(clock::now_millis() / 1000),
            client_context: request.client_context.clone(),
            cognito_identity: request.cognito_identity.clone(),
        });
        let init_deadline = self.started + INIT_LIMIT + self.plan.timeout;
        let mut delivered_at: Option<Instant> = None;
        let outcome = loop {
            let deadline = delivered_at.map_or(init_deadline, |at| at + self.plan.timeout);
            let now = Instant::now();
            if now >= deadline {
                break self.timed_out(&request_id);
            }
            let wait = if self.plan.enforce_memory { MEMORY_SAMPLE.min(deadline - now) } else { deadline - now };
            match self.events.recv_timeout(wait) {
                Ok(ApiEvent::Ready { at }) => self.init_duration = Some(at.duration_since(self.started)),
                Ok(ApiEvent::Delivered { request_id: id, at }) if id == request_id => delivered_at = Some(at),
                Ok(ApiEvent::Response { request_id: id, body }) if id == request_id => break Outcome::Success(body),
                Ok(ApiEvent::Error { request_id: id, error_type, body }) if id == request_id => {
                    let error_type = error_type.or_else(|| error_type_in(&body)).unwrap_or_else(|| "Unhandled".to_owned());
                    break Outcome::Failure { kind: FailureKind::Unhandled, error_type, payload: body };
                }
                Ok(ApiEvent::ResponseTooLarge { request_id: id }) if id == request_id => {
                    let error_type = "Function.ResponseSizeTooLarge".to_owned();
                    let payload = json!({
                        "errorMessage": format!("Response payload size exceeded maximum allowed payload size ({MAX_RESPONSE_BYTES} bytes)."),
                        "errorType": error_type,
                    });
                    break failure(FailureKind::ResponseTooLarge, payload);
                }
                Ok(ApiEvent::InitError { error_type, body }) => {
                    let error_type = error_type.or_else(|| error_type_in(&body)).unwrap_or_else(|| "Runtime.Unknown".to_owned());
                    self.kill();
                    break Outcome::Failure { kind: FailureKind::Init, error_type, payload: body };
                }
                Ok(ApiEvent::Exited { description }) => {
                    self.kill();
                    let payload = json!({
                        "errorType": "Runtime.ExitError",
                        "errorMessage": format!("RequestId: {request_id} Error: Runtime exited with error: {description}"),
                    });
                    break failure(FailureKind::Crashed, payload);
                }
                Ok(_) => {}
                Err(RecvTimeoutError::Timeout) => {
                    if self.plan.enforce_memory && self.over_memory() {
                        break self.out_of_memory(&request_id);
                    }
                }
                Err(RecvTimeoutError::Disconnected) => {
                    self.kill();
                    let payload = json!({"errorType": "Runtime.ExitError", "errorMessage": format!("RequestId: {request_id} Error: Runtime exited")});
                    break failure(FailureKind::Crashed, payload);
                }
            }
        };
        let duration = delivered_at.unwrap_or(submitted).elapsed();
        let max_memory_mb = memory::peak_mib(self.pid);
        self.drain_output();
        let init_duration = if self.cold { self.init_duration } else { None };
        self.cold = false;
        let status = match &outcome {
            Outcome::Failure { kind: FailureKind::Timeout, .. } => Some("timeout"),
            Outcome::Failure { kind: FailureKind::Crashed | FailureKind::OutOfMemory | FailureKind::Init, .. } => Some("error"),
            _ => None,
        };
        self.log.line(&label, &format!("END RequestId: {request_id}"));
        self.log.line(&label, &report_line(&request_id, duration, self.plan.memory_mb, max_memory_mb, init_duration, status));
        if let Some(used) = max_memory_mb.filter(|&used| used > u64::from(self.plan.memory_mb)) {
            self.log.line(
                &label,
                &format!("warning: {label} used {used} MB, more than its MemorySize of {} MB; on Lambda it would run out of memory", self.plan.memory_mb),
            );
        }
        InvokeResult { request_id, outcome, duration, init_duration, max_memory_mb }
    }

    fn timed_out(&mut self, request_id: &str) -> Outcome {
        self.kill();
        let seconds = self.plan.timeout.as_secs_f64();
        let now = Utc::from_millis(clock::now_millis()).iso_millis();
        self.log.line(&self.plan.label, &format!("{now} {request_id} Task timed out after {seconds:.2} seconds"));
        failure(
            FailureKind::Timeout,
            json!({
                "errorType": "Sandbox.Timedout",
                "errorMessage": format!("RequestId: {request_id} Error: Task timed out after {seconds:.2} seconds"),
            }),
        )
    }

    fn over_memory(&self) -> bool {
        memory::current_mib(self.pid).is_some_and(|used| used > u64::from(self.plan.memory_mb))
    }

    fn out_of_memory(&mut self, request_id: &str) -> Outcome {
        self.kill();
        self.log.line(
            &self.plan.label,
            &format!("{} went above its MemorySize of {} MB and was stopped (--enforce-memory)", self.plan.label, self.plan.memory_mb),
        );
        failure(
            FailureKind::OutOfMemory,
            json!({
                "errorType": "Runtime.OutOfMemory",
                "errorMessage": format!("RequestId: {request_id} Error: Runtime exited with error: signal: killed"),
            }),
        )
    }

    /// Kills the process tree; the instance cannot be used again.
    pub fn kill(&mut self) {
        cleanup::kill_group(self.pid);
        self.alive.store(false, Ordering::SeqCst);
    }

    /// Waits (briefly) until what the function printed before answering has reached the log, so
    /// that END and REPORT come after it, as on Lambda.
    fn drain_output(&self) {
        let until = Instant::now() + Duration::from_millis(100);
        while Instant::now() < until && self.output.iter().any(|pipe| pipe.has_pending()) {
            std::thread::sleep(Duration::from_micros(200));
        }
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        cleanup::kill_group(self.pid);
        cleanup::unregister(self.pid);
    }
}

/// Starts a function process. On Linux the kernel kills it if slint dies, even from SIGKILL,
/// which no handler can catch. That signal follows the thread that started the process, so every
/// process is started from one thread that lives as long as slint.
#[cfg(target_os = "linux")]
fn spawn(mut command: Command) -> std::io::Result<std::process::Child> {
    use std::os::unix::process::CommandExt;
    use std::sync::mpsc::Sender;
    use std::sync::{Mutex, OnceLock};

    type Job = (Command, Sender<std::io::Result<std::process::Child>>);
    static SPAWNER: OnceLock<Mutex<Sender<Job>>> = OnceLock::new();

    // SAFETY: the closure runs in the child between fork and exec and only calls prctl(2),
    // which is async-signal-safe.
    unsafe {
        command.pre_exec(|| {
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
            Ok(())
        });
    }
    let spawner = SPAWNER.get_or_init(|| {
        let (jobs, queue) = mpsc::channel::<Job>();
        let started = std::thread::Builder::new().name("process-spawner".into()).spawn(move || {
            for (mut command, reply) in queue {
                let _ = reply.send(command.spawn());
            }
        });
        // Without the thread, every job's reply channel closes and `spawn` reports it.
        drop(started);
        Mutex::new(jobs)
    });
    let (reply, answer) = mpsc::channel();
    spawner
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .send((command, reply))
        .map_err(|_| std::io::Error::other("the process spawner is gone"))?;
    answer.recv().map_err(|_| std::io::Error::other("the process spawner is gone"))?
}

#[cfg(not(target_os = "linux"))]
fn spawn(mut command: Command) -> std::io::Result<std::process::Child> {
    command.spawn()
}

fn failure(kind: FailureKind, payload: serde_json::Value) -> Outcome {
    let error_type = payload.get("errorType").and_then(|t| t.as_str()).unwrap_or("Unhandled").to_owned();
    Outcome::Failure { kind, error_type, payload: payload.to_string().into_bytes() }
}

fn error_type_in(body: &[u8]) -> Option<String> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    value.get("errorType")?.as_str().map(str::to_owned)
}

/// `exit status 1`, `signal: killed`: how Lambda describes a runtime's end.
fn describe_exit(status: std::process::ExitStatus) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            let name = match signal {
                libc::SIGKILL => "killed".to_owned(),
                libc::SIGSEGV => "segmentation fault".to_owned(),
                libc::SIGABRT => "aborted".to_owned(),
                libc::SIGTERM => "terminated".to_owned(),
                other => format!("signal {other}"),
            };
            return format!("signal: {name}");
        }
    }
    match status.code() {
        Some(code) => format!("exit status {code}"),
        None => status.to_string(),
    }
}

/// One of the process's output streams, forwarded line by line to the log.
struct OutputPipe {
    #[cfg(unix)]
    fd: std::os::fd::RawFd,
    /// True between reading a chunk and finishing writing it to the log.
    busy: AtomicBool,
    closed: AtomicBool,
}

impl OutputPipe {
    fn forward<R: Read + Send + 'static + AsRawFdIfUnix>(stream: R, label: &str, log: Arc<dyn LogSink>) -> Arc<OutputPipe> {
        let pipe = Arc::new(OutputPipe {
            #[cfg(unix)]
            fd: stream.raw_fd(),
            busy: AtomicBool::new(false),
            closed: AtomicBool::new(false),
        });
        let shared = Arc::clone(&pipe);
        let label = label.to_owned();
        let spawned = std::thread::Builder::new().name("function-output".into()).spawn(move || {
            let mut reader = BufReader::new(stream);
            let mut line = Vec::new();
            loop {
                line.clear();
                match reader.read_until(b'\n', &mut line) {
                    Ok(0) | Err(_) => break,
                    Ok(_) => {
                        shared.busy.store(true, Ordering::SeqCst);
                        let text = String::from_utf8_lossy(&line);
                        log.line(&label, text.trim_end_matches(['\n', '\r']));
                        shared.busy.store(false, Ordering::SeqCst);
                    }
                }
            }
            shared.closed.store(true, Ordering::SeqCst);
        });
        if spawned.is_err() {
            pipe.closed.store(true, Ordering::SeqCst);
        }
        pipe
    }

    /// Whether bytes are still on their way to the log.
    fn has_pending(&self) -> bool {
        if self.closed.load(Ordering::SeqCst) {
            return false;
        }
        if self.busy.load(Ordering::SeqCst) {
            return true;
        }
        #[cfg(unix)]
        {
            let mut unread: libc::c_int = 0;
            // SAFETY: FIONREAD writes one int; the descriptor stays open until the reader thread
            // sees end of file, which `closed` guards against.
            let result = unsafe { libc::ioctl(self.fd, libc::FIONREAD, &mut unread) };
            result == 0 && unread > 0
        }
        #[cfg(not(unix))]
        false
    }
}

/// The raw descriptor of a pipe, where the platform has one.
trait AsRawFdIfUnix {
    #[cfg(unix)]
    fn raw_fd(&self) -> std::os::fd::RawFd;
}

#[cfg(unix)]
impl<T: std::os::fd::AsRawFd> AsRawFdIfUnix for T {
    fn raw_fd(&self) -> std::os::fd::RawFd {
        self.as_raw_fd()
    }
}

#[cfg(not(unix))]
impl<T> AsRawFdIfUnix for T {}
