//! Compiled schemas, one per resource type, made on first use and kept for the process.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use slint_schemas::{LoadError, SchemaSet};

use super::CompiledSchema;

const CUSTOM_RESOURCE: &str = "AWS::CloudFormation::CustomResource";

type Slot = Arc<OnceLock<Option<Arc<CompiledSchema>>>>;

/// The schema set a run checks against, with each type's schema compiled once, on first use.
pub struct Validators {
    schemas: Schemas,
    compiled: Mutex<HashMap<String, Slot>>,
    sam_globals: OnceLock<Option<Arc<CompiledSchema>>>,
}

enum Schemas {
    Bundled(&'static SchemaSet),
    Custom(Arc<SchemaSet>),
}

impl Validators {
    /// Validators for the bundled schemas, shared by the whole process.
    pub fn bundled() -> &'static Validators {
        static BUNDLED: OnceLock<Validators> = OnceLock::new();
        BUNDLED.get_or_init(|| Validators::with(Schemas::Bundled(SchemaSet::bundled())))
    }

    /// Validators for another schema set (the bundle plus a folder of overrides).
    pub fn new(schemas: Arc<SchemaSet>) -> Validators {
        Validators::with(Schemas::Custom(schemas))
    }

    fn with(schemas: Schemas) -> Validators {
        Validators { schemas, compiled: Mutex::new(HashMap::new()), sam_globals: OnceLock::new() }
    }

    pub fn schemas(&self) -> &SchemaSet {
        match &self.schemas {
            Schemas::Bundled(set) => set,
            Schemas::Custom(set) => set,
        }
    }

    /// A type's compiled schema; `None` for a type the set does not know. `Custom::` types share
    /// the schema of `AWS::CloudFormation::CustomResource`.
    pub fn get(&self, type_name: &str) -> Option<Arc<CompiledSchema>> {
        let type_name = if type_name.starts_with("Custom::") { CUSTOM_RESOURCE } else { type_name };
        if !self.schemas().contains(type_name) {
            return None;
        }
        // Hold the lock only to find the slot: compiling a large schema must not stall other
        // threads that want other types.
        let slot: Slot = {
            let mut compiled = self.compiled.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            match compiled.get(type_name) {
                Some(slot) => slot.clone(),
                None => compiled.entry(type_name.to_owned()).or_default().clone(),
            }
        };
        slot.get_or_init(|| {
            let mut compiled = CompiledSchema::compile(&*self.schemas().schema(type_name)?);
            // A custom resource's properties are the template author's own (`Id` is theirs to
            // use), and SAM's schemas list as read-only what the transform lets templates set
            // (a state machine's `Name`).
            if type_name == CUSTOM_RESOURCE || type_name.starts_with("AWS::Serverless::") {
                compiled.read_only.clear();
            }
            Some(Arc::new(compiled))
        })
        .clone()
    }

    /// SAM's schema of the `Globals` section.
    pub fn sam_globals(&self) -> Option<Arc<CompiledSchema>> {
        self.sam_globals
            .get_or_init(|| {
                let mut compiled = CompiledSchema::compile(&*slint_schemas::sam_globals()?);
                compiled.type_name = "Globals".to_owned();
                Some(Arc::new(compiled))
            })
            .clone()
    }
}

impl std::fmt::Debug for Validators {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let compiled = self.compiled.lock().map(|c| c.len()).unwrap_or_default();
        write!(f, "Validators({compiled} types compiled)")
    }
}

/// A folder of resource provider schemas given with `--schemas` or `schemas` in `slint.toml`,
/// read once, with the validators over the bundle plus its schemas.
#[derive(Clone)]
pub struct SchemaFolder {
    pub path: PathBuf,
    pub validators: Arc<Validators>,
}

impl SchemaFolder {
    pub fn load(path: &Path) -> Result<SchemaFolder, LoadError> {
        let set = SchemaSet::with_overrides(path)?;
        Ok(SchemaFolder { path: path.to_owned(), validators: Arc::new(Validators::new(Arc::new(set))) })
    }
}

/// Two folders are the same when they are the same path: the files are read once.
impl PartialEq for SchemaFolder {
    fn eq(&self, other: &Self) -> bool {
        self.path == other.path
    }
}

impl std::fmt::Debug for SchemaFolder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SchemaFolder({})", self.path.display())
    }
}
