//! What linting a document keeps for linting its next version, so that an edit costs about
//! what it changed.

use crate::schema::memo::SchemaMemo;

/// Kept per document by a caller that lints version after version of it (the language
/// server); each resource's schema findings, today.
#[derive(Default)]
pub struct Memo {
    pub(crate) schema: SchemaMemo,
}
