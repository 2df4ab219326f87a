//! The runtime clients started for Python and Node.js functions, shipped inside the binary and
//! passed to the interpreter on its command line, so nothing is written to disk.

/// Python's client, run with `python -u -c`.
pub const PYTHON: &str = include_str!("python.py");

/// Node.js's client, an ES module run with `node --input-type=module -e`.
pub const NODE: &str = include_str!("node.mjs");
