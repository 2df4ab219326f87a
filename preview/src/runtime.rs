//! The Lambda runtimes the preview runs without containers.

/// A runtime identifier understood by the preview.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Runtime {
    /// `python3.X`.
    Python { name: String, minor: u32 },
    /// `nodejsNN.x`.
    Node { name: String, major: u32 },
    /// `provided`, `provided.al2`, `provided.al2023`: the function ships its own `bootstrap`.
    Provided { name: String },
}

impl Runtime {
    /// `None` for runtimes that need their own toolchain image (Java, .NET, Ruby, Go 1.x).
    pub fn parse(name: &str) -> Option<Runtime> {
        if let Some(minor) = name.strip_prefix("python3.") {
            return Some(Runtime::Python { name: name.to_owned(), minor: minor.parse().ok()? });
        }
        if let Some(major) = name.strip_prefix("nodejs").and_then(|rest| rest.strip_suffix(".x")) {
            return Some(Runtime::Node { name: name.to_owned(), major: major.parse().ok()? });
        }
        if name == "provided" || name.starts_with("provided.") {
            return Some(Runtime::Provided { name: name.to_owned() });
        }
        None
    }

    pub fn name(&self) -> &str {
        match self {
            Runtime::Python { name, .. } | Runtime::Node { name, .. } | Runtime::Provided { name } => name,
        }
    }

    /// The file Lambda writes inline code (`InlineCode`, `Code.ZipFile`) to.
    pub fn inline_file_name(&self) -> Option<&'static str> {
        match self {
            Runtime::Python { .. } => Some("index.py"),
            Runtime::Node { .. } => Some("index.js"),
            Runtime::Provided { .. } => None,
        }
    }

    /// `AWS_EXECUTION_ENV`: set by Lambda's managed runtimes only.
    pub fn execution_env(&self) -> Option<String> {
        match self {
            Runtime::Python { name, .. } | Runtime::Node { name, .. } => Some(format!("AWS_Lambda_{name}")),
            Runtime::Provided { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runtimes_parse() {
        assert_eq!(Runtime::parse("python3.12"), Some(Runtime::Python { name: "python3.12".into(), minor: 12 }));
        assert_eq!(Runtime::parse("nodejs20.x"), Some(Runtime::Node { name: "nodejs20.x".into(), major: 20 }));
        assert_eq!(Runtime::parse("provided.al2023"), Some(Runtime::Provided { name: "provided.al2023".into() }));
        assert_eq!(Runtime::parse("java21"), None);
        assert_eq!(Runtime::parse("nodejs"), None);
    }
}
