//! `file:` URIs to paths and back, for finding `slint.toml` next to a document.

use std::path::{Path, PathBuf};

use tower_lsp_server::gen_lsp_types::Uri;

/// The local path of a `file:` URI; `None` for other schemes (unsaved buffers, remote files).
pub fn to_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.0.strip_prefix("file://")?;
    // An authority other than empty or `localhost` names another machine.
    let path = match rest.find('/') {
        Some(0) => rest,
        Some(at) if rest[..at].eq_ignore_ascii_case("localhost") => &rest[at..],
        _ => return None,
    };
    let decoded = percent_decode(path)?;
    // `file:///c:/x` on Windows is the path `c:/x`.
    let bytes = decoded.as_bytes();
    if bytes.len() >= 3 && bytes[0] == b'/' && bytes[1].is_ascii_alphabetic() && bytes[2] == b':' {
        return Some(PathBuf::from(&decoded[1..]));
    }
    Some(PathBuf::from(decoded))
}

/// The `file:` URI of an absolute path.
pub fn from_path(path: &Path) -> Uri {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file://");
    if !text.starts_with('/') {
        out.push('/');
    }
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~:".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    Uri(out)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_become_paths_and_back() {
        let uri = Uri("file:///home/me/my%20app/template.yaml".into());
        assert_eq!(to_path(&uri), Some(PathBuf::from("/home/me/my app/template.yaml")));
        assert_eq!(from_path(Path::new("/home/me/my app/template.yaml")), uri);
        assert_eq!(to_path(&Uri("file://localhost/tmp/t.yaml".into())), Some(PathBuf::from("/tmp/t.yaml")));
        assert_eq!(to_path(&Uri("file:///c%3A/work/t.yaml".into())), Some(PathBuf::from("c:/work/t.yaml")));
    }

    #[test]
    fn other_schemes_and_hosts_have_no_path() {
        assert_eq!(to_path(&Uri("untitled:Untitled-1".into())), None);
        assert_eq!(to_path(&Uri("file://server/share/t.yaml".into())), None);
        assert_eq!(to_path(&Uri("file:///bad%zz".into())), None);
    }
}
