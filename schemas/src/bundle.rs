//! The embedded bundle: an index of entries and one zlib stream per entry.

use std::sync::{Arc, OnceLock};

use serde_json::Value;

static INDEX: &str = include_str!("../data/index.tsv");
static BLOB: &[u8] = include_bytes!("../data/schemas.bin");

/// No bundled entry inflates to more than a few megabytes; the cap keeps a damaged bundle from
/// allocating without bound.
const MAX_INFLATED: usize = 64 << 20;

struct Entry {
    name: &'static str,
    offset: usize,
    length: usize,
    /// `None` inside once inflating or parsing failed, so that it is not tried again.
    value: OnceLock<Option<Arc<Value>>>,
}

struct Bundle {
    /// In index order, which is name order: entries are found by binary search.
    entries: Vec<Entry>,
}

impl Bundle {
    fn entry(&self, name: &str) -> Option<&Entry> {
        self.entries.binary_search_by(|e| e.name.cmp(name)).ok().map(|i| &self.entries[i])
    }
}

fn bundle() -> &'static Bundle {
    static BUNDLE: OnceLock<Bundle> = OnceLock::new();
    BUNDLE.get_or_init(|| Bundle { entries: INDEX.lines().filter_map(parse_index_line).collect() })
}

fn parse_index_line(line: &'static str) -> Option<Entry> {
    if line.starts_with('#') || line.trim().is_empty() {
        return None;
    }
    let mut fields = line.split('\t');
    let name = fields.next()?;
    let offset = fields.next()?.parse().ok()?;
    let length = fields.next()?.parse().ok()?;
    Some(Entry { name, offset, length, value: OnceLock::new() })
}

fn inflate(entry: &Entry) -> Option<Arc<Value>> {
    let packed = BLOB.get(entry.offset..entry.offset.checked_add(entry.length)?)?;
    let text = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(packed, MAX_INFLATED).ok()?;
    serde_json::from_slice(&text).ok().map(Arc::new)
}

/// A bundled entry by name, inflated and parsed on first use.
pub(crate) fn get(name: &str) -> Option<Arc<Value>> {
    let entry = bundle().entry(name)?;
    entry.value.get_or_init(|| inflate(entry)).clone()
}

pub(crate) fn contains(name: &str) -> bool {
    bundle().entry(name).is_some()
}

/// Resource type entries; the tables are named with a leading `@`.
pub(crate) fn resource_type_names() -> impl Iterator<Item = &'static str> {
    bundle().entries.iter().map(|e| e.name).filter(|name| !name.starts_with('@'))
}

pub(crate) fn table(name: &str) -> Option<Arc<Value>> {
    debug_assert!(name.starts_with('@'));
    get(name)
}

pub(crate) fn provenance() -> &'static str {
    INDEX.lines().next().and_then(|line| line.strip_prefix("# ")).unwrap_or("unknown")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_inflates_to_json_and_resource_schemas_carry_their_own_name() {
        let bundle = bundle();
        assert!(bundle.entries.len() > 1_800, "only {} entries", bundle.entries.len());
        for entry in &bundle.entries {
            let value = get(entry.name).unwrap_or_else(|| panic!("{} does not inflate", entry.name));
            if !entry.name.starts_with('@') {
                assert_eq!(value["typeName"].as_str(), Some(entry.name));
            }
        }
    }

    #[test]
    fn entries_are_sorted_and_laid_end_to_end() {
        let entries = &bundle().entries;
        assert!(entries.windows(2).all(|w| w[0].name < w[1].name && w[0].offset + w[0].length == w[1].offset));
        let last = entries.last().unwrap();
        assert_eq!(last.offset + last.length, BLOB.len());
    }

    #[test]
    fn names_a_source_and_version() {
        assert!(provenance().contains("cfn-lint 1."), "{}", provenance());
    }
}
