//! Which configuration applies to each template: `--config FILE` for all of them, otherwise the
//! nearest `slint.toml` above each one, with the command-line flags layered on top.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{GlobSet, GlobSetBuilder};
use slint_rules::config::{Config, Discovery, FailOn};
use slint_rules::Settings;

use crate::error::CliError;
use crate::files::compile_glob;

/// Where configuration files come from.
pub enum Mode {
    /// `--config FILE`: this one, for every template.
    Explicit(Arc<Config>),
    /// The nearest `slint.toml` in or above each template's folder.
    Discover(Discovery),
    /// `--no-config`: no file, only the flags.
    Isolated,
}

/// What linting one template needs to know.
#[derive(Debug)]
pub struct Resolved {
    pub settings: Settings,
    pub fail_on: FailOn,
}

pub struct Configs {
    mode: Mode,
    /// The command-line layer.
    flags: Config,
    resolved: HashMap<Option<PathBuf>, Arc<Resolved>>,
    excludes: HashMap<PathBuf, Arc<Excludes>>,
}

impl Configs {
    pub fn new(mode: Mode, flags: Config) -> Self {
        Configs { mode, flags, resolved: HashMap::new(), excludes: HashMap::new() }
    }

    fn file_for_dir(&mut self, dir: &Path) -> Result<Option<Arc<Config>>, CliError> {
        match &mut self.mode {
            Mode::Explicit(config) => Ok(Some(Arc::clone(config))),
            Mode::Discover(discovery) => Ok(discovery.config_for_dir(dir)?),
            Mode::Isolated => Ok(None),
        }
    }

    /// Settings and failure threshold for templates in `dir`, computed once per configuration file.
    pub fn resolve(&mut self, dir: &Path) -> Result<Arc<Resolved>, CliError> {
        let file = self.file_for_dir(dir)?;
        let key = file.as_ref().and_then(|config| config.path.clone());
        if let Some(resolved) = self.resolved.get(&key) {
            return Ok(Arc::clone(resolved));
        }
        let merged = match &file {
            Some(config) => config.overlaid(&self.flags),
            None => self.flags.clone(),
        };
        let resolved = Arc::new(Resolved { settings: merged.settings(), fail_on: merged.fail_on.unwrap_or_default() });
        self.resolved.insert(key, Arc::clone(&resolved));
        Ok(resolved)
    }

    /// Whether the `exclude` patterns of the configuration that applies to `path` match it.
    pub fn is_excluded(&mut self, path: &Path) -> Result<bool, CliError> {
        let dir = path.parent().filter(|dir| !dir.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let Some(config) = self.file_for_dir(dir)? else { return Ok(false) };
        let (Some(root), Some(config_path)) = (config.root(), config.path.as_ref()) else { return Ok(false) };
        if config.exclude.is_empty() {
            return Ok(false);
        }
        let excludes = match self.excludes.get(config_path) {
            Some(excludes) => Arc::clone(excludes),
            None => {
                let excludes = Arc::new(Excludes::new(&config.exclude).map_err(|message| CliError::new(format!("{}: {message}", config_path.display())))?);
                self.excludes.insert(config_path.clone(), Arc::clone(&excludes));
                excludes
            }
        };
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
        Ok(match absolute.strip_prefix(root) {
            Ok(relative) => excludes.matches(relative),
            Err(_) => false,
        })
    }
}

/// A configuration's `exclude` patterns. A pattern without `/` matches a file or folder name at
/// any depth (`build`, `*.generated.yaml`); one with `/` matches the path from the configuration's
/// folder (`tests/fixtures/**`).
pub struct Excludes {
    names: GlobSet,
    paths: GlobSet,
}

impl Excludes {
    pub fn new(patterns: &[String]) -> Result<Excludes, String> {
        let mut names = GlobSetBuilder::new();
        let mut paths = GlobSetBuilder::new();
        for pattern in patterns {
            let trimmed = pattern.trim().trim_end_matches('/');
            let trimmed = trimmed.strip_prefix("./").or_else(|| trimmed.strip_prefix('/')).unwrap_or(trimmed);
            let glob = compile_glob(trimmed).map_err(|error| format!("`exclude`: invalid pattern `{pattern}`: {error}"))?.glob().clone();
            if trimmed.contains('/') {
                paths.add(glob);
            } else {
                names.add(glob);
            }
        }
        let build = |builder: GlobSetBuilder| builder.build().map_err(|error| format!("`exclude`: {error}"));
        Ok(Excludes { names: build(names)?, paths: build(paths)? })
    }

    /// Whether the path or a folder it is in is excluded, so that a named file inside an excluded
    /// folder is excluded too.
    fn matches(&self, relative: &Path) -> bool {
        relative.ancestors().filter(|path| !path.as_os_str().is_empty()).any(|path| {
            path.file_name().is_some_and(|name| self.names.is_match(name))
                || self.paths.is_match(path.to_string_lossy().replace('\\', "/"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_anywhere_paths_from_the_root() {
        let excludes = Excludes::new(&["build".into(), "*.generated.yaml".into(), "tests/fixtures/**".into(), "./docs/".into()]).unwrap();
        assert!(excludes.matches(Path::new("build")));
        assert!(excludes.matches(Path::new("a/b/build")));
        assert!(excludes.matches(Path::new("x/t.generated.yaml")));
        assert!(excludes.matches(Path::new("tests/fixtures/bad.yaml")));
        assert!(excludes.matches(Path::new("docs")));
        assert!(excludes.matches(Path::new("build/template.yaml")));
        assert!(!excludes.matches(Path::new("src/tests/fixtures/bad.yaml")));
        assert!(!excludes.matches(Path::new("template.yaml")));
    }
}
