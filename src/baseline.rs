//! `--baseline REF` and `--baseline-file FILE`: the previous version of each template, for the
//! rules that judge what an update changes (a table replaced, two indexes created at once).
//!
//! A git revision is read by [`Baseline::from_git`], shared with the language server.

use std::path::{Path, PathBuf};
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

fn from_git(revision: &str, path: &Path) -> Result<Option<Arc<Baseline>>, String> {
    Baseline::from_git(revision, path).map(|baseline| baseline.map(Arc::new)).map_err(|message| format!("`--baseline {revision}`: {message}"))
}
