//! DynamoDB tables, whichever way they are written: `AWS::DynamoDB::Table`,
//! `AWS::DynamoDB::GlobalTable` and SAM's `AWS::Serverless::SimpleTable`.
//!
//! A table's definition can depend on parameters and conditions (`KeySchema: !If [...]`,
//! `AttributeName: !Ref KeyName`). Each [`TableVariant`] is the definition as one deployment
//! sees it: every condition decided and every parameter given one of its values, consistently
//! across the whole definition. Rules check every variant; values that cannot be known before
//! deployment stay `None` so that rules can stay silent about them.
//!
//! Every value keeps the span it was written at (inside the resource, or in SAM's Globals), and
//! values taken from a parameter also name the parameter and where its value is written.

mod changes;
mod scenario;

pub use changes::{compare, TableChange, TableChangeKind};

use std::collections::HashMap;

use crate::span::Span;
use crate::syntax::Node;
use crate::template::{Resource, Template};

use scenario::{Resolved, Specializer};

/// The resource types this module reads.
pub const TABLE_TYPES: [&str; 3] = ["AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable", "AWS::Serverless::SimpleTable"];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TableKind {
    Table,
    GlobalTable,
    /// SAM's single-key table; the transform turns it into an `AWS::DynamoDB::Table`.
    SimpleTable,
}

impl TableKind {
    pub fn of(type_name: &str) -> Option<TableKind> {
        match type_name {
            "AWS::DynamoDB::Table" => Some(TableKind::Table),
            "AWS::DynamoDB::GlobalTable" => Some(TableKind::GlobalTable),
            "AWS::Serverless::SimpleTable" => Some(TableKind::SimpleTable),
            _ => None,
        }
    }

    pub fn type_name(self) -> &'static str {
        match self {
            TableKind::Table => "AWS::DynamoDB::Table",
            TableKind::GlobalTable => "AWS::DynamoDB::GlobalTable",
            TableKind::SimpleTable => "AWS::Serverless::SimpleTable",
        }
    }

    /// The CloudFormation type that is deployed: a SimpleTable becomes a Table.
    pub fn deployed_type(self) -> TableKind {
        match self {
            TableKind::SimpleTable => TableKind::Table,
            other => other,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BillingMode {
    Provisioned,
    PayPerRequest,
}

impl BillingMode {
    pub fn parse(text: &str) -> Option<BillingMode> {
        match text {
            "PROVISIONED" => Some(BillingMode::Provisioned),
            "PAY_PER_REQUEST" => Some(BillingMode::PayPerRequest),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            BillingMode::Provisioned => "PROVISIONED",
            BillingMode::PayPerRequest => "PAY_PER_REQUEST",
        }
    }
}

/// Where a value taken from a template parameter comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParameterSource {
    pub name: String,
    /// The Default or AllowedValues entry in `Parameters`; `None` for a deploy-time override.
    pub value_span: Option<Span>,
}

/// A string, number or boolean of a table's definition, as one variant resolves it.
#[derive(Clone, Debug, PartialEq)]
pub struct Scalar {
    /// `None` when the value is only known at deployment (`!GetAtt`, `!ImportValue`, an
    /// undecided condition) or is not a scalar at all.
    pub value: Option<String>,
    /// Where the value is written.
    pub span: Span,
    pub parameter: Option<ParameterSource>,
}

impl Scalar {
    pub fn text(&self) -> Option<&str> {
        self.value.as_deref()
    }

    pub fn number(&self) -> Option<f64> {
        self.value.as_deref()?.trim().parse().ok()
    }

    /// `Some(true)` for `true`/`"true"`, `Some(false)` for `false`/`"false"`.
    pub fn boolean(&self) -> Option<bool> {
        match self.value.as_deref()? {
            v if v.eq_ignore_ascii_case("true") => Some(true),
            v if v.eq_ignore_ascii_case("false") => Some(false),
            _ => None,
        }
    }
}

/// One `{AttributeName, KeyType}` of a key schema.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyElement {
    pub attribute: Scalar,
    pub key_type: Scalar,
    pub span: Span,
}

impl KeyElement {
    pub fn is_hash(&self) -> bool {
        self.key_type.text() == Some("HASH")
    }

    pub fn is_range(&self) -> bool {
        self.key_type.text() == Some("RANGE")
    }

    pub fn name(&self) -> Option<&str> {
        self.attribute.text()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct KeySchema {
    /// The whole `KeySchema` value.
    pub span: Span,
    pub elements: Vec<KeyElement>,
    /// False when some part could not be read (an unresolved intrinsic, a value of the wrong
    /// kind); rules that need the whole schema stay silent then.
    pub complete: bool,
}

impl KeySchema {
    /// The partition key: the first element, when it is a HASH.
    pub fn partition_key(&self) -> Option<&KeyElement> {
        self.elements.first().filter(|e| e.is_hash())
    }

    /// The first sort key (RANGE element).
    pub fn sort_key(&self) -> Option<&KeyElement> {
        self.elements.iter().find(|e| e.is_range())
    }

    /// Every attribute name, in order, when all are known.
    pub fn attribute_names(&self) -> Option<Vec<&str>> {
        self.elements.iter().map(KeyElement::name).collect()
    }

    /// `HASH pk, RANGE sk`, for messages.
    pub fn describe(&self) -> String {
        self.elements
            .iter()
            .map(|e| format!("{} {}", e.key_type.text().unwrap_or("?"), e.attribute.text().unwrap_or("?")))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// One `{AttributeName, AttributeType}` of `AttributeDefinitions` (or SimpleTable's `PrimaryKey`).
#[derive(Clone, Debug, PartialEq)]
pub struct AttributeDefinition {
    pub name: Scalar,
    /// As written: `S`/`N`/`B` for CloudFormation, `String`/`Number`/`Binary` for a SimpleTable.
    pub attribute_type: Scalar,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AttributeDefinitions {
    pub span: Span,
    pub items: Vec<AttributeDefinition>,
    pub complete: bool,
    /// True for a SimpleTable, whose definitions SAM derives from `PrimaryKey`.
    pub derived: bool,
}

impl AttributeDefinitions {
    pub fn get(&self, name: &str) -> Option<&AttributeDefinition> {
        self.items.iter().find(|d| d.name.text() == Some(name))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IndexKind {
    Local,
    Global,
}

impl IndexKind {
    /// `local secondary index`, for messages.
    pub fn describe(self) -> &'static str {
        match self {
            IndexKind::Local => "local secondary index",
            IndexKind::Global => "global secondary index",
        }
    }

    pub fn abbreviation(self) -> &'static str {
        match self {
            IndexKind::Local => "LSI",
            IndexKind::Global => "GSI",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Projection {
    pub span: Span,
    pub projection_type: Option<Scalar>,
    pub non_key_attributes: Option<ScalarList>,
}

/// A list of scalars, such as `NonKeyAttributes`.
#[derive(Clone, Debug, PartialEq)]
pub struct ScalarList {
    pub span: Span,
    pub items: Vec<Scalar>,
    pub complete: bool,
}

/// A pair of read and write numbers: `ProvisionedThroughput`, `OnDemandThroughput`,
/// `WarmThroughput`, and GlobalTable's write settings.
#[derive(Clone, Debug, PartialEq)]
pub struct Throughput {
    /// The property's key, for pointing at the setting as a whole.
    pub key_span: Span,
    pub span: Span,
    pub read: Option<Scalar>,
    pub write: Option<Scalar>,
}

impl Throughput {
    /// Whether every value is zero, which CloudFormation accepts on an on-demand table.
    pub fn is_all_zero(&self) -> bool {
        let zero = |s: &Option<Scalar>| s.as_ref().is_none_or(|s| s.number() == Some(0.0));
        zero(&self.read) && zero(&self.write) && (self.read.is_some() || self.write.is_some())
    }

    /// Whether some value is unknown (from an intrinsic the evaluator cannot resolve).
    pub fn has_unknown(&self) -> bool {
        [&self.read, &self.write].into_iter().flatten().any(|s| s.value.is_none())
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Index {
    pub kind: IndexKind,
    /// The list item.
    pub span: Span,
    pub name: Option<Scalar>,
    pub key_schema: Option<KeySchema>,
    pub projection: Option<Projection>,
    pub provisioned_throughput: Option<Throughput>,
    pub on_demand_throughput: Option<Throughput>,
    pub warm_throughput: Option<Throughput>,
    /// GlobalTable GSIs: `WriteProvisionedThroughputSettings`.
    pub write_provisioned_settings: Option<Throughput>,
    /// GlobalTable GSIs: `WriteOnDemandThroughputSettings` (`MaxWriteRequestUnits` as write).
    pub write_on_demand_settings: Option<Throughput>,
}

impl Index {
    pub fn name(&self) -> Option<&str> {
        self.name.as_ref()?.text()
    }

    /// `GSI \`ByStatus\``, for messages.
    pub fn describe(&self) -> String {
        match self.name() {
            Some(name) => format!("{} `{name}`", self.kind.abbreviation()),
            None => self.kind.abbreviation().to_owned(),
        }
    }

    pub fn projection_type(&self) -> Option<&str> {
        self.projection.as_ref()?.projection_type.as_ref()?.text()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Indexes {
    pub key_span: Span,
    pub span: Span,
    pub items: Vec<Index>,
    pub complete: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StreamSpecification {
    pub key_span: Span,
    pub span: Span,
    pub view_type: Option<Scalar>,
}

/// Whether point-in-time recovery is on.
#[derive(Clone, Debug, PartialEq)]
pub enum PointInTimeRecovery {
    Enabled,
    /// Off or not configured; `at` is an explicit `false` (or the GlobalTable replica without it).
    Disabled { at: Option<Span> },
    Unknown,
}

/// The table's definition as one deployment sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct TableVariant {
    /// `BillingMode` as written; see [`TableVariant::billing_mode`] for the effective mode.
    pub billing_mode_property: Option<Scalar>,
    pub attribute_definitions: Option<AttributeDefinitions>,
    pub key_schema: Option<KeySchema>,
    pub local_indexes: Option<Indexes>,
    pub global_indexes: Option<Indexes>,
    pub provisioned_throughput: Option<Throughput>,
    pub on_demand_throughput: Option<Throughput>,
    pub warm_throughput: Option<Throughput>,
    /// GlobalTable: `WriteProvisionedThroughputSettings`.
    pub write_provisioned_settings: Option<Throughput>,
    /// GlobalTable: `WriteOnDemandThroughputSettings`.
    pub write_on_demand_settings: Option<Throughput>,
    pub stream: Option<StreamSpecification>,
    pub point_in_time_recovery: PointInTimeRecovery,
    pub table_name: Option<Scalar>,
    kind: TableKind,
}

impl TableVariant {
    /// The billing mode in effect: as written, else the type's default (PROVISIONED for
    /// CloudFormation tables; for a SimpleTable, PAY_PER_REQUEST unless it sets
    /// ProvisionedThroughput). `None` when it cannot be known.
    pub fn billing_mode(&self) -> Option<BillingMode> {
        if self.kind == TableKind::SimpleTable {
            return Some(if self.provisioned_throughput.is_some() { BillingMode::Provisioned } else { BillingMode::PayPerRequest });
        }
        match &self.billing_mode_property {
            None => Some(BillingMode::Provisioned),
            Some(scalar) => BillingMode::parse(scalar.text()?),
        }
    }

    /// Every index, local ones first.
    pub fn indexes(&self) -> impl Iterator<Item = &Index> {
        self.local_indexes.iter().chain(&self.global_indexes).flat_map(|list| &list.items)
    }

    /// Whether every index list could be read completely.
    pub fn indexes_complete(&self) -> bool {
        self.local_indexes.iter().chain(&self.global_indexes).all(|list| list.complete)
    }

    /// Every key schema of the table and its indexes, with the index it belongs to.
    pub fn key_schemas(&self) -> impl Iterator<Item = (Option<&Index>, &KeySchema)> {
        self.key_schema
            .iter()
            .map(|k| (None, k))
            .chain(self.indexes().filter_map(|index| Some((Some(index), index.key_schema.as_ref()?))))
    }
}

/// What CloudFormation does with the table's data on stack deletion or replacement.
#[derive(Clone, Debug, PartialEq)]
pub struct Policy {
    /// The value's span, `None` when the attribute is not set.
    pub span: Option<Span>,
    pub key_span: Option<Span>,
    /// Every value the attribute can take; `None` when unknown; empty when not set.
    pub values: Option<Vec<String>>,
}

impl Policy {
    fn read(template: &Template, resource: &Resource, name: &str) -> Policy {
        let Some(entry) = resource.node.as_map().and_then(|m| m.entry(name)) else {
            return Policy { span: None, key_span: None, values: Some(Vec::new()) };
        };
        let values = template.possible_strings(&entry.value).map(|values| values.into_iter().map(|(v, _)| v).collect());
        Policy { span: Some(entry.value.span), key_span: Some(entry.key_span), values }
    }

    pub fn is_set(&self) -> bool {
        self.span.is_some()
    }

    /// `Some(true)` when every possible value keeps the data (`Retain`, `RetainExceptOnCreate`,
    /// `Snapshot`), `Some(false)` when the attribute is missing (CloudFormation then deletes) or a
    /// value is `Delete`, `None` when unknown.
    pub fn keeps_data(&self) -> Option<bool> {
        let values = self.values.as_ref()?;
        if values.is_empty() {
            return Some(false);
        }
        Some(values.iter().all(|v| matches!(v.as_str(), "Retain" | "RetainExceptOnCreate" | "Snapshot")))
    }
}

/// One DynamoDB table resource of the template.
#[derive(Debug)]
pub struct Table<'t> {
    pub resource: &'t Resource<'t>,
    pub kind: TableKind,
    /// At least one; identical variants are merged.
    pub variants: Vec<TableVariant>,
    pub deletion_policy: Policy,
    pub update_replace_policy: Policy,
}

impl<'t> Table<'t> {
    pub fn logical_id(&self) -> &'t str {
        self.resource.name
    }

    pub fn id_span(&self) -> Span {
        self.resource.name_span
    }

    /// The key of a property (`BillingMode:`), for pointing at a setting as a whole.
    pub fn property_key_span(&self, name: &str) -> Option<Span> {
        Some(self.resource.properties.as_deref()?.as_map()?.entry(name)?.key_span)
    }

    /// `Some(true)` when every variant has a stream, `Some(false)` when none has, `None` when it
    /// depends on parameters or conditions.
    pub fn has_stream(&self) -> Option<bool> {
        let first = self.variants.first()?.stream.is_some();
        self.variants.iter().all(|v| v.stream.is_some() == first).then_some(first)
    }
}

impl<'a> Template<'a> {
    /// Every DynamoDB table of the template, in template order.
    pub fn tables(&self) -> Vec<Table<'_>> {
        self.resources.iter().filter_map(|resource| Table::read(self, resource)).collect()
    }
}

impl<'t> Table<'t> {
    /// The table model of one resource, `None` when it is not a table.
    pub fn read(template: &'t Template<'t>, resource: &'t Resource<'t>) -> Option<Table<'t>> {
        let kind = TableKind::of(resource.type_name?)?;
        let mut variants: Vec<TableVariant> = Vec::new();
        match resource.properties.as_deref() {
            Some(properties) => {
                for scenario in scenario::scenarios(template, properties) {
                    let mut specializer = Specializer::new(template, &scenario);
                    let Resolved::Present(resolved) = specializer.apply(properties) else { continue };
                    let variant = Builder { kind, origins: &specializer.origins, resource }.variant(&resolved);
                    if !variants.contains(&variant) {
                        variants.push(variant);
                    }
                }
            }
            None => variants.push(Builder { kind, origins: &HashMap::new(), resource }.variant(&empty_properties(resource))),
        }
        if variants.is_empty() {
            variants.push(Builder { kind, origins: &HashMap::new(), resource }.variant(&empty_properties(resource)));
        }
        Some(Table {
            resource,
            kind,
            variants,
            deletion_policy: Policy::read(template, resource, "DeletionPolicy"),
            update_replace_policy: Policy::read(template, resource, "UpdateReplacePolicy"),
        })
    }
}

fn empty_properties(resource: &Resource) -> Node {
    Node::new(resource.type_span(), crate::syntax::Value::Map(Default::default()))
}

/// Reads one resolved definition into a [`TableVariant`].
struct Builder<'b, 't> {
    kind: TableKind,
    origins: &'b HashMap<Span, ParameterSource>,
    resource: &'t Resource<'t>,
}

impl Builder<'_, '_> {
    fn variant(&self, properties: &Node) -> TableVariant {
        let get = |name: &str| properties.get(name);
        let entry = |name: &str| properties.as_map().and_then(|m| m.entry(name));
        let throughput = |name: &str, read: &str, write: &str| entry(name).map(|e| self.throughput(e.key_span, &e.value, read, write));
        let mut variant = TableVariant {
            billing_mode_property: get("BillingMode").map(|n| self.scalar(n)),
            attribute_definitions: get("AttributeDefinitions").map(|n| self.attribute_definitions(n)),
            key_schema: get("KeySchema").map(|n| self.key_schema(n)),
            local_indexes: entry("LocalSecondaryIndexes").map(|e| self.indexes(e.key_span, &e.value, IndexKind::Local)),
            global_indexes: entry("GlobalSecondaryIndexes").map(|e| self.indexes(e.key_span, &e.value, IndexKind::Global)),
            provisioned_throughput: throughput("ProvisionedThroughput", "ReadCapacityUnits", "WriteCapacityUnits"),
            on_demand_throughput: throughput("OnDemandThroughput", "MaxReadRequestUnits", "MaxWriteRequestUnits"),
            warm_throughput: throughput("WarmThroughput", "ReadUnitsPerSecond", "WriteUnitsPerSecond"),
            write_provisioned_settings: throughput("WriteProvisionedThroughputSettings", "", "WriteCapacityAutoScalingSettings"),
            write_on_demand_settings: throughput("WriteOnDemandThroughputSettings", "", "MaxWriteRequestUnits"),
            stream: entry("StreamSpecification").map(|e| StreamSpecification {
                key_span: e.key_span,
                span: e.value.span,
                view_type: e.value.get("StreamViewType").map(|n| self.scalar(n)),
            }),
            point_in_time_recovery: self.point_in_time_recovery(properties),
            table_name: get("TableName").map(|n| self.scalar(n)),
            kind: self.kind,
        };
        if self.kind == TableKind::SimpleTable {
            self.simple_table_keys(properties, &mut variant);
        }
        variant
    }

    /// SAM's translation of `PrimaryKey` (default `id` of type String) into a definition and a
    /// one-element key schema.
    fn simple_table_keys(&self, properties: &Node, variant: &mut TableVariant) {
        let primary_key = properties.as_map().and_then(|m| m.entry("PrimaryKey"));
        let at = primary_key.map_or(self.resource.type_span(), |e| e.value.span);
        let default = |value: &str| Scalar { value: Some(value.to_owned()), span: at, parameter: None };
        let (name, attribute_type) = match primary_key.map(|e| &e.value) {
            Some(key) if key.as_map().is_some() => (
                key.get("Name").map_or_else(|| default("id"), |n| self.scalar(n)),
                key.get("Type").map_or_else(|| default("String"), |n| self.scalar(n)),
            ),
            Some(key) => (self.scalar(key), Scalar { value: None, span: at, parameter: None }),
            None => (default("id"), default("String")),
        };
        variant.key_schema = Some(KeySchema {
            span: at,
            elements: vec![KeyElement { attribute: name.clone(), key_type: default("HASH"), span: at }],
            complete: name.value.is_some(),
        });
        variant.attribute_definitions = Some(AttributeDefinitions {
            span: at,
            items: vec![AttributeDefinition { name, attribute_type, span: at }],
            complete: true,
            derived: true,
        });
    }

    fn scalar(&self, node: &Node) -> Scalar {
        Scalar {
            value: match node.intrinsic() {
                Some(_) => None,
                None => node.as_scalar_string().map(|s| s.into_owned()),
            },
            span: node.span,
            parameter: self.origins.get(&node.span).cloned(),
        }
    }

    /// The readable items of a list, and whether there were others.
    fn items<'n>(&self, node: &'n Node) -> (Vec<&'n Node>, bool) {
        match node.as_seq() {
            Some(items) => {
                let readable: Vec<&Node> = items.iter().filter(|item| item.as_map().is_some() && item.intrinsic().is_none()).collect();
                let complete = readable.len() == items.len();
                (readable, complete)
            }
            None => (Vec::new(), false),
        }
    }

    fn key_schema(&self, node: &Node) -> KeySchema {
        let (items, mut complete) = self.items(node);
        let elements: Vec<KeyElement> = items
            .into_iter()
            .map(|item| KeyElement {
                attribute: item.get("AttributeName").map_or_else(|| self.missing(item.span), |n| self.scalar(n)),
                key_type: item.get("KeyType").map_or_else(|| self.missing(item.span), |n| self.scalar(n)),
                span: item.span,
            })
            .collect();
        complete &= elements.iter().all(|e| e.attribute.value.is_some() && e.key_type.value.is_some());
        KeySchema { span: node.span, elements, complete }
    }

    fn attribute_definitions(&self, node: &Node) -> AttributeDefinitions {
        let (items, mut complete) = self.items(node);
        let items: Vec<AttributeDefinition> = items
            .into_iter()
            .map(|item| AttributeDefinition {
                name: item.get("AttributeName").map_or_else(|| self.missing(item.span), |n| self.scalar(n)),
                attribute_type: item.get("AttributeType").map_or_else(|| self.missing(item.span), |n| self.scalar(n)),
                span: item.span,
            })
            .collect();
        complete &= items.iter().all(|d| d.name.value.is_some());
        AttributeDefinitions { span: node.span, items, complete, derived: false }
    }

    fn indexes(&self, key_span: Span, node: &Node, kind: IndexKind) -> Indexes {
        let (items, complete) = self.items(node);
        let items = items.into_iter().map(|item| self.index(item, kind)).collect();
        Indexes { key_span, span: node.span, items, complete }
    }

    fn index(&self, node: &Node, kind: IndexKind) -> Index {
        let entry = |name: &str| node.as_map().and_then(|m| m.entry(name));
        let throughput = |name: &str, read: &str, write: &str| entry(name).map(|e| self.throughput(e.key_span, &e.value, read, write));
        Index {
            kind,
            span: node.span,
            name: node.get("IndexName").map(|n| self.scalar(n)),
            key_schema: node.get("KeySchema").map(|n| self.key_schema(n)),
            projection: node.get("Projection").map(|p| Projection {
                span: p.span,
                projection_type: p.get("ProjectionType").map(|n| self.scalar(n)),
                non_key_attributes: p.get("NonKeyAttributes").map(|n| self.scalar_list(n)),
            }),
            provisioned_throughput: throughput("ProvisionedThroughput", "ReadCapacityUnits", "WriteCapacityUnits"),
            on_demand_throughput: throughput("OnDemandThroughput", "MaxReadRequestUnits", "MaxWriteRequestUnits"),
            warm_throughput: throughput("WarmThroughput", "ReadUnitsPerSecond", "WriteUnitsPerSecond"),
            write_provisioned_settings: throughput("WriteProvisionedThroughputSettings", "", "WriteCapacityAutoScalingSettings"),
            write_on_demand_settings: throughput("WriteOnDemandThroughputSettings", "", "MaxWriteRequestUnits"),
        }
    }

    fn scalar_list(&self, node: &Node) -> ScalarList {
        match node.as_seq() {
            Some(items) => {
                let items: Vec<Scalar> = items.iter().map(|item| self.scalar(item)).collect();
                let complete = items.iter().all(|s| s.value.is_some());
                ScalarList { span: node.span, items, complete }
            }
            None => ScalarList { span: node.span, items: Vec::new(), complete: false },
        }
    }

    /// A pair of settings; an empty `read` or `write` name means the setting has no such half.
    fn throughput(&self, key_span: Span, node: &Node, read: &str, write: &str) -> Throughput {
        let half = |name: &str| (!name.is_empty()).then(|| node.get(name)).flatten().map(|n| self.scalar(n));
        Throughput { key_span, span: node.span, read: half(read), write: half(write) }
    }

    fn missing(&self, at: Span) -> Scalar {
        Scalar { value: None, span: at, parameter: None }
    }

    fn point_in_time_recovery(&self, properties: &Node) -> PointInTimeRecovery {
        let setting = |spec: Option<&Node>| -> PointInTimeRecovery {
            let Some(spec) = spec else { return PointInTimeRecovery::Disabled { at: None } };
            if spec.intrinsic().is_some() {
                return PointInTimeRecovery::Unknown;
            }
            match spec.get("PointInTimeRecoveryEnabled").map(|n| (self.scalar(n).boolean(), n.span)) {
                Some((Some(true), _)) => PointInTimeRecovery::Enabled,
                Some((Some(false), span)) => PointInTimeRecovery::Disabled { at: Some(span) },
                Some((None, _)) => PointInTimeRecovery::Unknown,
                None => PointInTimeRecovery::Disabled { at: Some(spec.span) },
            }
        };
        if self.kind != TableKind::GlobalTable {
            return setting(properties.get("PointInTimeRecoverySpecification"));
        }
        // A global table's setting is per replica: on only when every replica has it.
        let Some(replicas) = properties.get("Replicas") else { return PointInTimeRecovery::Disabled { at: None } };
        let (items, complete) = self.items(replicas);
        if !complete {
            return PointInTimeRecovery::Unknown;
        }
        let mut state = PointInTimeRecovery::Enabled;
        for replica in items {
            match setting(replica.get("PointInTimeRecoverySpecification")) {
                PointInTimeRecovery::Enabled => {}
                PointInTimeRecovery::Unknown => return PointInTimeRecovery::Unknown,
                PointInTimeRecovery::Disabled { at } => {
                    if state == PointInTimeRecovery::Enabled {
                        state = PointInTimeRecovery::Disabled { at: at.or(Some(replica.span)) };
                    }
                }
            }
        }
        state
    }
}

#[cfg(test)]
mod tests;
