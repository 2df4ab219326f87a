//! Background work (linting, freeing old versions) yields the cores to the threads that answer
//! the editor: a completion typed while a large template is linted should not wait for the lint.
//!
//! On Linux each thread has its own nice value, and a background thread raises its own. Elsewhere
//! the value belongs to the whole process, so nothing is changed there.

/// How much less CPU time a background thread gets beside a busy request thread: at 10 the
/// scheduler weighs them about 1 to 9.
#[cfg(target_os = "linux")]
const BACKGROUND_NICENESS: libc::c_int = 10;

/// Starts the thread pool the linter shares its work out on, its threads at background priority.
pub fn start_background_pool() {
    // Fails only if the pool was started already, which leaves it as it was.
    let _ = rayon::ThreadPoolBuilder::new()
        .thread_name(|index| format!("slint-lint-{index}"))
        .start_handler(|_| lower_this_thread())
        .build_global();
}

/// Moves the calling thread to background priority.
#[cfg(target_os = "linux")]
pub fn lower_this_thread() {
    // SAFETY: setpriority only changes the scheduling of the calling thread (`who` 0 with
    // PRIO_PROCESS names the caller under Linux's per-thread nice values); a refusal leaves it
    // as it was.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, BACKGROUND_NICENESS);
    }
}

#[cfg(not(target_os = "linux"))]
pub fn lower_this_thread() {}
