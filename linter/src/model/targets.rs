//! What a property names inside the template: `!Ref Queue`, `!GetAtt Table.StreamArn`,
//! `!Sub '${Function.Arn}'`. The model uses this to connect event sources, permissions and
//! invoke configurations to the function and the resource they belong to.

use crate::span::Span;
use crate::syntax::{Node, Value};
use crate::template::{sub_variables, Template};

/// How a property names a logical id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TargetForm {
    Ref,
    GetAtt,
    /// An `Fn::Sub` string whose variables name one resource.
    Sub,
}

/// A logical id named by a property, with the attribute asked for (`Arn`, `StreamArn`) if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Target<'n> {
    pub logical_id: &'n str,
    /// GetAtt's attribute or the part after the dot of a Sub variable; `None` for `Ref`.
    pub attribute: Option<&'n str>,
    pub form: TargetForm,
    /// Where the name is written (the whole intrinsic's span when the name cannot be isolated).
    pub span: Span,
}

impl<'n> Target<'n> {
    /// `!Ref Name`, `!GetAtt Name.Attribute` or `!Sub '${Name.Attribute}'`, as the user would write it.
    pub fn describe(&self) -> String {
        match (self.form, self.attribute) {
            (TargetForm::Ref, _) => format!("!Ref {}", self.logical_id),
            (TargetForm::GetAtt, Some(attribute)) => format!("!GetAtt {}.{attribute}", self.logical_id),
            (TargetForm::GetAtt, None) => format!("!GetAtt {}", self.logical_id),
            (TargetForm::Sub, Some(attribute)) => format!("${{{}.{attribute}}}", self.logical_id),
            (TargetForm::Sub, None) => format!("${{{}}}", self.logical_id),
        }
    }
}

/// The logical id `node` names through `Ref`, `Fn::GetAtt` or an `Fn::Sub` whose only
/// resource variables name one resource of the template (`arn:...:${Queue.QueueName}` counts,
/// pseudo parameters and template parameters are skipped). `None` for anything else, including
/// `Fn::If`, whose branches may name different resources.
pub fn target_of<'n>(template: &Template, node: &'n Node) -> Option<Target<'n>> {
    let (function, args) = node.intrinsic()?;
    match function {
        "Ref" => Some(Target { logical_id: args.as_str()?, attribute: None, form: TargetForm::Ref, span: args.span }),
        "Fn::GetAtt" => {
            let (logical_id, attribute, span) = match &args.value {
                Value::Seq(items) => {
                    let name = items.first()?;
                    (name.as_str()?, items.get(1).and_then(Node::as_str), name.span)
                }
                Value::String(text) => {
                    let (name, attribute) = text.split_once('.')?;
                    (name, Some(attribute), args.span)
                }
                _ => return None,
            };
            Some(Target { logical_id, attribute, form: TargetForm::GetAtt, span })
        }
        "Fn::Sub" => {
            let text_node = match &args.value {
                Value::String(_) => args,
                // Local variables may stand for anything; only the plain form is followed.
                Value::Seq(items) if items.len() == 1 => &items[0],
                _ => return None,
            };
            let text = text_node.as_str()?;
            let mut found: Option<(&'n str, Option<&'n str>)> = None;
            for variable in sub_variables(text) {
                let (name, attribute) = match variable.name.split_once('.') {
                    Some((name, attribute)) => (name, Some(attribute)),
                    None => (variable.name, None),
                };
                if !template.has_resource(name) {
                    continue;
                }
                match found {
                    Some((other, _)) if other != name => return None,
                    Some((_, Some(_))) => {}
                    _ => found = Some((name, attribute)),
                }
            }
            let (logical_id, attribute) = found?;
            Some(Target { logical_id, attribute, form: TargetForm::Sub, span: text_node.span })
        }
        _ => None,
    }
}

/// The AWS service named by an ARN (`sqs` in `arn:aws:sqs:...`), when the node is a literal ARN,
/// a `Fn::Sub` whose service part is written out, or a parameter whose every value agrees.
pub fn arn_service(template: &Template, node: &Node) -> Option<String> {
    let service_of = |text: &str| -> Option<String> {
        let mut parts = text.split(':');
        if parts.next()? != "arn" {
            return None;
        }
        let _partition = parts.next()?;
        let service = parts.next()?;
        (!service.is_empty() && !service.contains("${")).then(|| service.to_owned())
    };
    if let Some(("Fn::Sub", args)) = node.intrinsic() {
        let text = match &args.value {
            Value::String(text) => text.as_str(),
            Value::Seq(items) => items.first()?.as_str()?,
            _ => return None,
        };
        // `${AWS::Partition}` holds colons of its own: blank the variables out before splitting.
        let mut blanked = String::with_capacity(text.len());
        let mut last = 0;
        for variable in sub_variables(text) {
            blanked.push_str(&text[last..variable.start]);
            blanked.push_str("${}");
            last = variable.end;
        }
        blanked.push_str(&text[last..]);
        return service_of(&blanked);
    }
    let values = template.possible_strings(node)?;
    let mut services = values.iter().map(|(text, _)| service_of(text));
    let first = services.next()??;
    services.all(|s| s.as_deref() == Some(first.as_str())).then_some(first)
}
