//! The previous version of a template, for checks that judge a change rather than a state:
//! CloudFormation applies an update by comparing the deployed template with the new one, and
//! some table changes it can only make by deleting the table.
//!
//! The command line reads the baseline from git (`--baseline REF`) or a file
//! (`--baseline-file`); the language server can use the file's last committed version. Both
//! put it in [`crate::Settings::baseline`].

use std::path::{Path, PathBuf};
use std::process::Command;

use slint_linter::model::tables::{compare, TableChange};
use slint_linter::span::Span;
use slint_linter::syntax::{self, Parsed};
use slint_linter::template::Template;

use crate::Context;

/// A previous version of the template being linted.
#[derive(Debug)]
pub struct Baseline {
    /// How to name it in messages: `HEAD:template.yaml`, `old.yaml`.
    label: String,
    parsed: Parsed,
}

impl Baseline {
    pub fn from_bytes(label: impl Into<String>, bytes: &[u8]) -> Baseline {
        Baseline { label: label.into(), parsed: syntax::parse(bytes) }
    }

    pub fn from_text(label: impl Into<String>, text: &str) -> Baseline {
        Baseline { label: label.into(), parsed: syntax::parse_str(text) }
    }

    pub fn label(&self) -> &str {
        &self.label
    }

    pub fn parsed(&self) -> &Parsed {
        &self.parsed
    }

    /// `HEAD:template.yaml line 12`, for pointing at the old version of something.
    pub fn locate(&self, span: Span) -> String {
        let line = self.parsed.line_index.line_column(span.start as usize, &self.parsed.text).line;
        format!("{} line {line}", self.label)
    }
}

impl Baseline {
    /// The file at `path` as it is at a git revision (`HEAD`, `main`, a commit), read with
    /// `git show REVISION:./<name>` in the file's folder so that the path resolves against the
    /// repository the file lives in. `Ok(None)` when the file does not exist at that revision
    /// (a new file has nothing to compare with). The command line's `--baseline` and the
    /// language server's "last committed version" both come through here.
    pub fn from_git(revision: &str, path: &Path) -> Result<Option<Baseline>, String> {
        if revision.trim().is_empty() || revision.starts_with('-') {
            return Err(format!("`{revision}` is not a git revision; expected one such as HEAD, main or a commit"));
        }
        let folder = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = path.file_name().and_then(|n| n.to_str()).ok_or_else(|| format!("{}: not a file name git can look up", path.display()))?;
        let git = |args: &[&str]| Command::new("git").arg("-C").arg(&folder).args(args).output();

        let verified = git(&["rev-parse", "--verify", "--quiet", &format!("{revision}^{{commit}}")])
            .map_err(|error| format!("git could not be run: {error}"))?;
        if !verified.status.success() {
            let inside = git(&["rev-parse", "--is-inside-work-tree"]).is_ok_and(|o| o.status.success());
            return Err(if inside {
                format!("`{revision}` is not a commit, branch or tag of the repository of {}", path.display())
            } else {
                format!("{} is not in a git repository", path.display())
            });
        }
        let shown = git(&["show", &format!("{revision}:./{name}")]).map_err(|error| format!("git show failed: {error}"))?;
        if !shown.status.success() {
            return Ok(None);
        }
        let prefix = git(&["rev-parse", "--show-prefix"])
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
            .unwrap_or_default();
        Ok(Some(Baseline::from_bytes(format!("{revision}:{prefix}{name}"), &shown.stdout)))
    }
}

/// The table changes from the baseline to the document, `None` without a baseline (or when
/// either version is not a template).
pub(super) fn table_changes<'c>(cx: &'c Context) -> Option<(Vec<TableChange>, &'c Baseline)> {
    let baseline = cx.settings.baseline.as_deref()?;
    let current = cx.template?;
    let root = baseline.parsed.root.as_ref()?;
    let old = Template::new(root, &baseline.parsed.text, current.parameter_overrides.clone())?;
    Some((compare(&old, current), baseline))
}

/// ` (at HEAD:template.yaml line 12)` when the old value's place is known.
pub(super) fn was_at(baseline: &Baseline, span: Option<Span>) -> String {
    span.map(|span| format!(" (at {})", baseline.locate(span))).unwrap_or_default()
}
