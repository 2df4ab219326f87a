//! Where the cursor is in a document that may not parse: the chain of keys above it, whether
//! a key or a value is being typed, and what has been typed so far. Read from the text with
//! YAML's indentation or a tolerant JSON scan, since completion runs mid-edit, when the tree
//! is often missing or stale.

use slint_linter::LineIndex;

/// One step down from the root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Item,
}

/// What is being typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Typing {
    /// A key of the mapping at the end of `path`.
    Key,
    /// The value of the key (or list item) at the end of `path`.
    Value,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CursorContext {
    /// Keys and list items from the root to the mapping (for keys) or value being typed.
    pub path: Vec<Step>,
    pub typing: Typing,
    /// The word typed so far, and where it starts.
    pub partial: String,
    pub partial_start: usize,
    /// Where the value of the line starts, for intrinsic tags written before it (`!Ref Na`).
    pub line_value: String,
    /// Keys already present in the mapping being completed (for keys) or holding the value.
    pub siblings: Vec<String>,
    /// For each mapping along `path` (index = number of path steps above it), the `Type`
    /// written in it, when seen.
    pub types: Vec<Option<String>>,
    /// JSON: the cursor is inside a string whose opening quote is at this offset.
    pub json_quote: Option<usize>,
    /// JSON: when the cursor is in a list, the strings of the items before it, `None` standing
    /// for items that are not strings; their count is the index of the item being typed.
    pub list_items: Option<Vec<Option<String>>>,
}

impl CursorContext {
    pub fn keys(&self) -> Vec<&str> {
        self.path
            .iter()
            .map(|s| match s {
                Step::Key(k) => k.as_str(),
                Step::Item => "-",
            })
            .collect()
    }

    /// The `Type` written in the mapping reached after `depth` steps.
    pub fn type_at(&self, depth: usize) -> Option<&str> {
        self.types.get(depth).and_then(|t| t.as_deref())
    }
}

/// What is around `offset`; `index` is the text's line index.
pub fn cursor_context(text: &str, index: &LineIndex, offset: usize, is_json: bool) -> CursorContext {
    let offset = floor_boundary(text, offset);
    if is_json {
        json_context(text, offset)
    } else {
        yaml_context(text, index.line_starts(), offset)
    }
}

fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Characters that can be part of a word being completed: names, types (`AWS::S3::Bucket`),
/// attributes (`Fn.Arn`) and tags (`!Ref`).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, ':' | '_' | '-' | '.' | '!' | '/' | '$' | '{' | '@')
}

/// A line of YAML split into its indentation, list markers and content.
struct YamlLine<'t> {
    /// Column of the first character that is not a space.
    first: usize,
    /// Column of the content after `- ` markers.
    content_col: usize,
    /// How many `- ` markers precede the content.
    dashes: usize,
    content: &'t str,
}

fn split_yaml_line(line: &str) -> YamlLine<'_> {
    let first = line.len() - line.trim_start_matches(' ').len();
    let mut content = &line[first..];
    let mut col = first;
    let mut dashes = 0;
    while let Some(rest) = content.strip_prefix("- ").or_else(|| (content == "-").then_some("")) {
        let spaces = rest.len() - rest.trim_start_matches(' ').len();
        col += content.len() - rest.len() + spaces;
        content = &rest[spaces..];
        dashes += 1;
    }
    YamlLine { first, content_col: col, dashes, content }
}

/// The key of a `key: value` or `key:` line, unquoted, and the value text.
fn yaml_key_value(content: &str) -> Option<(&str, &str)> {
    let (key, rest) = if let Some(quote @ ('"' | '\'')) = content.chars().next() {
        let end = content[1..].find(quote)? + 1;
        (&content[1..end], &content[end + 1..])
    } else {
        if content.starts_with(['#', '!', '{', '[', '&', '*', '|', '>']) {
            return None;
        }
        let colon = content.find(": ").or_else(|| content.ends_with(':').then(|| content.len() - 1))?;
        (&content[..colon], &content[colon..])
    };
    let value = rest.strip_prefix(':')?;
    if !(value.is_empty() || value.starts_with(' ')) {
        return None;
    }
    Some((key.trim_end(), value.trim()))
}

fn is_blank_or_comment(line: &str) -> bool {
    let trimmed = line.trim_start();
    trimmed.is_empty() || trimmed.starts_with('#')
}

fn yaml_context(text: &str, line_starts: &[u32], offset: usize) -> CursorContext {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let before = &text[line_start..offset];
    let current = split_yaml_line(before);

    // What is being typed on this line.
    let (typing, own_key, line_value) = match yaml_key_value(current.content) {
        Some((key, value)) => (Typing::Value, Some(key.to_owned()), value.to_owned()),
        None if current.dashes > 0 && current.content.starts_with(['!', '"', '\'', '[', '{', '$']) => {
            (Typing::Value, None, current.content.to_owned())
        }
        None => (Typing::Key, None, current.content.to_owned()),
    };
    let word_len = before.chars().rev().take_while(|c| is_word_char(*c)).map(char::len_utf8).sum::<usize>();
    let partial_len = if typing == Typing::Key { word_len.min(current.content.len()) } else { word_len };
    let partial_start = offset - partial_len;

    // The innermost mapping: its keys above and below the cursor at the cursor's column.
    let column = current.content_col;
    let mut inner = Level::default();
    for line in text[line_end..].lines().skip(1) {
        if is_blank_or_comment(line) {
            continue;
        }
        let parts = split_yaml_line(line);
        if parts.first < column || parts.dashes > 0 && parts.first <= column {
            break;
        }
        if parts.content_col == column {
            inner.record(parts.content);
        }
    }

    // Up through the parents by indentation. `path_rev` is built innermost first.
    let mut path_rev: Vec<Step> = Vec::new();
    if let (Typing::Value, Some(key)) = (&typing, &own_key) {
        path_rev.push(Step::Key(key.clone()));
    }
    path_rev.extend(std::iter::repeat_n(Step::Item, current.dashes));
    // Mappings met on the way out: the index in `path_rev` of the key they hold, and their Type.
    let mut outer: Vec<(usize, Level)> = Vec::new();
    let mut limit = if current.dashes > 0 { current.first } else { column };
    // Which level lines at `limit` belong to: the innermost until the first parent is found.
    let mut collecting: Option<usize> = (current.dashes == 0).then_some(usize::MAX);
    for line in lines_above(text, line_starts, line_start) {
        if limit == 0 && collecting.is_none() {
            break;
        }
        // Lines indented past the level being walked are inside an earlier sibling, and say
        // nothing: in a large template, the resources above the cursor's.
        if line.as_bytes().get(..=limit).is_some_and(|indent| indent.iter().all(|&byte| byte == b' ')) {
            continue;
        }
        if is_blank_or_comment(line) {
            continue;
        }
        let parts = split_yaml_line(line);
        if parts.first >= limit {
            if parts.first == limit && parts.dashes == 0 {
                match collecting {
                    Some(usize::MAX) => inner.record(parts.content),
                    Some(level) => outer[level].1.record_type(parts.content),
                    None => {}
                }
            }
            continue;
        }
        if parts.content_col == limit && parts.dashes > 0 {
            // `- Name: a` above `  Value: b`: the list item's mapping starts on this line.
            match collecting {
                Some(usize::MAX) => inner.record(parts.content),
                Some(level) => outer[level].1.record_type(parts.content),
                None => {}
            }
            path_rev.extend(std::iter::repeat_n(Step::Item, parts.dashes));
            limit = parts.first;
            collecting = None;
            continue;
        }
        match yaml_key_value(parts.content) {
            Some((key, _)) if parts.content_col < limit => {
                let mut level = Level::default();
                level.record_type(parts.content);
                outer.push((path_rev.len(), level));
                path_rev.push(Step::Key(key.to_owned()));
                path_rev.extend(std::iter::repeat_n(Step::Item, parts.dashes));
                limit = parts.first;
                // The top-level mapping's other keys (the sections) say nothing about the cursor.
                collecting = (parts.dashes == 0 && limit > 0).then_some(outer.len() - 1);
            }
            _ => {
                // A list item without a key, or a flow collection: only its indentation counts.
                limit = parts.first;
                collecting = None;
            }
        }
    }
    let path: Vec<Step> = path_rev.iter().rev().cloned().collect();
    let mapping_depth = match typing {
        Typing::Key => path.len(),
        Typing::Value => path.len().saturating_sub(1),
    };
    let mut types = vec![None; path.len() + 1];
    types[mapping_depth] = inner.type_value.clone();
    for (index_rev, level) in &outer {
        let depth = path.len() - 1 - index_rev;
        types[depth] = level.type_value.clone();
    }
    CursorContext {
        path,
        typing,
        partial: text[partial_start..offset].to_owned(),
        partial_start,
        line_value,
        siblings: inner.keys,
        types,
        json_quote: None,
        list_items: None,
    }
}

/// The lines before the one starting at `line_start`, nearest first, without their line breaks.
fn lines_above<'t>(text: &'t str, line_starts: &'t [u32], line_start: usize) -> impl Iterator<Item = &'t str> {
    let above = line_starts.partition_point(|&start| (start as usize) < line_start);
    line_starts[..above].iter().rev().scan(line_start, move |end, &start| {
        let line = &text[start as usize..*end];
        *end = start as usize;
        Some(line.strip_suffix('\n').map_or(line, |line| line.strip_suffix('\r').unwrap_or(line)))
    })
}

/// The keys of one mapping seen while walking the lines, and its `Type`.
#[derive(Default)]
struct Level {
    keys: Vec<String>,
    type_value: Option<String>,
}

impl Level {
    fn record(&mut self, content: &str) {
        self.record_type(content);
        if let Some((key, _)) = yaml_key_value(content) {
            if !self.keys.iter().any(|k| k == key) {
                self.keys.push(key.to_owned());
            }
        }
    }

    /// Only the `Type`: the other keys of the mappings around the cursor's are not needed, and
    /// one of them can be every logical ID of the template.
    fn record_type(&mut self, content: &str) {
        if let Some(("Type", value)) = yaml_key_value(content) {
            if self.type_value.is_none() {
                self.type_value = Some(value.trim_matches(['"', '\'']).to_owned());
            }
        }
    }
}

/// A tolerant scan of JSON up to the cursor.
fn json_context(text: &str, offset: usize) -> CursorContext {
    #[derive(Debug)]
    enum Frame {
        Object { key: Option<String>, keys: Vec<String>, expecting_key: bool, type_value: Option<String> },
        Array { items: Vec<Option<String>>, item_started: bool },
    }
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    let mut open_string: Option<usize> = None;
    while i < offset {
        match bytes[i] {
            b'"' => {
                let start = i;
                let mut j = i + 1;
                let mut closed = false;
                while j < offset {
                    match bytes[j] {
                        b'\\' => j += 2,
                        b'"' => {
                            closed = true;
                            break;
                        }
                        _ => j += 1,
                    }
                }
                if !closed {
                    open_string = Some(start);
                    break;
                }
                let value = text.get(start + 1..j).unwrap_or_default().to_owned();
                if let Some(Frame::Array { items, item_started }) = stack.last_mut() {
                    if !*item_started {
                        items.push(Some(value.clone()));
                        *item_started = true;
                    }
                }
                if let Some(Frame::Object { key, keys, expecting_key, type_value }) = stack.last_mut() {
                    if *expecting_key {
                        keys.push(value.clone());
                        *key = Some(value.clone());
                    } else if key.as_deref() == Some("Type") {
                        *type_value = Some(value.clone());
                    }
                }
                i = j + 1;
                continue;
            }
            b'{' | b'[' => {
                // A nested value is an item of the list it is in, and not a string.
                if let Some(Frame::Array { items, item_started }) = stack.last_mut() {
                    if !*item_started {
                        items.push(None);
                        *item_started = true;
                    }
                }
                stack.push(if bytes[i] == b'{' {
                    Frame::Object { key: None, keys: Vec::new(), expecting_key: true, type_value: None }
                } else {
                    Frame::Array { items: Vec::new(), item_started: false }
                });
            }
            b'}' | b']' => {
                stack.pop();
            }
            b':' => {
                if let Some(Frame::Object { expecting_key, .. }) = stack.last_mut() {
                    *expecting_key = false;
                }
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { expecting_key, key, .. }) => {
                    *expecting_key = true;
                    *key = None;
                }
                Some(Frame::Array { items, item_started }) => {
                    if !*item_started {
                        items.push(None);
                    }
                    *item_started = false;
                }
                None => {}
            },
            b' ' | b'\t' | b'\n' | b'\r' => {}
            _ => {
                // A number or literal starts an item that is not a string.
                if let Some(Frame::Array { items, item_started }) = stack.last_mut() {
                    if !*item_started {
                        items.push(None);
                        *item_started = true;
                    }
                }
            }
        }
        i += 1;
    }
    let mut path = Vec::new();
    let mut types = Vec::new();
    let depth = stack.len();
    for (n, frame) in stack.iter().enumerate() {
        let innermost = n + 1 == depth;
        match frame {
            Frame::Object { key, expecting_key, type_value, .. } => {
                types.resize(path.len(), None);
                types.push(type_value.clone());
                if innermost && *expecting_key {
                    break;
                }
                if let Some(key) = key {
                    path.push(Step::Key(key.clone()));
                }
            }
            Frame::Array { .. } => {
                types.resize(path.len() + 1, None);
                path.push(Step::Item);
            }
        }
    }
    let (typing, siblings) = match stack.last() {
        Some(Frame::Object { expecting_key: true, keys, .. }) => (Typing::Key, keys.clone()),
        Some(Frame::Object { keys, .. }) => (Typing::Value, keys.clone()),
        _ => (Typing::Value, Vec::new()),
    };
    let partial_start = match open_string {
        Some(quote) => quote + 1,
        None => offset - text[..offset].chars().rev().take_while(|c| is_word_char(*c)).map(char::len_utf8).sum::<usize>(),
    };
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_value = text[line_start..offset].trim().to_owned();
    types.resize(path.len() + 1, None);
    CursorContext {
        path,
        typing,
        partial: text[partial_start..offset].to_owned(),
        partial_start,
        line_value,
        siblings,
        types,
        json_quote: open_string,
        list_items: match stack.last() {
            Some(Frame::Array { items, .. }) => Some(items.clone()),
            _ => None,
        },
    }
}

/// Names declared in a YAML template's sections, read from the indentation alone, for
/// completing while the text does not parse: `(section, name, Type)`.
pub fn declared_names(text: &str) -> Vec<(String, String, Option<String>)> {
    let mut out: Vec<(String, String, Option<String>)> = Vec::new();
    let mut section: Option<String> = None;
    let mut entry_col: Option<usize> = None;
    for line in text.lines() {
        if is_blank_or_comment(line) {
            continue;
        }
        let parts = split_yaml_line(line);
        if parts.first == 0 {
            section = yaml_key_value(parts.content).map(|(k, _)| k.to_owned());
            entry_col = None;
            continue;
        }
        let Some(section) = &section else { continue };
        let Some((key, value)) = yaml_key_value(parts.content) else { continue };
        let col = *entry_col.get_or_insert(parts.content_col);
        if parts.content_col == col && parts.dashes == 0 {
            out.push((section.clone(), key.to_owned(), None));
        } else if parts.content_col > col && key == "Type" && section == "Resources" {
            if let Some(last) = out.last_mut().filter(|l| l.2.is_none()) {
                last.2 = Some(value.trim_matches(['"', '\'']).to_owned());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> CursorContext {
        let offset = text.find('|').unwrap();
        let text = text.replace('|', "");
        cursor_context(&text, &LineIndex::new(&text), offset, text.trim_start().starts_with('{'))
    }

    fn keys(c: &CursorContext) -> Vec<&str> {
        c.keys()
    }

    #[test]
    fn yaml_keys_follow_indentation() {
        let c = at("Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Run|\n      Handler: x\n");
        assert_eq!(keys(&c), ["Resources", "Fn", "Properties"]);
        assert_eq!(c.typing, Typing::Key);
        assert_eq!(c.partial, "Run");
        assert_eq!(c.siblings, ["Handler"]);
        assert_eq!(c.type_at(2), Some("AWS::Serverless::Function"));
    }

    #[test]
    fn earlier_resources_and_crlf_line_ends_do_not_change_the_place() {
        let text = "Resources:\r\n  A:\r\n    Type: AWS::SQS::Queue\r\n    Properties:\r\n      Type: no\r\n  B:\r\n    Type: AWS::SNS::Topic\r\n    Properties:\r\n      Dis|\r\n";
        let c = at(text);
        assert_eq!(keys(&c), ["Resources", "B", "Properties"]);
        assert_eq!(c.partial, "Dis");
        assert_eq!(c.type_at(2), Some("AWS::SNS::Topic"), "the Type of A's properties is not B's");
    }

    #[test]
    fn yaml_values_and_list_items() {
        let c = at("Resources:\n  Fn:\n    Type: AWS::Lambda::Fu|\n");
        assert_eq!(keys(&c), ["Resources", "Fn", "Type"]);
        assert_eq!(c.typing, Typing::Value);
        assert_eq!(c.partial, "AWS::Lambda::Fu");
        let c = at("Resources:\n  T:\n    Properties:\n      AttributeDefinitions:\n        - AttributeName: id\n          AttributeType: |\n");
        assert_eq!(keys(&c), ["Resources", "T", "Properties", "AttributeDefinitions", "-", "AttributeType"]);
        assert_eq!(c.siblings, ["AttributeName"]);
        let c = at("Resources:\n  Q:\n    DependsOn:\n      - Ta|\n");
        assert_eq!(keys(&c), ["Resources", "Q", "DependsOn", "-"]);
        assert_eq!(c.typing, Typing::Key, "a bare word in a list is completed like a key");
        let c = at("Resources:\n  Fn:\n    Properties:\n      Events:\n        Q:\n          Type: SQS\n          Properties:\n            |\n");
        assert_eq!(keys(&c), ["Resources", "Fn", "Properties", "Events", "Q", "Properties"]);
        assert_eq!(c.type_at(5), Some("SQS"));
    }

    #[test]
    fn yaml_tags_in_values() {
        let c = at("Outputs:\n  O:\n    Value: !GetAtt Fn.A|\n");
        assert_eq!(c.line_value, "!GetAtt Fn.A");
        assert_eq!(c.partial, "Fn.A");
        let c = at("Resources:\n  F:\n    Properties:\n      Layers:\n        - !Ref |\n");
        assert_eq!(c.typing, Typing::Value);
        assert_eq!(c.line_value, "!Ref ");
    }

    #[test]
    fn json_keys_values_and_strings() {
        let c = at("{\"Resources\": {\"Fn\": {\"Type\": \"AWS::SQS::Queue\", \"Properties\": {\"Vis|");
        assert_eq!(keys(&c), ["Resources", "Fn", "Properties"]);
        assert_eq!(c.typing, Typing::Key);
        assert_eq!(c.partial, "Vis");
        assert_eq!(c.type_at(2), Some("AWS::SQS::Queue"));
        let c = at("{\"Resources\": {\"Fn\": {\"Type\": \"AWS::|\"}}}");
        assert_eq!(keys(&c), ["Resources", "Fn", "Type"]);
        assert_eq!(c.typing, Typing::Value);
        assert_eq!(c.partial, "AWS::");
        let c = at("{\"Outputs\": {\"O\": {\"Value\": {\"Ref\": \"|");
        assert_eq!(keys(&c), ["Outputs", "O", "Value", "Ref"]);
        let c = at("{\"O\": {\"Fn::GetAtt\": [\"Queue\", \"A|");
        assert_eq!(keys(&c), ["O", "Fn::GetAtt", "-"]);
        assert_eq!(c.list_items, Some(vec![Some("Queue".to_owned())]));
        let c = at("{\"O\": {\"Fn::FindInMap\": [\"M\", {\"Ref\": \"AWS::Region\"}, |");
        assert_eq!(c.list_items, Some(vec![Some("M".to_owned()), None]));
    }

    #[test]
    fn names_are_read_from_broken_yaml() {
        let names = declared_names("Parameters:\n  Stage:\n    Type: String\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Code: [\n  Table:\n    Type: AWS::DynamoDB::Table\n");
        assert_eq!(
            names,
            [
                ("Parameters".to_owned(), "Stage".to_owned(), None),
                ("Resources".to_owned(), "Fn".to_owned(), Some("AWS::Serverless::Function".to_owned())),
                ("Resources".to_owned(), "Table".to_owned(), Some("AWS::DynamoDB::Table".to_owned())),
            ]
        );
    }
}
