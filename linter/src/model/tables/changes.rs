//! What changes between two versions of a template's tables, for the changes CloudFormation
//! cannot make in place: replacing a table (new key schema, local index or name), more than one
//! global index created or deleted in one update, billing mode switches, removed tables.
//!
//! Only values that every variant of a table agrees on are compared, so that a change is never
//! reported for a value that depends on parameters or conditions.

use std::collections::{BTreeMap, BTreeSet};

use crate::span::Span;
use crate::template::Template;

use super::{BillingMode, Index, IndexKind, KeySchema, Table, TableKind, TableVariant};

/// One change between the baseline (old) and the current (new) template.
#[derive(Clone, Debug, PartialEq)]
pub struct TableChange {
    pub logical_id: String,
    pub kind: TableChangeKind,
    /// Where to report it in the current template: the changed value, or the `Resources` key
    /// when the table is gone.
    pub span: Span,
    /// Where the old value was written in the baseline, when there is one.
    pub old_span: Option<Span>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TableChangeKind {
    /// The deployed type changed (`Table` ⇄ `GlobalTable`).
    TypeChanged { old: TableKind, new: TableKind },
    KeySchemaChanged { old: String, new: String },
    /// The type of an attribute defined in both versions changed.
    AttributeTypeChanged { attribute: String, old: String, new: String },
    LocalIndexAdded { name: String },
    LocalIndexRemoved { name: String },
    LocalIndexChanged { name: String },
    /// `None` is a name CloudFormation generates.
    TableNameChanged { old: Option<String>, new: Option<String> },
    /// Global indexes created and deleted by the update, when that is more than one.
    GlobalIndexesCreatedAndDeleted { created: Vec<String>, deleted: Vec<String> },
    /// A global index kept its name but changed its key schema or projection.
    GlobalIndexChanged { name: String },
    BillingModeSwitched { old: BillingMode, new: BillingMode },
    /// The table is no longer in the template and its DeletionPolicy does not keep the data
    /// (`None`: no DeletionPolicy, which means Delete).
    TableRemoved { deletion_policy: Option<String> },
}

impl TableChangeKind {
    /// Whether CloudFormation can only apply the change by creating a new table and deleting the old.
    pub fn requires_replacement(&self) -> bool {
        matches!(
            self,
            TableChangeKind::TypeChanged { .. }
                | TableChangeKind::KeySchemaChanged { .. }
                | TableChangeKind::AttributeTypeChanged { .. }
                | TableChangeKind::LocalIndexAdded { .. }
                | TableChangeKind::LocalIndexRemoved { .. }
                | TableChangeKind::LocalIndexChanged { .. }
                | TableChangeKind::TableNameChanged { .. }
        )
    }
}

/// The changes from `old` to `new`, table by table in the order of `new`, removed tables last.
pub fn compare(old: &Template, new: &Template) -> Vec<TableChange> {
    let old_tables = old.tables();
    let new_tables = new.tables();
    let mut changes = Vec::new();
    for table in &new_tables {
        if let Some(before) = old_tables.iter().find(|t| t.logical_id() == table.logical_id()) {
            compare_table(before, table, &mut changes);
        }
    }
    let resources_span = new.root.entry("Resources").map_or(Span::empty(0), |e| e.key_span);
    for table in &old_tables {
        if new.resource(table.logical_id()).is_some() {
            continue;
        }
        if table.deletion_policy.keeps_data() == Some(false) {
            let deletion_policy = table.deletion_policy.values.as_ref().and_then(|v| v.iter().find(|v| *v == "Delete").cloned());
            changes.push(TableChange {
                logical_id: table.logical_id().to_owned(),
                kind: TableChangeKind::TableRemoved { deletion_policy },
                span: resources_span,
                old_span: Some(table.id_span()),
            });
        }
    }
    changes
}

fn compare_table(old: &Table, new: &Table, changes: &mut Vec<TableChange>) {
    let mut push = |kind: TableChangeKind, span: Span, old_span: Option<Span>| {
        changes.push(TableChange { logical_id: new.logical_id().to_owned(), kind, span, old_span });
    };

    if old.kind.deployed_type() != new.kind.deployed_type() {
        let span = new.resource.type_span();
        push(TableChangeKind::TypeChanged { old: old.kind, new: new.kind }, span, Some(old.resource.type_span()));
        return; // everything else follows from the new resource
    }

    if let (Some(before), Some(after)) = (agreed(old, key_signature), agreed(new, key_signature)) {
        if before != after {
            let span = first(new, |v| v.key_schema.as_ref().map(|k| k.span)).unwrap_or(new.id_span());
            let old_span = first(old, |v| v.key_schema.as_ref().map(|k| k.span));
            push(TableChangeKind::KeySchemaChanged { old: describe(&before), new: describe(&after) }, span, old_span);
        }
    }

    if let (Some(before), Some(after)) = (agreed(old, attribute_types), agreed(new, attribute_types)) {
        for (attribute, new_type) in &after {
            let Some(old_type) = before.get(attribute) else { continue };
            if old_type != new_type {
                let span = first(new, |v| type_span(v, attribute)).unwrap_or(new.id_span());
                let old_span = first(old, |v| type_span(v, attribute));
                let kind = TableChangeKind::AttributeTypeChanged {
                    attribute: attribute.clone(),
                    old: old_type.clone(),
                    new: new_type.clone(),
                };
                push(kind, span, old_span);
            }
        }
    }

    if let (Some(before), Some(after)) = (agreed(old, |v| index_signatures(v, IndexKind::Local)), agreed(new, |v| index_signatures(v, IndexKind::Local))) {
        let list_span = |table: &Table| first(table, |v| v.local_indexes.as_ref().map(|l| l.key_span));
        for (name, signature) in &after {
            let span = index_span(new, IndexKind::Local, name);
            match before.get(name) {
                None => push(TableChangeKind::LocalIndexAdded { name: name.clone() }, span, list_span(old)),
                Some(old_signature) if old_signature != signature => {
                    push(TableChangeKind::LocalIndexChanged { name: name.clone() }, span, Some(index_span(old, IndexKind::Local, name)))
                }
                Some(_) => {}
            }
        }
        for name in before.keys().filter(|name| !after.contains_key(*name)) {
            let span = list_span(new).unwrap_or(new.id_span());
            push(TableChangeKind::LocalIndexRemoved { name: name.clone() }, span, Some(index_span(old, IndexKind::Local, name)));
        }
    }

    if let (Some(before), Some(after)) = (agreed(old, table_name), agreed(new, table_name)) {
        if before != after {
            let span = first(new, |v| v.table_name.as_ref().map(|n| n.span)).unwrap_or(new.id_span());
            let old_span = first(old, |v| v.table_name.as_ref().map(|n| n.span));
            push(TableChangeKind::TableNameChanged { old: before, new: after }, span, old_span);
        }
    }

    if let (Some(before), Some(after)) = (agreed(old, |v| index_signatures(v, IndexKind::Global)), agreed(new, |v| index_signatures(v, IndexKind::Global))) {
        let created: Vec<String> = after.keys().filter(|name| !before.contains_key(*name)).cloned().collect();
        let deleted: Vec<String> = before.keys().filter(|name| !after.contains_key(*name)).cloned().collect();
        if created.len() + deleted.len() > 1 {
            let span = match created.first() {
                Some(name) => index_span(new, IndexKind::Global, name),
                None => first(new, |v| v.global_indexes.as_ref().map(|l| l.key_span)).unwrap_or(new.id_span()),
            };
            let old_span = first(old, |v| v.global_indexes.as_ref().map(|l| l.key_span));
            push(TableChangeKind::GlobalIndexesCreatedAndDeleted { created, deleted }, span, old_span);
        }
        for (name, signature) in &after {
            if before.get(name).is_some_and(|old_signature| old_signature != signature) {
                let span = index_span(new, IndexKind::Global, name);
                push(TableChangeKind::GlobalIndexChanged { name: name.clone() }, span, Some(index_span(old, IndexKind::Global, name)));
            }
        }
    }

    if let (Some(before), Some(after)) = (agreed(old, TableVariant::billing_mode), agreed(new, TableVariant::billing_mode)) {
        if before != after {
            let span = first(new, |v| v.billing_mode_property.as_ref().map(|b| b.span)).unwrap_or(new.id_span());
            let old_span = first(old, |v| v.billing_mode_property.as_ref().map(|b| b.span));
            push(TableChangeKind::BillingModeSwitched { old: before, new: after }, span, old_span);
        }
    }
}

/// The value every variant agrees on, `None` when one cannot tell or they differ.
fn agreed<T: PartialEq>(table: &Table, read: impl Fn(&TableVariant) -> Option<T>) -> Option<T> {
    let mut values = table.variants.iter().map(read);
    let first = values.next()??;
    for value in values {
        if value.as_ref() != Some(&first) {
            return None;
        }
    }
    Some(first)
}

/// The first span some variant gives.
fn first(table: &Table, read: impl Fn(&TableVariant) -> Option<Span>) -> Option<Span> {
    table.variants.iter().find_map(read)
}

type KeySignature = Vec<(String, String)>;

fn key_signature(variant: &TableVariant) -> Option<KeySignature> {
    signature_of(variant.key_schema.as_ref()?)
}

fn signature_of(schema: &KeySchema) -> Option<KeySignature> {
    if !schema.complete {
        return None;
    }
    schema.elements.iter().map(|e| Some((e.key_type.text()?.to_owned(), e.attribute.text()?.to_owned()))).collect()
}

fn describe(signature: &KeySignature) -> String {
    signature.iter().map(|(key_type, name)| format!("{key_type} {name}")).collect::<Vec<_>>().join(", ")
}

/// Attribute name → `S`/`N`/`B` (a SimpleTable's `String` is `S`), when every type is known.
fn attribute_types(variant: &TableVariant) -> Option<BTreeMap<String, String>> {
    let definitions = variant.attribute_definitions.as_ref()?;
    if !definitions.complete {
        return None;
    }
    definitions
        .items
        .iter()
        .map(|d| {
            let letter = match d.attribute_type.text()? {
                "String" => "S",
                "Number" => "N",
                "Binary" => "B",
                other => other,
            };
            Some((d.name.text()?.to_owned(), letter.to_owned()))
        })
        .collect()
}

fn type_span(variant: &TableVariant, attribute: &str) -> Option<Span> {
    Some(variant.attribute_definitions.as_ref()?.get(attribute)?.attribute_type.span)
}

/// What a secondary index is made of, for telling a changed index from an unchanged one.
#[derive(Clone, Debug, PartialEq)]
struct IndexSignature {
    keys: KeySignature,
    projection_type: Option<String>,
    non_key_attributes: Option<BTreeSet<String>>,
}

/// Index name → signature, when every index of the kind is known; an absent list is empty.
fn index_signatures(variant: &TableVariant, kind: IndexKind) -> Option<BTreeMap<String, IndexSignature>> {
    let list = match kind {
        IndexKind::Local => &variant.local_indexes,
        IndexKind::Global => &variant.global_indexes,
    };
    let Some(list) = list else { return Some(BTreeMap::new()) };
    if !list.complete {
        return None;
    }
    list.items.iter().map(|index| Some((index.name()?.to_owned(), index_signature(index)?))).collect()
}

fn index_signature(index: &Index) -> Option<IndexSignature> {
    let projection = index.projection.as_ref();
    let non_key_attributes = match projection.and_then(|p| p.non_key_attributes.as_ref()) {
        Some(list) if !list.complete => return None,
        Some(list) => Some(list.items.iter().filter_map(|s| s.text().map(str::to_owned)).collect()),
        None => None,
    };
    let projection_type = match projection.and_then(|p| p.projection_type.as_ref()) {
        Some(scalar) => Some(scalar.text()?.to_owned()),
        None => None,
    };
    Some(IndexSignature { keys: signature_of(index.key_schema.as_ref()?)?, projection_type, non_key_attributes })
}

fn index_span(table: &Table, kind: IndexKind, name: &str) -> Span {
    table
        .variants
        .iter()
        .flat_map(|v| v.indexes())
        .find(|index| index.kind == kind && index.name() == Some(name))
        .map_or(table.id_span(), |index| index.span)
}

/// `Some(name)` for a fixed name, `Some(None)` for none (CloudFormation generates one), `None`
/// when the name cannot be known.
fn table_name(variant: &TableVariant) -> Option<Option<String>> {
    match &variant.table_name {
        None => Some(None),
        Some(name) => Some(Some(name.text()?.to_owned())),
    }
}
