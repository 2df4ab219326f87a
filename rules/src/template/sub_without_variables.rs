use slint_linter::template::sub_variables;
use slint_linter::syntax::{Node, Value};
use slint_linter::{Edit, Severity};

use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "T204",
    name: "sub-without-variables",
    area: Area::Template,
    severity: Severity::Warning,
    cfn_lint: &["W1020"],
    summary: "`Fn::Sub` on a string that has no `${}` placeholders",
    docs: r#"
## What it does
Reports `Fn::Sub` applied to a string without any `${Name}` placeholder.

## Why it matters
The function does nothing there, and it suggests a placeholder was lost — for instance
`$AWS::Region` written without braces, which CloudFormation leaves as literal text.

## Example
```yaml
Value: !Sub "arn:aws:s3:::my-bucket/*"
```

## Use instead
```yaml
Value: "arn:aws:s3:::my-bucket/*"
```

## References
- [Fn::Sub](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-sub.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(root) = &cx.parsed.root else { return };
    let source = cx.source();
    root.walk(&mut |node: &Node| {
        let Some(("Fn::Sub", args)) = node.intrinsic() else { return };
        let Value::String(text) = &args.value else { return };
        if text.contains("${") || !sub_variables(text).is_empty() {
            return;
        }
        let diagnostic = report.add(
            node.span,
            "`Fn::Sub` has nothing to substitute: the string contains no `${Name}` placeholder; write the string without `Fn::Sub`",
        );
        // A short-form `!Sub 'text'` can drop its tag; the string stays exactly as written.
        if node.short_form.is_some() {
            let replacement = args.raw(source).to_owned();
            diagnostic.fix = Some(slint_linter::Fix {
                title: "Remove `!Sub`".into(),
                edits: vec![Edit { span: node.span, replacement }],
            });
        }
    });
}
