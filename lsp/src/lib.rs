//! `slint lsp`: the Language Server Protocol over stdio, so that every editor gets slint's
//! findings and template intelligence (hover, completion, definitions, references, rename,
//! symbols, quick fixes, semantic tokens, inlay hints, code lenses) as the user types.
//!
//! The server reads the same `slint.toml` as `slint check`, looks only at open documents that
//! are templates by their content, and never lets one request's failure stop it.

mod capabilities;
mod context;
mod describe;
mod knowledge;
mod place;
mod schema;
mod detect;
mod documents;
mod handlers;
mod locate;
mod model;
mod names;
mod position;
mod server;
mod settings;
mod uri;

pub use server::Backend;

use tower_lsp_server::{LspService, Server};

/// Serves one client over standard input and output until it exits.
pub fn run_stdio() -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    runtime.block_on(async {
        let (service, socket) = LspService::new(Backend::new);
        Server::new(tokio::io::stdin(), tokio::io::stdout(), socket).serve(service).await;
    });
    Ok(())
}
