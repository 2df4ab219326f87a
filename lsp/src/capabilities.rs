//! What the client said it supports, reduced to what the handlers ask.

use tower_lsp_server::gen_lsp_types::{ClientCapabilities, InitializeParams, MarkupKind};

use crate::position::Encoding;

#[derive(Clone, Debug, Default)]
pub struct Client {
    pub encoding: Encoding,
    pub snippets: bool,
    pub markdown_hover: bool,
    pub hierarchical_symbols: bool,
    pub watch_files_dynamically: bool,
}

impl Client {
    pub fn from_params(params: &InitializeParams) -> Client {
        let caps: &ClientCapabilities = &params.capabilities;
        let text = caps.text_document.as_ref();
        Client {
            encoding: Encoding::negotiate(caps.general.as_ref().and_then(|g| g.position_encodings.as_deref())),
            snippets: text
                .and_then(|t| t.completion.as_ref())
                .and_then(|c| c.completion_item.as_ref())
                .and_then(|i| i.snippet_support)
                .unwrap_or(false),
            markdown_hover: text
                .and_then(|t| t.hover.as_ref())
                .and_then(|h| h.content_format.as_ref())
                .is_none_or(|formats| formats.contains(&MarkupKind::Markdown)),
            hierarchical_symbols: text
                .and_then(|t| t.document_symbol.as_ref())
                .and_then(|s| s.hierarchical_document_symbol_support)
                .unwrap_or(false),
            watch_files_dynamically: caps
                .workspace
                .as_ref()
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|w| w.dynamic_registration)
                .unwrap_or(false),
        }
    }
}
