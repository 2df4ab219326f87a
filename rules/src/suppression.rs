//! Findings the template's author chose to silence, in the template itself:
//!
//! - `Metadata: {slint: {ignore: [CODE, …]}}` at the top level or on a resource;
//! - cfn-lint's `Metadata: {cfn-lint: {config: {ignore_checks: [E3012, …]}}}` at the same two
//!   levels, matched through each rule's cfn-lint ids so that templates already tuned for
//!   cfn-lint need no second set of annotations;
//! - in YAML, a `# slint-ignore CODE, …` comment at the end of the finding's line or alone on the
//!   line above it (no codes: everything on that line).
//!
//! Codes may be rule codes, rule names or code prefixes, as everywhere else.

use std::collections::HashMap;

use slint_linter::syntax::{Format, Node, Parsed, PathSegment};
use slint_linter::Diagnostic;

use crate::engine::matches_rule;
use crate::registry::find_rule;

/// The comment word that starts a suppression.
pub const COMMENT_DIRECTIVE: &str = "slint-ignore";

/// Drops the diagnostics the template says to ignore.
pub fn apply(parsed: &Parsed, diagnostics: &mut Vec<Diagnostic>) {
    if diagnostics.is_empty() {
        return;
    }
    let metadata = MetadataIgnores::read(parsed.root.as_ref());
    let comments = match parsed.format {
        // A directive is a comment that starts with the directive word: a text without the word
        // has none, and the lexical scan of every line is skipped.
        Format::Yaml if parsed.text.contains(COMMENT_DIRECTIVE) => CommentIgnores::scan(&parsed.text),
        Format::Yaml | Format::Json => CommentIgnores::default(),
    };
    if metadata.is_empty() && comments.is_empty() {
        return;
    }
    diagnostics.retain(|diagnostic| {
        let line = parsed.line_index.line_of(diagnostic.span.start as usize);
        !metadata.suppresses(diagnostic) && !comments.suppresses(line, diagnostic.code)
    });
}

/// Codes listed in one `Metadata` mapping.
#[derive(Debug, Default)]
struct IgnoreList {
    /// `slint: ignore:` entries: codes, names or prefixes of slint rules.
    slint: Vec<String>,
    /// `cfn-lint: config: ignore_checks:` entries: cfn-lint ids or id prefixes.
    cfn_lint: Vec<String>,
}

impl IgnoreList {
    fn read(metadata: Option<&Node>) -> IgnoreList {
        let Some(metadata) = metadata else { return IgnoreList::default() };
        IgnoreList {
            slint: strings(metadata.get("slint").and_then(|n| n.get("ignore"))),
            cfn_lint: strings(metadata.get("cfn-lint").and_then(|n| n.get("config")).and_then(|n| n.get("ignore_checks"))),
        }
    }

    fn is_empty(&self) -> bool {
        self.slint.is_empty() && self.cfn_lint.is_empty()
    }

    fn covers(&self, code: &str) -> bool {
        let Some(rule) = find_rule(code) else {
            return self.slint.iter().any(|pattern| pattern.eq_ignore_ascii_case(code));
        };
        self.slint.iter().any(|pattern| matches_rule(rule, pattern))
            || self.cfn_lint.iter().any(|pattern| rule.cfn_lint.iter().any(|id| starts_with_ignore_case(id, pattern)))
    }
}

/// A list of strings, or a single string, as people write either.
fn strings(node: Option<&Node>) -> Vec<String> {
    let Some(node) = node else { return Vec::new() };
    match node.as_seq() {
        Some(items) => items.iter().filter_map(|item| item.as_str()).map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect(),
        None => node.as_str().map(|s| s.trim().to_owned()).into_iter().filter(|s| !s.is_empty()).collect(),
    }
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.len() >= prefix.len() && text.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

#[derive(Debug, Default)]
struct MetadataIgnores {
    template: IgnoreList,
    resources: HashMap<String, IgnoreList>,
}

impl MetadataIgnores {
    fn read(root: Option<&Node>) -> MetadataIgnores {
        let Some(root) = root else { return MetadataIgnores::default() };
        let template = IgnoreList::read(root.get("Metadata"));
        let resources = root
            .get("Resources")
            .and_then(Node::as_map)
            .map(|resources| {
                resources
                    .iter()
                    .map(|(id, resource)| (id, IgnoreList::read(resource.get("Metadata"))))
                    .filter(|(_, list)| !list.is_empty())
                    .map(|(id, list)| (id.to_owned(), list))
                    .collect()
            })
            .unwrap_or_default();
        MetadataIgnores { template, resources }
    }

    fn is_empty(&self) -> bool {
        self.template.is_empty() && self.resources.is_empty()
    }

    fn suppresses(&self, diagnostic: &Diagnostic) -> bool {
        if self.template.covers(diagnostic.code) {
            return true;
        }
        match diagnostic.path.as_slice() {
            [PathSegment::Key(section), PathSegment::Key(id), ..] if section == "Resources" => {
                self.resources.get(id).is_some_and(|list| list.covers(diagnostic.code))
            }
            _ => false,
        }
    }
}

/// What one `# slint-ignore` comment silences.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Directive {
    Everything,
    Codes(Vec<String>),
}

impl Directive {
    /// Reads the text after `#`; `None` when it is an ordinary comment.
    fn parse(comment: &str) -> Option<Directive> {
        let rest = comment.trim_start().strip_prefix(COMMENT_DIRECTIVE)?;
        if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
            return None;
        }
        // Anything after ` -- ` is the author's reason, not codes.
        let codes = rest.split_once(" --").map_or(rest, |(codes, _reason)| codes);
        let codes: Vec<String> =
            codes.split(|c: char| c == ',' || c.is_whitespace()).filter(|code| !code.is_empty()).map(str::to_owned).collect();
        Some(if codes.is_empty() { Directive::Everything } else { Directive::Codes(codes) })
    }

    fn covers(&self, code: &str) -> bool {
        match self {
            Directive::Everything => true,
            Directive::Codes(patterns) => match find_rule(code) {
                Some(rule) => patterns.iter().any(|pattern| matches_rule(rule, pattern)),
                None => patterns.iter().any(|pattern| pattern.eq_ignore_ascii_case(code)),
            },
        }
    }
}

/// `# slint-ignore` directives by the 0-based line they apply to.
#[derive(Debug, Default)]
struct CommentIgnores {
    by_line: HashMap<usize, Vec<Directive>>,
}

impl CommentIgnores {
    fn scan(text: &str) -> CommentIgnores {
        let mut ignores = CommentIgnores::default();
        for comment in yaml_comments(text) {
            let Some(directive) = Directive::parse(comment.text) else { continue };
            if comment.alone_on_line {
                ignores.by_line.entry(comment.line + 1).or_default().push(directive.clone());
            }
            ignores.by_line.entry(comment.line).or_default().push(directive);
        }
        ignores
    }

    fn is_empty(&self) -> bool {
        self.by_line.is_empty()
    }

    fn suppresses(&self, line: usize, code: &str) -> bool {
        self.by_line.get(&line).is_some_and(|directives| directives.iter().any(|d| d.covers(code)))
    }
}

#[derive(Debug, PartialEq, Eq)]
struct Comment<'t> {
    /// 0-based.
    line: usize,
    /// Nothing but indentation before the `#`.
    alone_on_line: bool,
    /// The text after `#`, up to the end of the line.
    text: &'t str,
}

/// The comments of a YAML text, found lexically: a `#` starts a comment only at the start of a
/// line or after whitespace, and never inside a quoted scalar (which may span lines) or the
/// content of a block scalar (`|`, `>`).
fn yaml_comments(text: &str) -> Vec<Comment<'_>> {
    let mut comments = Vec::new();
    let bytes = text.as_bytes();
    let mut quote: Option<u8> = None;
    // Indentation of the line that opened a block scalar; deeper lines are its content.
    let mut block_scalar_parent: Option<usize> = None;
    let mut flow_depth = 0usize;
    let mut line = 0usize;
    let mut line_start = 0usize;

    while line_start <= bytes.len() {
        let line_end = text[line_start..].find('\n').map_or(bytes.len(), |i| line_start + i);
        let content = &bytes[line_start..line_end];
        let indent = content.iter().take_while(|&&b| b == b' ').count();
        let blank = content.iter().all(|b| b.is_ascii_whitespace());

        if let Some(parent) = block_scalar_parent {
            if blank || indent > parent {
                line += 1;
                line_start = line_end + 1;
                continue;
            }
            block_scalar_parent = None;
        }

        // Whether the next character begins a node, so that a quote there opens a quoted scalar.
        let mut at_node_start = quote.is_none();
        let mut i = 0;
        while i < content.len() {
            let b = content[i];
            if let Some(q) = quote {
                if q == b'"' && b == b'\\' {
                    i += 2;
                    continue;
                }
                if b == q {
                    if q == b'\'' && content.get(i + 1) == Some(&b'\'') {
                        i += 2;
                        continue;
                    }
                    quote = None;
                    at_node_start = false;
                }
                i += 1;
                continue;
            }
            let after_space = i == 0 || content[i - 1] == b' ' || content[i - 1] == b'\t';
            let followed_by_space = content.get(i + 1).is_none_or(|c| c.is_ascii_whitespace());
            match b {
                b'#' if after_space => {
                    let comment_text = &text[line_start + i + 1..line_end];
                    comments.push(Comment {
                        line,
                        alone_on_line: i == indent || content[..i].iter().all(|c| c.is_ascii_whitespace()),
                        text: comment_text.strip_suffix('\r').unwrap_or(comment_text),
                    });
                    break;
                }
                b' ' | b'\t' | b'\r' => {}
                b'"' | b'\'' if at_node_start => quote = Some(b),
                b'|' | b'>' if at_node_start && flow_depth == 0 => {
                    block_scalar_parent = Some(indent);
                    at_node_start = false;
                }
                b'[' | b'{' if at_node_start || flow_depth > 0 => {
                    flow_depth += 1;
                    at_node_start = true;
                }
                b']' | b'}' if flow_depth > 0 => {
                    flow_depth -= 1;
                    at_node_start = false;
                }
                b',' if flow_depth > 0 => at_node_start = true,
                b':' if followed_by_space || flow_depth > 0 => at_node_start = true,
                b'-' | b'?' if at_node_start && followed_by_space => {}
                // A tag or anchor comes before the node it decorates.
                b'!' | b'&' if at_node_start => {
                    while i + 1 < content.len() && !content[i + 1].is_ascii_whitespace() {
                        i += 1;
                    }
                }
                _ => at_node_start = false,
            }
            i += 1;
        }
        line += 1;
        line_start = line_end + 1;
    }
    comments
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comment_lines(text: &str) -> Vec<(usize, bool, &str)> {
        yaml_comments(text).into_iter().map(|c| (c.line, c.alone_on_line, c.text)).collect()
    }

    #[test]
    fn finds_trailing_and_standalone_comments() {
        let text = "# top\na: 1 # trailing\n  # indented\nb: x#not\n";
        assert_eq!(comment_lines(text), [(0, true, " top"), (1, false, " trailing"), (2, true, " indented")]);
    }

    #[test]
    fn hash_inside_quotes_is_not_a_comment() {
        let text = "a: \"x # y\"\nb: 'it''s # here' # real\nc: !Sub \"${A} # b\"\nd: [\"#\", '# x'] # end\n";
        assert_eq!(comment_lines(text), [(1, false, " real"), (3, false, " end")]);
    }

    #[test]
    fn apostrophes_in_plain_scalars_do_not_open_quotes() {
        let text = "a: don't # slint-ignore\nb: it's 'here # too\n";
        assert_eq!(comment_lines(text), [(0, false, " slint-ignore"), (1, false, " too")]);
    }

    #[test]
    fn quoted_scalars_span_lines() {
        let text = "a: \"first\n  # inside\n  last\" # after\n";
        assert_eq!(comment_lines(text), [(2, false, " after")]);
    }

    #[test]
    fn block_scalar_content_is_not_scanned() {
        let text = "Code: |\n  # python comment\n  x = 1\n\n  # more\nNext: 1 # yes\n";
        assert_eq!(comment_lines(text), [(5, false, " yes")]);
        let text = "- >-\n  # folded\n- b # yes\n";
        assert_eq!(comment_lines(text), [(2, false, " yes")]);
    }

    #[test]
    fn escaped_quotes_stay_inside() {
        let text = "a: \"x \\\" # y\" # z\n";
        assert_eq!(comment_lines(text), [(0, false, " z")]);
    }

    #[test]
    fn directives_parse_codes_and_reasons() {
        assert_eq!(Directive::parse(" slint-ignore"), Some(Directive::Everything));
        assert_eq!(Directive::parse("slint-ignore T001"), Some(Directive::Codes(vec!["T001".into()])));
        assert_eq!(
            Directive::parse(" slint-ignore T001, syntax-error -- legacy template"),
            Some(Directive::Codes(vec!["T001".into(), "syntax-error".into()]))
        );
        assert_eq!(Directive::parse(" slint-ignored"), None);
        assert_eq!(Directive::parse(" keep slint-ignore"), None);
    }

    #[test]
    fn standalone_comment_covers_the_next_line_only() {
        let ignores = CommentIgnores::scan("a: 1\n# slint-ignore T001\nb: 2\nc: 3 # slint-ignore\n");
        assert!(ignores.suppresses(2, "T001"));
        assert!(!ignores.suppresses(2, "X999"));
        assert!(ignores.suppresses(3, "X999"));
        assert!(!ignores.suppresses(0, "T001"));
        assert!(!ignores.suppresses(4, "T001"));
    }

    #[test]
    fn cfn_lint_ids_match_by_prefix() {
        let list = IgnoreList { slint: Vec::new(), cfn_lint: vec!["E0".into()] };
        assert!(list.covers("T001"));
        let list = IgnoreList { slint: Vec::new(), cfn_lint: vec!["E3012".into()] };
        assert!(!list.covers("T001"));
        let list = IgnoreList { slint: vec!["syntax-error".into()], cfn_lint: Vec::new() };
        assert!(list.covers("T001"));
    }
}
