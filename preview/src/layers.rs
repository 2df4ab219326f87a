//! Local layers, laid out the way Lambda extracts layers into `/opt`: Python packages under
//! `python/` and `python/lib/pythonX.Y/site-packages/`, Node packages under
//! `nodejs/node_modules/` and `nodejs/nodeNN/node_modules/`, executables under `bin/`,
//! shared libraries under `lib/`. Later layers take precedence, as they overwrite earlier ones.

use std::path::{Path, PathBuf};

use crate::runtime::Runtime;

/// A layer whose content is a folder next to the template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocalLayer {
    pub logical_id: String,
    pub root: PathBuf,
    /// SAM's `Metadata.BuildMethod`: a layer built by `sam build` keeps its sources at the top of
    /// `ContentUri`, and the build moves them under `python/` or `nodejs/`.
    pub build_method: Option<String>,
}

impl LocalLayer {
    fn built_as(&self, family: &str) -> bool {
        self.build_method.as_deref().is_some_and(|m| m.starts_with(family)) && !self.root.join(family).is_dir()
    }

    fn python_paths(&self, minor: u32) -> Vec<PathBuf> {
        if self.built_as("python") {
            return vec![self.root.clone()];
        }
        let python = self.root.join("python");
        vec![python.join(format!("lib/python3.{minor}/site-packages")), python]
    }

    fn node_paths(&self, major: u32) -> Vec<PathBuf> {
        if self.built_as("nodejs") {
            return vec![self.root.join("node_modules")];
        }
        let nodejs = self.root.join("nodejs");
        vec![nodejs.join(format!("node{major}/node_modules")), nodejs.join("node_modules")]
    }
}

/// Module search paths the layers add for a runtime, highest precedence first; only folders that
/// exist, so that the variables stay readable.
pub fn module_paths(layers: &[LocalLayer], runtime: &Runtime) -> Vec<PathBuf> {
    let paths = layers.iter().rev().flat_map(|layer| match runtime {
        Runtime::Python { minor, .. } => layer.python_paths(*minor),
        Runtime::Node { major, .. } => layer.node_paths(*major),
        Runtime::Provided { .. } => Vec::new(),
    });
    paths.filter(|p| p.is_dir()).collect()
}

/// `bin/` folders of the layers, for PATH.
pub fn bin_paths(layers: &[LocalLayer]) -> Vec<PathBuf> {
    layers.iter().rev().map(|l| l.root.join("bin")).filter(|p| p.is_dir()).collect()
}

/// `lib/` folders of the layers, for LD_LIBRARY_PATH.
pub fn lib_paths(layers: &[LocalLayer]) -> Vec<PathBuf> {
    layers.iter().rev().map(|l| l.root.join("lib")).filter(|p| p.is_dir()).collect()
}

/// A layer's `bootstrap`, which a `provided` function without its own uses.
pub fn bootstrap(layers: &[LocalLayer]) -> Option<PathBuf> {
    layers.iter().rev().map(|l| l.root.join("bootstrap")).find(|p| p.is_file())
}

/// Every folder whose change should restart the function.
pub fn watched_folders(layers: &[LocalLayer]) -> impl Iterator<Item = &Path> {
    layers.iter().map(|l| l.root.as_path())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aws_layout_and_precedence() {
        let dir = tempfile::tempdir().unwrap();
        let first = dir.path().join("first");
        let second = dir.path().join("second");
        std::fs::create_dir_all(first.join("python/lib/python3.12/site-packages")).unwrap();
        std::fs::create_dir_all(second.join("python")).unwrap();
        std::fs::create_dir_all(second.join("bin")).unwrap();
        let built = dir.path().join("built");
        std::fs::create_dir_all(&built).unwrap();
        let layers = vec![
            LocalLayer { logical_id: "First".into(), root: first.clone(), build_method: None },
            LocalLayer { logical_id: "Second".into(), root: second.clone(), build_method: None },
            LocalLayer { logical_id: "Built".into(), root: built.clone(), build_method: Some("python3.12".into()) },
        ];
        let paths = module_paths(&layers, &Runtime::parse("python3.12").unwrap());
        assert_eq!(paths, [built, second.join("python"), first.join("python/lib/python3.12/site-packages"), first.join("python")]);
        assert_eq!(bin_paths(&layers), [second.join("bin")]);
        assert!(module_paths(&layers, &Runtime::parse("nodejs20.x").unwrap()).is_empty());
    }
}
