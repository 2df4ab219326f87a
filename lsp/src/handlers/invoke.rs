//! "Invoke locally": runs one function of the template with `slint invoke`, the local execution
//! preview, and reports what it returned. The function runs from the template as saved on
//! disk, as it would from a terminal.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tower_lsp_server::gen_lsp_types::ExecuteCommandParams;

pub const INVOKE: &str = "slint.invokeLocally";

/// A function that runs longer than this is stopped; Lambda's own limit is 15 minutes, but an
/// editor command should not hang that long.
const DEADLINE: Duration = Duration::from_secs(300);

/// How much of the result the editor's message shows; the log has all of it.
const SHOWN: usize = 300;

pub struct Invocation {
    pub succeeded: bool,
    /// One line for a message box.
    pub summary: String,
    /// The function's output and logs, for the log.
    pub log: String,
    pub result: Value,
}

pub fn arguments(params: &ExecuteCommandParams) -> Result<(PathBuf, String), String> {
    match params.arguments.as_deref() {
        Some([Value::String(path), Value::String(function), ..]) => Ok((PathBuf::from(path), function.clone())),
        _ => Err(format!("{INVOKE} takes the template's path and a function's logical id")),
    }
}

pub fn invoke(template: &Path, function: &str) -> Result<Invocation, String> {
    let slint = std::env::current_exe().map_err(|error| format!("cannot find the slint binary: {error}"))?;
    let folder = template.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut child = Command::new(slint)
        .arg("invoke")
        .arg("--template")
        .arg(template)
        .arg("--no-event")
        .arg(function)
        .current_dir(folder)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|error| format!("cannot start `slint invoke`: {error}"))?;
    // Both pipes are drained while the function runs, so that a chatty function cannot fill
    // one and stall.
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut text = String::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_string(&mut text);
            }
            text
        })
    };
    let stdout = drain(child.stdout.take().map(|p| Box::new(p) as Box<dyn Read + Send>));
    let stderr = drain(child.stderr.take().map(|p| Box::new(p) as Box<dyn Read + Send>));
    let started = Instant::now();
    let status = loop {
        match child.try_wait().map_err(|error| format!("lost track of `slint invoke`: {error}"))? {
            Some(status) => break Some(status),
            None if started.elapsed() > DEADLINE => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            None => std::thread::sleep(Duration::from_millis(20)),
        }
    };
    let stdout = stdout.join().unwrap_or_default();
    let stderr = stderr.join().unwrap_or_default();
    let log = format!("slint invoke {function}\n{stderr}{stdout}");
    let Some(status) = status else {
        return Ok(Invocation {
            succeeded: false,
            summary: format!("{function} was stopped after {} seconds", DEADLINE.as_secs()),
            log,
            result: json!({ "function": function, "timedOut": true }),
        });
    };
    let succeeded = status.success();
    let output = if succeeded { stdout.trim() } else { last_line(&stderr) };
    let shown: String = output.chars().take(SHOWN).collect();
    let more = if output.chars().count() > SHOWN { "…" } else { "" };
    let summary = if succeeded { format!("{function} returned {shown}{more}") } else { format!("{function} failed: {shown}{more}") };
    Ok(Invocation {
        succeeded,
        summary,
        log,
        result: json!({ "function": function, "exitCode": status.code(), "stdout": stdout, "stderr": stderr }),
    })
}

fn last_line(text: &str) -> &str {
    text.lines().rev().find(|line| !line.trim().is_empty()).unwrap_or("no output").trim()
}
