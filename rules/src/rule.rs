//! What a rule is: metadata, documentation and one check function.

use slint_linter::{Diagnostic, Severity, Span};

use crate::context::Context;

/// The service or part of the template a rule is about; codes start with the area's letter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Area {
    Template,
    Schema,
    Sam,
    Lambda,
    ApiGateway,
    DynamoDb,
    Events,
}

impl Area {
    pub fn title(self) -> &'static str {
        match self {
            Area::Template => "Template",
            Area::Schema => "Resource schemas",
            Area::Sam => "SAM",
            Area::Lambda => "Lambda",
            Area::ApiGateway => "API Gateway",
            Area::DynamoDb => "DynamoDB",
            Area::Events => "Event sources",
        }
    }
}

pub struct Rule {
    /// Stable code, never reused: `T201`.
    pub code: &'static str,
    /// Kebab-case name, usable wherever a code is.
    pub name: &'static str,
    pub area: Area,
    pub severity: Severity,
    /// The cfn-lint rules that look for the same mistake, so that cfn-lint suppressions carry over.
    pub cfn_lint: &'static [&'static str],
    /// One line for `slint rules`.
    pub summary: &'static str,
    /// Markdown with the sections *What it does*, *Why it matters*, *Example*, *Use instead*, *References*.
    pub docs: &'static str,
    pub check: fn(&Context, &mut Report),
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.code, self.name)
    }
}

/// Collects one rule's findings with its code and default severity.
pub struct Report<'r> {
    rule: &'r Rule,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl<'r> Report<'r> {
    pub(crate) fn new(rule: &'r Rule) -> Self {
        Report { rule, diagnostics: Vec::new() }
    }

    /// Records a finding at the rule's default severity; the returned diagnostic can take
    /// related locations and a fix.
    pub fn add(&mut self, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        self.add_with_severity(self.rule.severity, span, message)
    }

    /// Records a finding at another severity than the rule's default, for rules whose
    /// severity depends on what they find (deprecated versus blocked runtimes).
    pub fn add_with_severity(&mut self, severity: Severity, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        self.diagnostics.push(Diagnostic::new(self.rule.code, severity, span, message));
        self.diagnostics.last_mut().expect("just pushed")
    }
}
