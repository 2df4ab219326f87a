//! Where the shared template corpus is, and what `MANIFEST.tsv` says about each template in it.

use std::path::{Path, PathBuf};

/// Points the sweep at another copy of the corpus.
pub const CORPUS_ENV: &str = "SLINT_CORPUS";
/// Lets a machine without the corpus run the rest of the test suite; CI never sets it.
pub const SKIP_ENV: &str = "SLINT_SKIP_CORPUS";

/// One template of the corpus, as the manifest describes it.
#[derive(Clone, Debug)]
pub struct Entry {
    /// The repository the template came from (`cfn-lint`, `serverless-patterns`, …).
    pub source: String,
    /// Path relative to the corpus folder.
    pub local_path: String,
    /// `good` / `bad` (cfn-lint fixtures), `input` / `input-error` / `output` (SAM translator),
    /// `parse-error` (real files that do not parse), `-` for everything else.
    pub fixture_class: String,
}

impl Entry {
    /// Templates that their authors consider correct and deployable: cfn-lint's `good` fixtures
    /// and the CloudFormation the SAM translator produces. Errors on these are false positives
    /// until shown otherwise.
    pub fn is_known_good(&self) -> bool {
        matches!(self.fixture_class.as_str(), "good" | "output")
    }

    /// Real-world files that are known not to parse.
    pub fn is_known_broken(&self) -> bool {
        self.fixture_class == "parse-error"
    }

    /// The row label used in the human report: the fixture class where there is one, the source
    /// otherwise, so real-world templates are tracked per repository.
    pub fn group(&self) -> String {
        if self.fixture_class == "-" {
            format!("{} (real)", self.source)
        } else {
            format!("{} ({})", self.fixture_class, self.source)
        }
    }
}

/// Where the corpus is: `$SLINT_CORPUS`, or `shared/corpus` beside the repository.
/// `Ok(None)` only when it is missing and the caller asked to skip; missing otherwise is an error,
/// so that a CI checkout without the corpus fails instead of passing vacuously.
pub fn locate() -> Result<Option<PathBuf>, String> {
    let dir = slint_linter::testing::corpus_root();
    if dir.join("MANIFEST.tsv").is_file() {
        return Ok(Some(dir));
    }
    if std::env::var(SKIP_ENV).is_ok_and(|v| v == "1") {
        eprintln!("corpus sweep skipped: no MANIFEST.tsv in {} and {SKIP_ENV}=1", dir.display());
        return Ok(None);
    }
    Err(format!(
        "the template corpus is missing: no MANIFEST.tsv in {}.\n\
         Put the corpus there, point {CORPUS_ENV} at it, or set {SKIP_ENV}=1 to skip the sweep on purpose.",
        dir.display()
    ))
}

pub fn read(dir: &Path) -> Result<Vec<Entry>, String> {
    let path = dir.join("MANIFEST.tsv");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    parse(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Reads the tab-separated manifest, finding columns by their header name.
pub fn parse(text: &str) -> Result<Vec<Entry>, String> {
    let mut lines = text.lines().enumerate().filter(|(_, line)| !line.trim().is_empty());
    let (_, header) = lines.next().ok_or("the manifest is empty")?;
    let columns: Vec<&str> = header.split('\t').collect();
    let column = |name: &str| columns.iter().position(|c| *c == name).ok_or(format!("no `{name}` column in the header"));
    let (source, local_path, fixture_class) = (column("source")?, column("local_path")?, column("fixture_class")?);
    let mut entries = Vec::new();
    for (number, line) in lines {
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() != columns.len() {
            return Err(format!("line {}: {} fields, the header has {}", number + 1, fields.len(), columns.len()));
        }
        entries.push(Entry {
            source: fields[source].to_owned(),
            local_path: fields[local_path].to_owned(),
            fixture_class: fields[fixture_class].to_owned(),
        });
    }
    if entries.is_empty() {
        return Err("the manifest lists no templates".to_owned());
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_found_by_name() {
        let text = "fixture_class\tsource\tlocal_path\ngood\tcfn-lint\tcfn-lint/a.yaml\n-\tpatterns\tp/t.json\n";
        let entries = parse(text).unwrap();
        assert_eq!(entries.len(), 2);
        assert!(entries[0].is_known_good());
        assert_eq!(entries[1].local_path, "p/t.json");
        assert_eq!(entries[1].group(), "patterns (real)");
    }

    #[test]
    fn ragged_rows_are_rejected() {
        let error = parse("source\tlocal_path\tfixture_class\na\tb\n").unwrap_err();
        assert!(error.contains("line 2"), "{error}");
    }
}
