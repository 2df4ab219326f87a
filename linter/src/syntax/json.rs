//! JSON through jsonc-parser in strict mode.

use super::{Node, SyntaxError};

pub(super) fn parse(text: &str, errors: &mut Vec<SyntaxError>) -> Option<Node> {
    let _ = (text, errors);
    unimplemented!("JSON reader is being written")
}
