//! The instances of one function: warm ones are reused, a new one starts when all are busy (up to
//! a limit, after which requests wait), and instances running old code are replaced.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};

use crate::bootstrap;
use crate::environment;
use crate::function::{Code, FunctionConfig};
use crate::interpreter::{mismatch_warning, Interpreters};
use crate::layers;
use crate::logs::LogSink;
use crate::process::{Instance, InvokeRequest, InvokeResult, LaunchPlan};
use crate::runtime::Runtime;
use crate::watch::Watcher;

#[derive(Clone, Debug)]
pub struct RunnerOptions {
    /// Stop an instance that goes above the function's MemorySize.
    pub enforce_memory: bool,
    /// Instances of one function running at once.
    pub max_instances: usize,
    /// Replace instances when a file of the code or its layers changes.
    pub watch: bool,
    /// Variables set for every function, over the template's (`AWS_ENDPOINT_URL_DYNAMODB`).
    pub extra_environment: BTreeMap<String, String>,
}

impl Default for RunnerOptions {
    fn default() -> Self {
        RunnerOptions { enforce_memory: false, max_instances: 10, watch: false, extra_environment: BTreeMap::new() }
    }
}

struct PoolState {
    idle: Vec<Instance>,
    /// Instances alive, idle or busy.
    count: usize,
}

/// Runs one function.
pub struct Runner {
    config: FunctionConfig,
    plan: Arc<LaunchPlan>,
    log: Arc<dyn LogSink>,
    options: RunnerOptions,
    state: Mutex<PoolState>,
    freed: Condvar,
    generation: Arc<AtomicU64>,
    warnings: Vec<String>,
    // Dropped after the instances, which run from it.
    _watcher: Option<Watcher>,
    _inline: Option<TempFolder>,
}

impl Runner {
    pub fn new(config: FunctionConfig, interpreters: &Interpreters, log: Arc<dyn LogSink>, options: RunnerOptions) -> Result<Runner, String> {
        let mut warnings = config.warnings.clone();
        let (task_root, inline) = match &config.code {
            Code::Folder(folder) => (folder.clone(), None),
            Code::Inline { file_name, source } => {
                let folder = TempFolder::new().map_err(|e| format!("cannot write the inline code of `{}`: {e}", config.logical_id))?;
                std::fs::write(folder.path.join(file_name), source).map_err(|e| format!("cannot write the inline code of `{}`: {e}", config.logical_id))?;
                (folder.path.clone(), Some(folder))
            }
        };
        let (program, args) = match &config.runtime {
            Runtime::Python { .. } => {
                let interpreter = interpreters.find(&config.runtime)?;
                warnings.extend(mismatch_warning(&config.logical_id, &config.runtime, &interpreter));
                (interpreter.program.clone(), vec!["-u".into(), "-c".into(), bootstrap::PYTHON.into()])
            }
            Runtime::Node { .. } => {
                let interpreter = interpreters.find(&config.runtime)?;
                warnings.extend(mismatch_warning(&config.logical_id, &config.runtime, &interpreter));
                let mut args: Vec<std::ffi::OsString> = Vec::new();
                if options.enforce_memory {
                    // V8 collects harder and fails with its own out-of-memory error before the
                    // process is stopped from outside.
                    args.push(format!("--max-old-space-size={}", u64::from(config.memory_mb) * 9 / 10).into());
                }
                args.extend(["--input-type=module".into(), "-e".into(), bootstrap::NODE.into()]);
                (interpreter.program.clone(), args)
            }
            Runtime::Provided { .. } => {
                let own = task_root.join("bootstrap");
                let program = if own.is_file() { Some(own) } else { layers::bootstrap(&config.layers) };
                let program = program.ok_or_else(|| {
                    format!("function `{}` uses `{}` but has no `bootstrap` file in {} or its layers", config.logical_id, config.runtime.name(), task_root.display())
                })?;
                check_executable(&program)?;
                (program, Vec::new())
            }
        };
        let plan = Arc::new(LaunchPlan {
            label: config.logical_id.clone(),
            program,
            args,
            working_dir: task_root.clone(),
            environment: environment::base_environment(&config, &task_root, &options.extra_environment),
            function_arn: config.arn(),
            function_name: config.function_name.clone(),
            memory_mb: config.memory_mb,
            timeout: config.timeout,
            enforce_memory: options.enforce_memory,
        });
        let generation = Arc::new(AtomicU64::new(0));
        let watcher = options.watch.then(|| {
            let label = config.logical_id.clone();
            let log = Arc::clone(&log);
            Watcher::start(config.watched_folders(), Arc::clone(&generation), move || {
                log.line(&label, "code changed; the next invocation starts a fresh instance");
            })
        });
        Ok(Runner {
            config,
            plan,
            log,
            options,
            state: Mutex::new(PoolState { idle: Vec::new(), count: 0 }),
            freed: Condvar::new(),
            generation,
            warnings,
            _watcher: watcher,
            _inline: inline,
        })
    }

    pub fn config(&self) -> &FunctionConfig {
        &self.config
    }

    /// What the user should know before the function runs (unresolved variables, another
    /// interpreter version, skipped layers).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Instances currently alive.
    pub fn instance_count(&self) -> usize {
        self.lock().count
    }

    /// Runs one invocation on a warm instance, or a new one; `Err` when no process could start.
    pub fn invoke(&self, request: &InvokeRequest) -> Result<InvokeResult, String> {
        let mut instance = self.acquire()?;
        let result = instance.invoke(request);
        self.release(instance);
        Ok(result)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, PoolState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn acquire(&self) -> Result<Instance, String> {
        let current = self.generation.load(Ordering::SeqCst);
        let mut state = self.lock();
        loop {
            while let Some(instance) = state.idle.pop() {
                if instance.is_alive() && instance.generation == current {
                    return Ok(instance);
                }
                state.count -= 1;
                drop(instance);
            }
            if state.count < self.options.max_instances.max(1) {
                state.count += 1;
                break;
            }
            state = self.freed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        drop(state);
        Instance::start(Arc::clone(&self.plan), Arc::clone(&self.log), current).inspect_err(|_| {
            self.lock().count -= 1;
            self.freed.notify_one();
        })
    }

    fn release(&self, instance: Instance) {
        let mut state = self.lock();
        if instance.is_alive() && instance.generation == self.generation.load(Ordering::SeqCst) {
            state.idle.push(instance);
        } else {
            state.count -= 1;
            drop(instance);
        }
        drop(state);
        self.freed.notify_one();
    }
}

fn check_executable(path: &std::path::Path) -> Result<(), String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_err(|e| format!("{}: {e}", path.display()))?.permissions().mode();
        if mode & 0o111 == 0 {
            return Err(format!("{} is not executable; Lambda needs it to be (chmod +x {})", path.display(), path.display()));
        }
    }
    Ok(())
}

/// A folder removed when dropped, for inline code.
struct TempFolder {
    path: PathBuf,
}

impl TempFolder {
    fn new() -> std::io::Result<TempFolder> {
        let path = std::env::temp_dir().join(format!("slint-inline-{}-{}", std::process::id(), crate::ids::hex_id(12)));
        std::fs::create_dir_all(&path)?;
        Ok(TempFolder { path })
    }
}

impl Drop for TempFolder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}
