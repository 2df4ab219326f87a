use slint_linter::syntax::SyntaxErrorKind;
use slint_linter::Severity;

use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "T001",
    name: "syntax-error",
    area: Area::Template,
    severity: Severity::Error,
    cfn_lint: &["E0000"],
    summary: "The file is not well-formed YAML or JSON",
    docs: r#"
## What it does
Reports text that cannot be read as YAML or JSON: unbalanced brackets, bad indentation, tabs
used for indentation, unterminated strings, invalid UTF-8, an empty file, more than one YAML
document, nesting deeper than slint follows, and aliases that expand without bound.

## Why it matters
CloudFormation rejects the whole template before it looks at a single resource, so nothing else
in the file can be checked until this is fixed.

## Example
```yaml
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties: {BillingMode: PAY_PER_REQUEST
```

## Use instead
```yaml
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties: {BillingMode: PAY_PER_REQUEST}
```

## References
- [Template formats](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    use SyntaxErrorKind::*;
    super::parse_findings::forward(cx, report, &[InvalidSyntax, InvalidUtf8, Empty, MultipleDocuments, AliasLimit, TooDeep]);
}
