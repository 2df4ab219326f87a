use slint_linter::model::Function;
use slint_linter::syntax::{Entry, Node};
use slint_linter::Severity;

use super::support::subject;
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "L006",
    name: "secret-in-environment",
    area: Area::Lambda,
    severity: Severity::Warning,
    cfn_lint: &[],
    summary: "Function environment variable holds what looks like a secret, written in clear",
    docs: r#"
## What it does
Reports `Environment.Variables` whose literal value looks like a credential:

* a value with the shape of a well-known secret, whatever the variable is called: an AWS access
  key ID (`AKIA…`/`ASIA…`), a PEM private key, a GitHub, Slack or Stripe token, a Google API key,
  or a connection string with a password in it (`postgres://user:password@host`);
* a value of eight characters or more, without spaces, in a variable whose name says it is a
  secret (`PASSWORD`, `SECRET`, `TOKEN`, `API_KEY`, `PRIVATE_KEY`, `CLIENT_SECRET`, …), unless
  the name says it holds a reference (`…_ARN`, `…_NAME`, `…_ID`, `…_PATH`, `…_PARAMETER`) or
  the value is one (an ARN, an SSM path, a `{{resolve:…}}` dynamic reference).

Values computed by intrinsic functions (`!Ref`, `!Sub`, `!GetAtt`) are not reported.

## Why it matters
Environment variables are stored with the function configuration: anyone who can read the
template, the stack or the function (`lambda:GetFunctionConfiguration`, the console) sees them,
and they end up in source control. Keep the secret in Secrets Manager or SSM Parameter Store and
pass its name, or read it at startup (the Parameters and Secrets Lambda extension caches it).

## Example
```yaml
      Environment:
        Variables:
          DB_PASSWORD: hunter2hunter2
```

## Use instead
```yaml
      Environment:
        Variables:
          DB_SECRET_ARN: !Ref DatabaseSecret
```

## References
- [Securing Lambda environment variables](https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html)
- [Use Secrets Manager secrets in Lambda functions](https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(_template) = cx.template else { return };
    let Some(functions) = cx.functions() else { return };
    let mut findings: Vec<(&Entry, &'static str, Vec<&Function>)> = Vec::new();
    for function in functions {
        let Some(map) = function.environment.and_then(Node::as_map) else { continue };
        for entry in &map.entries {
            let Some(value) = entry.value.as_str() else { continue };
            let Some(reason) = secret_reason(&entry.key, value) else { continue };
            match findings.iter_mut().find(|(seen, _, _)| seen.key_span == entry.key_span) {
                Some((_, _, owners)) => owners.push(function),
                None => findings.push((entry, reason, vec![function])),
            }
        }
    }
    for (entry, reason, owners) in findings {
        report.add(
            entry.value.span,
            format!(
                "`{}` of {} holds {reason} in clear text; anyone who can read the template or the function \
                 configuration can read it. Store it in Secrets Manager or SSM Parameter Store and pass its name or ARN instead",
                entry.key,
                subject(&entry.value, &owners)
            ),
        );
    }
}

/// Why the value looks like a secret, or `None`.
fn secret_reason(name: &str, value: &str) -> Option<&'static str> {
    let value = value.trim();
    if let Some(kind) = known_secret_shape(value) {
        return Some(kind);
    }
    (names_a_secret(name) && looks_like_a_secret_value(value)).then_some("what looks like a secret")
}

/// Values whose shape gives them away, whatever the variable is called.
fn known_secret_shape(value: &str) -> Option<&'static str> {
    let alphanumeric_upper = |s: &str| s.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    if value.len() == 20 && (value.starts_with("AKIA") || value.starts_with("ASIA")) && alphanumeric_upper(value) {
        return Some("an AWS access key ID");
    }
    if value.contains("-----BEGIN") && value.contains("PRIVATE KEY") {
        return Some("a private key");
    }
    let token_prefixes: &[(&str, &'static str)] = &[
        ("ghp_", "a GitHub token"),
        ("gho_", "a GitHub token"),
        ("ghs_", "a GitHub token"),
        ("ghu_", "a GitHub token"),
        ("github_pat_", "a GitHub token"),
        ("xoxb-", "a Slack token"),
        ("xoxp-", "a Slack token"),
        ("xoxa-", "a Slack token"),
        ("sk_live_", "a Stripe secret key"),
        ("rk_live_", "a Stripe secret key"),
    ];
    for (prefix, kind) in token_prefixes {
        if value.starts_with(prefix) && value.len() > prefix.len() + 10 {
            return Some(kind);
        }
    }
    if value.len() == 39 && value.starts_with("AIza") {
        return Some("a Google API key");
    }
    if connection_string_password(value) {
        return Some("a connection string with a password");
    }
    None
}

/// `scheme://user:password@host`, with a password that is not a placeholder to fill in.
fn connection_string_password(value: &str) -> bool {
    let Some((_, rest)) = value.split_once("://") else { return false };
    let Some((credentials, _)) = rest.split_once('@') else { return false };
    let Some((_, password)) = credentials.split_once(':') else { return false };
    !password.is_empty() && !password.contains("${") && !password.contains('{') && !password.starts_with('<')
}

/// Words in a variable name that say its value is a secret, and words that say the value only
/// points at one.
fn names_a_secret(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    let words: Vec<&str> = upper.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let Some(last) = words.last() else { return false };
    const REFERENCES: &[&str] = &[
        "ARN", "NAME", "ID", "PATH", "PARAM", "PARAMETER", "KEYID", "URL", "URI", "FILE", "REF", "SSM", "HEADER",
        "TTL", "LENGTH", "EXPIRY", "EXPIRATION", "TABLE", "BUCKET", "QUEUE", "TOPIC", "ENDPOINT", "TYPE", "ENABLED",
        "REGION", "FIELD", "VERSION", "POLICY", "ALGORITHM", "LOCATION", "PREFIX", "ARNS", "NAMES", "IDS",
    ];
    if REFERENCES.contains(last) {
        return false;
    }
    let joined = words.concat();
    ["PASSWORD", "PASSWD", "SECRET", "TOKEN", "APIKEY", "PRIVATEKEY", "ACCESSKEY", "CLIENTSECRET", "CREDENTIAL"]
        .iter()
        .any(|word| joined.contains(word))
        || words.contains(&"PWD")
}

/// A value that could be the secret itself rather than configuration or a reference to it.
fn looks_like_a_secret_value(value: &str) -> bool {
    value.len() >= 8
        && !value.chars().any(char::is_whitespace)
        && !value.starts_with("arn:")
        && !value.starts_with("{{resolve:")
        && !value.starts_with('/')
        && !value.contains("${")
        && !value.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::secret_reason;

    #[test]
    fn shapes_are_recognised_whatever_the_name() {
        assert_eq!(secret_reason("X", "AKIAIOSFODNN7EXAMPLE"), Some("an AWS access key ID"));
        assert_eq!(secret_reason("CONFIG", "postgres://app:s3cret@db:5432/app"), Some("a connection string with a password"));
        assert_eq!(secret_reason("CONFIG", "postgres://app@db:5432/app"), None);
        assert_eq!(secret_reason("BOT", "xoxb-1234567890-abcdefghij"), Some("a Slack token"));
    }

    #[test]
    fn secret_names_need_a_secret_looking_value() {
        assert!(secret_reason("DB_PASSWORD", "hunter2hunter2").is_some());
        assert!(secret_reason("apiKey", "9f86d081884c7d659a2f").is_some());
        assert!(secret_reason("DB_PASSWORD", "short").is_none());
        assert!(secret_reason("DB_PASSWORD_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:1:secret:x").is_none());
        assert!(secret_reason("API_KEY_PARAMETER", "prod-api-key-name").is_none());
        assert!(secret_reason("TOKEN_TTL_SECONDS", "36000000").is_none());
        assert!(secret_reason("SECRET", "/prod/app/secret").is_none());
        assert!(secret_reason("SECRET", "{{resolve:secretsmanager:db}}").is_none());
        assert!(secret_reason("TABLE_NAME", "hunter2hunter2").is_none());
    }
}
