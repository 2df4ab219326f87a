//! One module per subcommand.

pub mod check;
pub mod events;
pub mod explain;
pub mod invoke;
pub mod lsp;
pub mod routes;
pub mod rules;
pub mod serve;
