//! Memory of a function's process tree, read from /proc on Linux: the peak for the REPORT line
//! (like Lambda's "Max Memory Used", which is the environment's high-water mark) and the current
//! size for `--enforce-memory`. Elsewhere the numbers are unknown.

/// Peak resident memory of the process and its descendants, in MiB (rounded up).
pub fn peak_mib(pid: u32) -> Option<u64> {
    tree_kib(pid, "VmHWM:").map(|kib| kib.div_ceil(1024))
}

/// Current resident memory of the process and its descendants, in MiB (rounded up).
pub fn current_mib(pid: u32) -> Option<u64> {
    tree_kib(pid, "VmRSS:").map(|kib| kib.div_ceil(1024))
}

#[cfg(target_os = "linux")]
fn tree_kib(pid: u32, field: &str) -> Option<u64> {
    let mut total = 0;
    let mut pending = vec![pid];
    let mut seen = 0;
    while let Some(pid) = pending.pop() {
        seen += 1;
        if seen > 4096 {
            break;
        }
        let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) else { continue };
        total += status
            .lines()
            .find_map(|line| line.strip_prefix(field))
            .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .unwrap_or(0);
        pending.extend(children(pid));
    }
    (total > 0).then_some(total)
}

#[cfg(target_os = "linux")]
fn children(pid: u32) -> Vec<u32> {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else { return Vec::new() };
    tasks
        .flatten()
        .filter_map(|task| std::fs::read_to_string(task.path().join("children")).ok())
        .flat_map(|text| text.split_whitespace().filter_map(|p| p.parse().ok()).collect::<Vec<u32>>())
        .collect()
}

#[cfg(not(target_os = "linux"))]
fn tree_kib(_pid: u32, _field: &str) -> Option<u64> {
    None
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    #[test]
    fn own_process_has_memory() {
        let pid = std::process::id();
        assert!(super::peak_mib(pid).unwrap() >= super::current_mib(pid).unwrap().min(1));
    }
}
