//! The pages diagnostics link to: each rule's documentation, as `slint explain` prints it,
//! written once per slint version into the user's cache folder. There is no web page to link
//! to, and editors open a file link in place.

use std::path::PathBuf;
use std::sync::OnceLock;

use slint_rules::all_rules;
use slint_rules::docs::rule_page;
use tower_lsp_server::gen_lsp_types::Uri;

use crate::uri;

/// The folder of the pages, or `None` when it cannot be written (the findings then carry no link).
static FOLDER: OnceLock<Option<PathBuf>> = OnceLock::new();

/// The page of the rule `code`.
pub fn link(code: &str) -> Option<Uri> {
    let folder = FOLDER.get_or_init(write_pages).as_ref()?;
    Some(uri::from_path(&folder.join(format!("{code}.md"))))
}

fn write_pages() -> Option<PathBuf> {
    let folder = cache_folder().join("slint").join(format!("rules-{}", env!("CARGO_PKG_VERSION")));
    std::fs::create_dir_all(&folder).ok()?;
    for rule in all_rules() {
        let path = folder.join(format!("{}.md", rule.code));
        let page = rule_page(rule);
        // Another server of the same version may have written it already.
        if std::fs::read_to_string(&path).ok().as_deref() != Some(page.as_str()) {
            std::fs::write(&path, page).ok()?;
        }
    }
    Some(folder)
}

/// `$XDG_CACHE_HOME`, else `~/.cache`, else the temporary folder.
fn cache_folder() -> PathBuf {
    let absolute = |name: &str| std::env::var_os(name).map(PathBuf::from).filter(|path| path.is_absolute());
    absolute("XDG_CACHE_HOME")
        .or_else(|| absolute("HOME").map(|home| home.join(".cache")))
        .unwrap_or_else(std::env::temp_dir)
}
