//! Every function process slint starts is registered here, so that none outlives slint: each is
//! killed with its process group when its instance is dropped, and all of them when slint is
//! interrupted (Ctrl-C), terminated or hung up.

use std::sync::Mutex;

static LIVE: Mutex<Vec<u32>> = Mutex::new(Vec::new());

pub(crate) fn register(group: u32) {
    LIVE.lock().unwrap_or_else(|e| e.into_inner()).push(group);
}

pub(crate) fn unregister(group: u32) {
    LIVE.lock().unwrap_or_else(|e| e.into_inner()).retain(|&g| g != group);
}

/// Kills a process group (the function process and anything it started).
pub(crate) fn kill_group(group: u32) {
    #[cfg(unix)]
    {
        if let Ok(group) = i32::try_from(group) {
            if group > 1 {
                // SAFETY: kill(2) with a negative pid signals a process group; it has no memory effects.
                unsafe {
                    libc::kill(-group, libc::SIGKILL);
                }
            }
        }
    }
    #[cfg(not(unix))]
    let _ = group;
}

/// Kills every function process still running.
pub fn kill_all() {
    let groups = std::mem::take(&mut *LIVE.lock().unwrap_or_else(|e| e.into_inner()));
    for group in groups {
        kill_group(group);
    }
}

/// On SIGINT, SIGTERM or SIGHUP: kill every function process, then exit with 128 + the signal,
/// as shells expect. Call once, early, from a command that starts functions.
pub fn install_signal_handlers() -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])?;
        std::thread::Builder::new().name("signals".into()).spawn(move || {
            if let Some(signal) = signals.forever().next() {
                kill_all();
                std::process::exit(128 + signal);
            }
        })?;
    }
    Ok(())
}
