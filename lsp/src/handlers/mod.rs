//! One file per protocol feature. Each handler is a pure function of a document snapshot and
//! the request's parameters, run off the document task.

pub mod code_action;
pub mod code_lens;
pub mod completion;
pub mod definition;
pub mod diagnostics;
pub mod exports;
pub mod hover;
pub mod inlay_hints;
pub mod invoke;
pub mod references;
pub mod rename;
pub mod semantic_tokens;
pub mod symbols;

use tower_lsp_server::gen_lsp_types::*;

use crate::position::Encoding;

/// Everything the server offers, announced in `initialize`.
pub fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSync::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::Incremental),
            will_save: None,
            will_save_wait_until: None,
            save: Some(Save::SaveOptions(SaveOptions { include_text: Some(false) })),
        })),
        hover_provider: Some(HoverProvider::Bool(true)),
        definition_provider: Some(DefinitionProvider::Bool(true)),
        references_provider: Some(ReferencesProvider::Bool(true)),
        document_highlight_provider: Some(DocumentHighlightProvider::Bool(true)),
        rename_provider: Some(RenameProvider::RenameOptions(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        })),
        document_symbol_provider: Some(DocumentSymbolProvider::Bool(true)),
        workspace_symbol_provider: Some(WorkspaceSymbolProvider::Bool(true)),
        code_action_provider: Some(CodeActionProvider::CodeActionOptions(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QuickFix, CodeActionKind::SourceFixAll]),
            ..CodeActionOptions::default()
        })),
        semantic_tokens_provider: Some(SemanticTokensProvider::SemanticTokensOptions(SemanticTokensOptions {
            legend: semantic_tokens::legend(),
            range: Some(SemanticTokensOptionsRange::Bool(true)),
            full: Some(Full::Bool(true)),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        })),
        inlay_hint_provider: Some(InlayHintProvider::Bool(true)),
        code_lens_provider: Some(CodeLensOptions { resolve_provider: Some(false), ..CodeLensOptions::default() }),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: vec![code_lens::SHOW_ROUTES.to_owned(), invoke::INVOKE.to_owned()],
            ..ExecuteCommandOptions::default()
        }),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(["!", ".", "{", " ", ":", "\"", "["].map(String::from).to_vec()),
            resolve_provider: Some(true),
            ..CompletionOptions::default()
        }),
        ..ServerCapabilities::default()
    }
}

#[cfg(test)]
mod sweep {
    //! Every handler at every position of real and broken templates: none may panic.

    use std::path::Path;

    use tower_lsp_server::gen_lsp_types::{CodeActionContext, Position, Range};

    use super::*;
    use crate::capabilities;
    use crate::documents::Snapshot;

    fn run_everything(name: &str, text: &str, step: usize) {
        for encoding in [Encoding::Utf16, Encoding::Utf8] {
            let snapshot = Snapshot::detached(&format!("file:///sweep/{name}"), text, encoding);
            let open = [snapshot.clone()];
            let caps = capabilities::Client { snippets: true, markdown_hover: true, ..capabilities::Client::default() };
            let lines = snapshot.lines();
            let end = lines.position(text.len());
            let everything = Range { start: Position::new(0, 0), end };
            let _ = code_action::code_actions(&snapshot, everything, &CodeActionContext::default());
            let _ = semantic_tokens::tokens(&snapshot, None);
            let _ = inlay_hints::inlay_hints(&snapshot, everything);
            let _ = code_lens::code_lenses(&snapshot);
            let _ = symbols::document_symbols(&snapshot, true);
            let _ = symbols::document_symbols(&snapshot, false);
            let _ = symbols::workspace_symbols(&open, "a");
            let mut offset = 0;
            while offset <= text.len() {
                let position = lines.position(offset);
                let _ = hover::hover(&snapshot, position, &caps);
                let _ = definition::definition(&snapshot, position, &open);
                let _ = references::references(&snapshot, position, true, &open);
                let _ = references::highlights(&snapshot, position);
                let _ = rename::prepare(&snapshot, position);
                let _ = rename::rename(&snapshot, position, "Renamed");
                let _ = completion::completion(&snapshot, position, &caps);
                let _ = semantic_tokens::tokens(&snapshot, Some(Range { start: position, end }));
                offset += step;
            }
            // Positions past the end of lines and of the text clamp.
            let beyond = Position::new(end.line + 3, 999);
            let _ = hover::hover(&snapshot, beyond, &caps);
            let _ = completion::completion(&snapshot, Position::new(0, 999), &caps);
        }
    }

    fn fixtures() -> Vec<(String, String)> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/lsp/fixtures");
        let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
            .expect("tests/lsp/fixtures")
            .filter_map(|entry| {
                let path = entry.ok()?.path();
                Some((path.file_name()?.to_string_lossy().into_owned(), std::fs::read_to_string(&path).ok()?))
            })
            .collect();
        out.sort();
        assert!(out.len() >= 3, "fixtures missing from {}", dir.display());
        out
    }

    #[test]
    fn fixtures_at_every_position() {
        for (name, text) in fixtures() {
            run_everything(&name, &text, 1);
        }
    }

    #[test]
    fn every_prefix_of_a_template_as_typed() {
        for (name, text) in fixtures() {
            let mut end = 0;
            while end < text.len() {
                if text.is_char_boundary(end) {
                    run_everything(&name, &text[..end], 13);
                }
                end += 29;
            }
        }
    }

    #[test]
    fn hostile_and_odd_text() {
        let odd = [
            "",
            "\u{feff}",
            "Resources: [",
            "Resources:\n  A: !Ref\n  B: !GetAtt\n  C: !Sub\n  D: !If [\n",
            "{\"Resources\": {\"A\": {\"Type\": \"AWS::SQS::Queue\", \"Properties\": {\"X\": {\"Fn::Sub\": \"${A.\"",
            "Resources:\n  \"é😀\":\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Sub '😀${é😀}'\n",
            "Resources:\n\tA: 1\n",
            "- a\n- b\n",
            "Resources:\n  A: &x {Type: AWS::SQS::Queue}\n  B: *x\n  C: *missing\n",
            "Resources:\n  A:\n    Type: AWS::Serverless::Function\n    Properties:\n      Events:\n        E:\n          Type: Api\n          Properties: {Path: 3, Method: [x]}\n",
            "Outputs:\n  O:\n    Value: !ImportValue\n    Export: {Name: !Ref}\n",
            "Conditions:\n  C: !Equals [!Condition C, !Condition D]\nResources:\n  Q: {Type: AWS::SQS::Queue, Condition: C, DependsOn: [Q, Q]}\n",
        ];
        for (i, text) in odd.iter().enumerate() {
            run_everything(&format!("odd{i}.yaml"), text, 1);
        }
        let deep = format!("Resources:\n  A:\n    Type: AWS::SQS::Queue\n    Properties:\n      X: {}{}\n", "[".repeat(300), "]".repeat(300));
        run_everything("deep.yaml", &deep, 97);
    }

    /// A sample of the shared corpus of real templates, when it is there (`SLINT_CORPUS` or
    /// `../shared/corpus` beside the repository).
    #[test]
    fn corpus_sample() {
        let root = slint_linter::testing::corpus_root();
        let Ok(manifest) = std::fs::read_to_string(root.join("MANIFEST.tsv")) else {
            eprintln!("no corpus at {}; sample skipped", root.display());
            return;
        };
        let mut checked = 0;
        for line in manifest.lines().skip(1).step_by(150) {
            let Some(path) = line.split('\t').nth(4) else { continue };
            let Ok(text) = std::fs::read_to_string(root.join(path)) else { continue };
            run_everything(path, &text, 173);
            checked += 1;
        }
        assert!(checked >= 5, "only {checked} corpus templates could be read");
    }
}
