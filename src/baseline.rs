//! `--baseline REF` and `--baseline-file FILE`: the previous version of each template, for the
//! rules that judge what an update changes (a table replaced, two indexes created at once).
//!
//! A git revision is read with `git show REF:./<file>` run in the template's folder, so the
//! path resolves against the repository the template lives in, wherever slint was started.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use slint_rules::Baseline;

use crate::error::CliError;
use crate::files::{Input, Source};

/// Where the previous versions come from.
#[derive(Clone, Debug)]
pub enum BaselineSource {
    /// A git revision: a commit, branch or tag.
    Revision(String),
    /// One file, the previous version of the single template being checked.
    File(PathBuf),
}

/// Reads previous versions for the inputs of one run.
#[derive(Debug)]
pub struct Baselines {
    source: BaselineSource,
    /// `--baseline-file`, read once.
    file: Option<Arc<Baseline>>,
}

impl Baselines {
    /// Checks what can be checked before linting: the file exists, or it is one template.
    pub fn new(source: BaselineSource, inputs: &[Input]) -> Result<Baselines, CliError> {
        let file = match &source {
            BaselineSource::File(path) => {
                if inputs.len() > 1 {
                    return Err(CliError::new(format!(
                        "`--baseline-file` is the previous version of one template, but {} templates were found; name the one template to compare (or use `--baseline REF` for a git revision)",
                        inputs.len()
                    )));
                }
                let bytes = std::fs::read(path)
                    .map_err(|error| CliError::new(format!("`--baseline-file {}`: {}", path.display(), crate::files::io_reason(&error))))?;
                Some(Arc::new(Baseline::from_bytes(path.display().to_string(), &bytes)))
            }
            BaselineSource::Revision(revision) if revision.trim().is_empty() || revision.starts_with('-') => {
                return Err(CliError::new(format!("`--baseline {revision}`: expected a git revision such as HEAD, main or a commit")));
            }
            BaselineSource::Revision(_) => None,
        };
        Ok(Baselines { source, file })
    }

    /// The previous version of `input`; `None` when the template did not exist at the revision
    /// (a new file has nothing to compare with).
    pub fn for_input(&self, input: &Input, stdin_filename: Option<&str>) -> Result<Option<Arc<Baseline>>, String> {
        match &self.source {
            BaselineSource::File(_) => Ok(self.file.clone()),
            BaselineSource::Revision(revision) => {
                let path = match &input.source {
                    Source::File(path) => path.clone(),
                    Source::Stdin => match stdin_filename {
                        Some(name) => PathBuf::from(name),
                        None => {
                            return Err(format!(
                                "`--baseline {revision}` needs to know which file standard input is; pass `--stdin-filename`"
                            ))
                        }
                    },
                };
                from_git(revision, &path)
            }
        }
    }
}

/// `git show REV:./name` in the file's folder.
fn from_git(revision: &str, path: &Path) -> Result<Option<Arc<Baseline>>, String> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().and_then(|n| n.to_str()).ok_or_else(|| format!("{}: not a file name git can look up", path.display()))?;
    let git = |args: &[&str]| Command::new("git").arg("-C").arg(&folder).args(args).output();

    let verified = git(&["rev-parse", "--verify", "--quiet", &format!("{revision}^{{commit}}")])
        .map_err(|error| format!("`--baseline {revision}` needs git, which could not be run: {error}"))?;
    if !verified.status.success() {
        let inside = git(&["rev-parse", "--is-inside-work-tree"]).map(|o| o.status.success()).unwrap_or(false);
        return Err(if inside {
            format!("`--baseline {revision}`: not a commit, branch or tag of the repository of {}", path.display())
        } else {
            format!("`--baseline {revision}`: {} is not in a git repository", path.display())
        });
    }
    let shown = git(&["show", &format!("{revision}:./{name}")]).map_err(|error| format!("git show failed: {error}"))?;
    if !shown.status.success() {
        return Ok(None); // not in that revision: a new template
    }
    let prefix = git(&["rev-parse", "--show-prefix"]).ok().filter(|o| o.status.success()).map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned());
    let label = format!("{revision}:{}{name}", prefix.unwrap_or_default());
    Ok(Some(Arc::new(Baseline::from_bytes(label, &shown.stdout))))
}
