//! Restart on code change: a background thread fingerprints the function's folders (names, sizes
//! and modification times) twice a second and bumps a generation counter when they change;
//! instances of an older generation are replaced before their next invocation.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, UNIX_EPOCH};

const INTERVAL: Duration = Duration::from_millis(500);

/// Beyond this many entries a folder is only partly watched, to keep polling cheap.
const MAX_ENTRIES: usize = 50_000;

pub struct Watcher {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Watcher {
    /// Watches `folders`; `on_change` runs on the watcher's thread after the counter is bumped.
    pub fn start(folders: Vec<PathBuf>, generation: Arc<AtomicU64>, on_change: impl Fn() + Send + 'static) -> Watcher {
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        let thread = std::thread::Builder::new()
            .name("code-watcher".into())
            .spawn(move || {
                let mut last = fingerprint(&folders);
                while !stopped.load(Ordering::SeqCst) {
                    std::thread::park_timeout(INTERVAL);
                    if stopped.load(Ordering::SeqCst) {
                        break;
                    }
                    let now = fingerprint(&folders);
                    if now != last {
                        last = now;
                        generation.fetch_add(1, Ordering::SeqCst);
                        on_change();
                    }
                }
            })
            .ok();
        Watcher { stop, thread }
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            thread.thread().unpark();
            let _ = thread.join();
        }
    }
}

/// A hash of every file's path, size and modification time under the folders. Bytecode caches
/// and hidden folders are left out: the running function writes the first, and tools the second.
pub fn fingerprint(folders: &[PathBuf]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut mix = |bytes: &[u8]| {
        for &byte in bytes {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x100_0000_01b3);
        }
    };
    let mut entries = 0;
    for folder in folders {
        let mut pending = vec![folder.clone()];
        while let Some(dir) = pending.pop() {
            let Ok(read) = std::fs::read_dir(&dir) else { continue };
            let mut children: Vec<_> = read.flatten().collect();
            children.sort_by_key(|e| e.file_name());
            for entry in children {
                entries += 1;
                if entries > MAX_ENTRIES {
                    return hash;
                }
                let name = entry.file_name();
                if skipped(Path::new(&name)) {
                    continue;
                }
                let Ok(metadata) = entry.metadata() else { continue };
                mix(entry.path().to_string_lossy().as_bytes());
                if metadata.is_dir() {
                    pending.push(entry.path());
                    continue;
                }
                mix(&metadata.len().to_le_bytes());
                let modified = metadata.modified().ok().and_then(|t| t.duration_since(UNIX_EPOCH).ok()).unwrap_or_default();
                mix(&modified.as_nanos().to_le_bytes());
            }
        }
    }
    hash
}

fn skipped(name: &Path) -> bool {
    let text = name.to_string_lossy();
    text.starts_with('.') || text == "__pycache__" || text.ends_with(".pyc")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_seen_and_caches_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let folders = vec![dir.path().to_path_buf()];
        std::fs::write(dir.path().join("app.py"), "x = 1\n").unwrap();
        let before = fingerprint(&folders);
        std::fs::create_dir(dir.path().join("__pycache__")).unwrap();
        std::fs::write(dir.path().join("__pycache__/app.cpython-311.pyc"), "cache").unwrap();
        assert_eq!(fingerprint(&folders), before);
        std::fs::write(dir.path().join("app.py"), "x = 22\n").unwrap();
        assert_ne!(fingerprint(&folders), before);
    }
}
