//! cfn-lint's `bad` templates about resource properties, from the shared corpus, must be flagged
//! by the schema rules cfn-lint's own checks correspond to. Skipped when the corpus is absent
//! (`SLINT_CORPUS` names it when it is not at `../shared/corpus`).

use std::collections::BTreeSet;
use std::path::PathBuf;

use slint_rules::{lint_bytes, Settings};

/// Each template, under `cfn-lint/test/fixtures/templates/bad/`, with the schema rules it must
/// trigger.
const EXPECTED: &[(&str, &[&str])] = &[
    ("conditions.yaml", &["S002", "S003", "S004"]),
    ("core/directives.yaml", &["S002", "S005", "S010"]),
    ("core/mandatory_checks.yaml", &["S002", "S005", "S010"]),
    ("functions/foreach_no_transform.yaml", &["S010"]),
    ("functions_getaz.yaml", &["S011"]),
    ("properties_ebs.yaml", &["S005", "S007"]),
    ("resources/iam/iam_policy.yaml", &["S004", "S008"]),
    ("resources/lambda/function_property_value_limits.yaml", &["S008"]),
    ("resources/properties/list_duplicates.yaml", &["S012"]),
    ("resources/properties/string_size.yaml", &["S003", "S008"]),
    ("resources/sns/topic_name.yaml", &["S008"]),
    ("resources_iam_instanceprofile_roles.yaml", &["S008"]),
    ("resources_updatereplacepolicy.yaml", &["S010"]),
    ("transform_serverless_template.yaml", &["S003", "S005"]),
];

fn corpus() -> Option<PathBuf> {
    let path = slint_linter::testing::corpus_root();
    path.join("MANIFEST.tsv").is_file().then_some(path)
}

#[test]
fn cfn_lint_bad_property_templates_are_flagged() {
    let Some(corpus) = corpus() else {
        eprintln!("shared corpus not found; set SLINT_CORPUS to run this test");
        return;
    };
    let folder = corpus.join("cfn-lint/test/fixtures/templates/bad");
    let settings = Settings { select: vec!["S".to_owned()], ..Settings::default() };
    let mut missing = Vec::new();
    for (file, codes) in EXPECTED {
        let path = folder.join(file);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let found: BTreeSet<&str> = lint_bytes(&bytes, &settings).diagnostics.iter().map(|d| d.code).collect();
        for code in codes.iter().filter(|code| !found.contains(*code)) {
            missing.push(format!("  {file}: no {code} (found {found:?})"));
        }
    }
    assert!(missing.is_empty(), "cfn-lint bad templates the schema rules no longer flag:\n{}", missing.join("\n"));
}
