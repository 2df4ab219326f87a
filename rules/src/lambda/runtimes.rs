//! What a `Runtime` identifier says: whether Lambda knows it, its language family and version.

use std::collections::BTreeSet;
use std::sync::OnceLock;

/// A runtime's language, with the version numbers the identifier carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Family {
    /// `nodejs22.x` → 22; the original `nodejs` is 0.
    Node(u32),
    /// `python3.12` → (3, 12).
    Python(u32, u32),
    /// `java21`, `java8.al2` → 21, 8.
    Java(u32),
    /// `dotnet8`, `dotnetcore3.1` → 8, 3.
    DotNet(u32),
    Ruby,
    Go,
    /// `provided`, `provided.al2`, `provided.al2023`: the function brings its own runtime.
    OsOnly,
}

impl Family {
    pub(crate) fn of(runtime: &str) -> Option<Family> {
        let number = |text: &str| -> Option<u32> { text.parse().ok() };
        if let Some(rest) = runtime.strip_prefix("nodejs") {
            if rest.is_empty() {
                return Some(Family::Node(0));
            }
            return number(rest.split('.').next()?).map(Family::Node);
        }
        if let Some(rest) = runtime.strip_prefix("python") {
            let (major, minor) = rest.split_once('.')?;
            return Some(Family::Python(number(major)?, number(minor)?));
        }
        if let Some(rest) = runtime.strip_prefix("java") {
            return number(rest.split('.').next()?).map(Family::Java);
        }
        if let Some(rest) = runtime.strip_prefix("dotnetcore").or_else(|| runtime.strip_prefix("dotnet")) {
            return number(rest.split('.').next()?).map(Family::DotNet);
        }
        if runtime.starts_with("ruby") {
            return Some(Family::Ruby);
        }
        if runtime.starts_with("go1") {
            return Some(Family::Go);
        }
        if runtime == "provided" || runtime.starts_with("provided.") {
            return Some(Family::OsOnly);
        }
        None
    }
}

/// Every runtime identifier Lambda accepts or once accepted: the values CloudFormation's
/// resource schema allows for `AWS::Lambda::Function.Runtime`, and every runtime of the
/// lifecycle table (which includes retired ones).
pub(crate) fn known_runtimes() -> &'static BTreeSet<String> {
    static KNOWN: OnceLock<BTreeSet<String>> = OnceLock::new();
    KNOWN.get_or_init(|| {
        let mut known: BTreeSet<String> = slint_schemas::runtimes().iter().map(|r| r.name.clone()).collect();
        if let Some(schema) = slint_schemas::schema("AWS::Lambda::Function") {
            let allowed = schema.pointer("/properties/Runtime/enum").and_then(|e| e.as_array());
            known.extend(allowed.into_iter().flatten().filter_map(|v| v.as_str()).map(str::to_owned));
        }
        known
    })
}

/// The runtime a near miss most likely means, by the usual slips: the `.x` of Node.js left out
/// (`nodejs22`), a patch version added (`python3.13.1`), or upper case (`Python3.13`).
pub(crate) fn closest_runtime(written: &str) -> Option<&'static str> {
    let known = known_runtimes();
    let find = |candidate: &str| known.get(candidate).map(String::as_str);
    let lower = written.trim().to_ascii_lowercase();
    if let Some(found) = find(&lower).or_else(|| find(&format!("{lower}.x"))) {
        return Some(found);
    }
    let mut shorter = lower.as_str();
    while let Some((head, _)) = shorter.rsplit_once('.') {
        if let Some(found) = find(head).or_else(|| find(&format!("{head}.x"))) {
            return Some(found);
        }
        shorter = head;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_and_versions() {
        assert_eq!(Family::of("nodejs22.x"), Some(Family::Node(22)));
        assert_eq!(Family::of("nodejs"), Some(Family::Node(0)));
        assert_eq!(Family::of("python3.12"), Some(Family::Python(3, 12)));
        assert_eq!(Family::of("java8.al2"), Some(Family::Java(8)));
        assert_eq!(Family::of("dotnetcore3.1"), Some(Family::DotNet(3)));
        assert_eq!(Family::of("dotnet10"), Some(Family::DotNet(10)));
        assert_eq!(Family::of("provided.al2023"), Some(Family::OsOnly));
        assert_eq!(Family::of("ruby3.4"), Some(Family::Ruby));
        assert_eq!(Family::of("go1.x"), Some(Family::Go));
        assert_eq!(Family::of("cobol"), None);
    }

    #[test]
    fn near_misses_point_at_the_runtime_meant() {
        assert_eq!(closest_runtime("nodejs22"), Some("nodejs22.x"));
        assert_eq!(closest_runtime("python3.13.1"), Some("python3.13"));
        assert_eq!(closest_runtime("Python3.12"), Some("python3.12"));
        assert_eq!(closest_runtime("nodejs22.x.1"), Some("nodejs22.x"));
        assert_eq!(closest_runtime("cobol"), None);
    }

    #[test]
    fn knows_current_and_retired_runtimes() {
        let known = known_runtimes();
        for name in ["python3.12", "nodejs22.x", "java21", "provided.al2023", "python2.7", "dotnetcore1.0"] {
            assert!(known.contains(name), "{name}");
        }
        assert!(!known.contains("python3.99"));
    }
}
