//! From the paths on the command line to the list of templates to lint: files, folders searched
//! recursively, glob patterns, and `-` for standard input.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

use globset::{GlobBuilder, GlobMatcher};

use crate::error::CliError;
use crate::sniff::TEMPLATE_EXTENSIONS;

/// Folders never searched: build output, dependencies and tool caches hold copies of templates
/// or files that only look like them. (Hidden folders are skipped as well.)
const SKIPPED_FOLDERS: &[&str] = &["node_modules", "target", "cdk.out", "__pycache__"];

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    File(PathBuf),
    Stdin,
}

#[derive(Clone, Debug)]
pub struct Input {
    pub source: Source,
    /// The path shown in reports: as the user wrote it, joined with what was found below it.
    pub display: String,
    /// The folder whose `slint.toml` applies.
    pub config_dir: PathBuf,
    /// Found by searching rather than named, so linted only when its text looks like a template.
    pub must_look_like_template: bool,
}

pub struct Options<'a> {
    /// The name standard input is shown under, and whose folder's `slint.toml` applies to it.
    pub stdin_filename: Option<&'a str>,
    /// Named files are also linted only when they look like templates (pre-commit passes every
    /// changed YAML and JSON file).
    pub templates_only: bool,
    /// `exclude` patterns also apply to named files and folders.
    pub force_exclude: bool,
}

/// What the paths turned into: the inputs, sorted by display path, and the paths that could not
/// be used (reported, and the run ends with status 2).
#[derive(Debug, Default)]
pub struct Discovered {
    pub inputs: Vec<Input>,
    pub problems: Vec<String>,
}

/// Answers whether configuration excludes a path; may fail on a broken `slint.toml`.
pub type Exclusions<'e> = dyn FnMut(&Path) -> Result<bool, CliError> + 'e;

pub fn discover(args: &[String], options: &Options, excluded: &mut Exclusions) -> Result<Discovered, CliError> {
    let mut discovery = Discovery { options, excluded, found: Discovered::default(), seen: HashSet::new() };
    for arg in args {
        discovery.argument(arg)?;
    }
    let mut found = discovery.found;
    found.inputs.sort_by(|a, b| a.display.cmp(&b.display));
    Ok(found)
}

struct Discovery<'a, 'e> {
    options: &'a Options<'a>,
    excluded: &'a mut Exclusions<'e>,
    found: Discovered,
    /// Absolute paths already listed, so that overlapping arguments lint a file once.
    seen: HashSet<PathBuf>,
}

impl Discovery<'_, '_> {
    fn argument(&mut self, arg: &str) -> Result<(), CliError> {
        if arg == "-" {
            self.stdin();
            return Ok(());
        }
        let path = Path::new(arg);
        match std::fs::metadata(path) {
            Ok(metadata) if metadata.is_dir() => {
                if !(self.options.force_exclude && (self.excluded)(path)?) {
                    self.folder(path)?;
                }
            }
            Ok(_) => {
                if !(self.options.force_exclude && (self.excluded)(path)?) {
                    self.add_file(path, self.options.templates_only);
                }
            }
            Err(_) if is_glob(arg) => self.glob(arg)?,
            Err(error) => self.found.problems.push(format!("{}: {}", display_path(path), io_reason(&error))),
        }
        Ok(())
    }

    fn stdin(&mut self) {
        if !self.seen.insert(PathBuf::from("-")) {
            return;
        }
        let name = self.options.stdin_filename;
        let config_dir = name.and_then(|name| Path::new(name).parent()).filter(|dir| !dir.as_os_str().is_empty());
        self.found.inputs.push(Input {
            source: Source::Stdin,
            display: name.map_or_else(|| "<stdin>".to_owned(), |name| display_path(Path::new(name))),
            config_dir: config_dir.map_or_else(|| PathBuf::from("."), Path::to_owned),
            must_look_like_template: self.options.templates_only,
        });
    }

    fn add_file(&mut self, path: &Path, must_look_like_template: bool) {
        let key = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
        if !self.seen.insert(normalize(&key)) {
            return;
        }
        let config_dir = path.parent().filter(|dir| !dir.as_os_str().is_empty()).unwrap_or(Path::new("."));
        self.found.inputs.push(Input {
            source: Source::File(path.to_owned()),
            display: display_path(path),
            config_dir: config_dir.to_owned(),
            must_look_like_template,
        });
    }

    /// Every file below `root` with a template extension, minus skipped and excluded folders.
    fn folder(&mut self, root: &Path) -> Result<(), CliError> {
        let mut files = Vec::new();
        self.walk(root, &mut |path| {
            if has_template_extension(path) {
                files.push(path.to_owned());
            }
        })?;
        for file in files {
            self.add_file(&file, true);
        }
        Ok(())
    }

    fn glob(&mut self, pattern: &str) -> Result<(), CliError> {
        let normalized = pattern.strip_prefix("./").unwrap_or(pattern);
        let matcher = compile_glob(normalized).map_err(|error| CliError::new(format!("invalid glob pattern `{pattern}`: {error}")))?;
        let base = glob_base(normalized);
        if !base.is_dir() {
            self.found.problems.push(format!("{pattern}: no files match (folder {} not found)", display_path(&base)));
            return Ok(());
        }
        let mut files = Vec::new();
        self.walk(&base, &mut |path| {
            if matcher.is_match(display_path(path)) {
                files.push(path.to_owned());
            }
        })?;
        if files.is_empty() {
            self.found.problems.push(format!("{pattern}: no files match"));
        }
        for file in files {
            self.add_file(&file, true);
        }
        Ok(())
    }

    /// Calls `visit` for every file below `dir`. Symbolic links to folders are not followed, so
    /// that a link cycle cannot trap the search.
    fn walk(&mut self, dir: &Path, visit: &mut dyn FnMut(&Path)) -> Result<(), CliError> {
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(error) => {
                self.found.problems.push(format!("{}: cannot read the folder: {}", display_path(dir), io_reason(&error)));
                return Ok(());
            }
        };
        let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
        entries.sort_by_key(|entry| entry.file_name());
        for entry in entries {
            let path = join(dir, &entry.file_name());
            let Ok(file_type) = entry.file_type() else { continue };
            let is_file = file_type.is_file() || (file_type.is_symlink() && path.is_file());
            if file_type.is_dir() {
                if is_skipped_folder(&entry.file_name().to_string_lossy()) || (self.excluded)(&path)? {
                    continue;
                }
                self.walk(&path, visit)?;
            } else if is_file && !(self.excluded)(&path)? {
                visit(&path);
            }
        }
        Ok(())
    }
}

fn is_skipped_folder(name: &str) -> bool {
    name.starts_with('.') || SKIPPED_FOLDERS.contains(&name)
}

fn has_template_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| TEMPLATE_EXTENSIONS.iter().any(|known| known.eq_ignore_ascii_case(ext)))
}

/// Whether an argument that names no existing path is meant as a glob pattern.
fn is_glob(arg: &str) -> bool {
    arg.contains(['*', '?', '[', '{'])
}

/// `*` stays within one folder, `**` crosses folders, as in shells and `.gitignore`.
pub fn compile_glob(pattern: &str) -> Result<GlobMatcher, globset::Error> {
    Ok(GlobBuilder::new(pattern).literal_separator(true).backslash_escape(true).build()?.compile_matcher())
}

/// The folder a pattern's search starts from: its leading components without glob syntax.
fn glob_base(pattern: &str) -> PathBuf {
    let mut base = PathBuf::new();
    let components: Vec<&str> = pattern.split('/').collect();
    for (index, component) in components.iter().enumerate() {
        // The last component names files, never the folder to search.
        if is_glob(component) || index + 1 == components.len() {
            break;
        }
        base.push(if component.is_empty() && index == 0 { "/" } else { component });
    }
    if base.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        base
    }
}

/// `dir/name`, without a leading `./` when `dir` is the current folder.
fn join(dir: &Path, name: &std::ffi::OsStr) -> PathBuf {
    if dir == Path::new(".") {
        PathBuf::from(name)
    } else {
        dir.join(name)
    }
}

/// A path as reports show it: `./` dropped, `/` between components on every platform.
pub fn display_path(path: &Path) -> String {
    let mut shown = String::new();
    for component in path.components() {
        match component {
            Component::CurDir => continue,
            Component::RootDir => {
                shown.push('/');
                continue;
            }
            Component::Prefix(prefix) => shown.push_str(&prefix.as_os_str().to_string_lossy()),
            other => {
                if !shown.is_empty() && !shown.ends_with('/') {
                    shown.push('/');
                }
                shown.push_str(&other.as_os_str().to_string_lossy());
            }
        }
    }
    if shown.is_empty() {
        ".".to_owned()
    } else {
        shown
    }
}

/// `a/./b/../c` as `a/c`, without touching the file system (symbolic links are not resolved).
fn normalize(path: &Path) -> PathBuf {
    let mut normal = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                normal.pop();
            }
            other => normal.push(other),
        }
    }
    normal
}

/// The OS error without Rust's "(os error 2)" suffix.
pub fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => {
            let text = error.to_string();
            match text.find(" (os error") {
                Some(at) => text[..at].to_owned(),
                None => text,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glob_bases() {
        assert_eq!(glob_base("templates/**/*.yaml"), PathBuf::from("templates"));
        assert_eq!(glob_base("*.yaml"), PathBuf::from("."));
        assert_eq!(glob_base("a/b/template.yaml"), PathBuf::from("a/b"));
        assert_eq!(glob_base("/srv/app/*/t.json"), PathBuf::from("/srv/app"));
    }

    #[test]
    fn globs_keep_stars_inside_folders() {
        let matcher = compile_glob("templates/*.yaml").unwrap();
        assert!(matcher.is_match("templates/a.yaml"));
        assert!(!matcher.is_match("templates/nested/a.yaml"));
        let matcher = compile_glob("templates/**/*.yaml").unwrap();
        assert!(matcher.is_match("templates/a.yaml"));
        assert!(matcher.is_match("templates/x/y/a.yaml"));
    }

    #[test]
    fn display_paths() {
        assert_eq!(display_path(Path::new("./a/b.yaml")), "a/b.yaml");
        assert_eq!(display_path(Path::new("/abs/./b.yaml")), "/abs/b.yaml");
        assert_eq!(display_path(Path::new(".")), ".");
        assert_eq!(normalize(Path::new("/a/./b/../c")), PathBuf::from("/a/c"));
    }

    #[test]
    fn skipped_folders() {
        assert!(is_skipped_folder(".aws-sam"));
        assert!(is_skipped_folder(".git"));
        assert!(is_skipped_folder("node_modules"));
        assert!(!is_skipped_folder("templates"));
    }
}
