//! The local interpreter for a function's runtime: `python3.X` or `node` found on PATH, or the
//! program given with `--runtime-exec RUNTIME=PATH`. A version other than the template's still
//! runs, with a warning, because a laptop rarely has every runtime Lambda offers.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};

use crate::runtime::Runtime;

/// An interpreter that answered a version probe.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Interpreter {
    /// The real executable (a pyenv or asdf shim resolved), started for each instance.
    pub program: PathBuf,
    /// `3.11.7`, `20.20.2`.
    pub version: String,
    /// Whether the version is the one the runtime names (same Python minor, same Node major).
    pub matches: bool,
}

/// Interpreters by runtime, probed once per run.
pub struct Interpreters {
    overrides: BTreeMap<String, PathBuf>,
    found: Mutex<HashMap<String, Result<Arc<Interpreter>, String>>>,
}

impl Interpreters {
    /// `overrides` maps a runtime name (`python3.12`, `nodejs20.x`) or a family (`python`,
    /// `node`) to the program to use.
    pub fn new(overrides: BTreeMap<String, PathBuf>) -> Self {
        Interpreters { overrides, found: Mutex::new(HashMap::new()) }
    }

    /// `python3.12=/opt/python3.12/bin/python3`, as `--runtime-exec` takes it.
    pub fn parse_override(text: &str) -> Result<(String, PathBuf), String> {
        match text.split_once('=') {
            Some((runtime, path)) if !runtime.trim().is_empty() && !path.trim().is_empty() => {
                Ok((runtime.trim().to_owned(), PathBuf::from(path.trim())))
            }
            _ => Err(format!("`--runtime-exec {text}`: expected RUNTIME=PATH, e.g. python3.12=/usr/bin/python3.12")),
        }
    }

    /// The interpreter for a Python or Node runtime.
    pub fn find(&self, runtime: &Runtime) -> Result<Arc<Interpreter>, String> {
        let key = runtime.name().to_owned();
        if let Some(found) = self.found.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
            return found.clone();
        }
        let found = self.probe(runtime).map(Arc::new);
        self.found.lock().unwrap_or_else(|e| e.into_inner()).insert(key, found.clone());
        found
    }

    fn probe(&self, runtime: &Runtime) -> Result<Interpreter, String> {
        let (family, candidates): (&str, Vec<String>) = match runtime {
            Runtime::Python { minor, .. } => ("python", vec![format!("python3.{minor}"), "python3".into(), "python".into()]),
            Runtime::Node { .. } => ("node", vec!["node".into(), "nodejs".into()]),
            Runtime::Provided { .. } => return Err("`provided` runtimes run the function's own `bootstrap`".to_owned()),
        };
        let chosen = self.overrides.get(runtime.name()).or_else(|| self.overrides.get(family)).or_else(|| {
            if family == "node" {
                self.overrides.get("nodejs")
            } else {
                None
            }
        });
        if let Some(program) = chosen {
            let interpreter = probe_program(program.as_os_str(), runtime).ok_or_else(|| {
                format!("`--runtime-exec {}={}` does not run as a {family} interpreter", runtime.name(), program.display())
            })?;
            return Ok(interpreter);
        }
        let mut fallback = None;
        for candidate in &candidates {
            if let Some(interpreter) = probe_program(candidate.as_ref(), runtime) {
                if interpreter.matches {
                    return Ok(interpreter);
                }
                fallback.get_or_insert(interpreter);
            }
        }
        fallback.ok_or_else(|| {
            format!(
                "no {family} interpreter on PATH for `{}` (tried {}); install one or pass --runtime-exec {}=/path/to/{}",
                runtime.name(),
                candidates.join(", "),
                runtime.name(),
                candidates[0]
            )
        })
    }
}

/// Runs the program to learn its version and real path; `None` when it does not run (a missing
/// program, or a version manager's shim for a version that is not installed).
fn probe_program(program: &std::ffi::OsStr, runtime: &Runtime) -> Option<Interpreter> {
    let script = match runtime {
        Runtime::Python { .. } => ["-c", "import sys; print('%d.%d.%d' % sys.version_info[:3]); print(sys.executable)"],
        Runtime::Node { .. } => ["-p", "process.versions.node + '\\n' + process.execPath"],
        Runtime::Provided { .. } => return None,
    };
    let output = Command::new(program).args(script).stdin(Stdio::null()).stderr(Stdio::null()).output().ok()?;
    if !output.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let mut lines = text.lines();
    let version = lines.next()?.trim().to_owned();
    let path = lines.next().map(str::trim).filter(|p| !p.is_empty()).map(PathBuf::from).unwrap_or_else(|| PathBuf::from(program));
    let mut parts = version.split('.').map(|p| p.parse::<u32>().ok());
    let matches = match runtime {
        Runtime::Python { minor, .. } => parts.next()?? == 3 && parts.next()?? == *minor,
        Runtime::Node { major, .. } => parts.next()?? == *major,
        Runtime::Provided { .. } => false,
    };
    Some(Interpreter { program: path, version, matches })
}

/// The warning printed when a function runs on another version than its runtime names.
pub fn mismatch_warning(function: &str, runtime: &Runtime, interpreter: &Interpreter) -> Option<String> {
    if interpreter.matches {
        return None;
    }
    let language = match runtime {
        Runtime::Python { .. } => "Python",
        Runtime::Node { .. } => "Node.js",
        Runtime::Provided { .. } => return None,
    };
    Some(format!(
        "function `{function}` declares `{}` but runs on {language} {} ({}); behaviour may differ. Pass --runtime-exec {}=PATH to choose the interpreter",
        runtime.name(),
        interpreter.version,
        interpreter.program.display(),
        runtime.name()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_parse() {
        assert_eq!(Interpreters::parse_override("python3.12=/x/py").unwrap(), ("python3.12".into(), PathBuf::from("/x/py")));
        assert!(Interpreters::parse_override("python3.12").is_err());
        assert!(Interpreters::parse_override("=/x").is_err());
    }

    #[test]
    fn a_program_that_does_not_run_is_reported() {
        let runtime = Runtime::parse("python3.12").unwrap();
        let interpreters = Interpreters::new([("python3.12".to_owned(), PathBuf::from("/nonexistent/python"))].into());
        assert!(interpreters.find(&runtime).unwrap_err().contains("does not run"));
    }

    #[test]
    fn the_local_python_is_found_and_compared() {
        let runtime = Runtime::parse("python3.2").unwrap();
        let Ok(found) = Interpreters::new(BTreeMap::new()).find(&runtime) else { return };
        assert!(!found.matches, "no machine runs Python 3.2 any more");
        assert!(mismatch_warning("Fn", &runtime, &found).unwrap().contains("declares `python3.2`"));
    }
}
