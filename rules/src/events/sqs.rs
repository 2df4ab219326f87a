//! SQS event sources connected to a queue and a function of the template: what the SQS rules
//! compare (the queue's visibility timeout, the function's timeout, FIFO or not).

use slint_linter::model::{EventKind, EventSource, Function, Functions};
use slint_linter::syntax::Node;
use slint_linter::template::{Resource, Template};
use slint_linter::{Diagnostic, Span};

use crate::lambda::support::{numbers, value_origin, Candidate};

/// SQS's default visibility timeout, in seconds.
const DEFAULT_VISIBILITY_TIMEOUT: f64 = 30.0;
/// Lambda's default function timeout, in seconds.
const DEFAULT_FUNCTION_TIMEOUT: f64 = 3.0;

/// An SQS event source whose queue and function are both in the template.
pub(crate) struct QueueTrigger<'s, 't> {
    pub source: &'s EventSource<'t>,
    pub queue: &'t Resource<'t>,
    pub function: &'s Function<'t>,
}

pub(crate) fn queue_triggers<'s, 't>(
    template: &'t Template<'t>,
    functions: &'s Functions<'t>,
    sources: &'s [EventSource<'t>],
) -> Vec<QueueTrigger<'s, 't>> {
    sources
        .iter()
        .filter(|s| s.kind == EventKind::Sqs)
        .filter_map(|source| {
            let queue = source.source_resource(template).filter(|r| r.type_name == Some("AWS::SQS::Queue"))?;
            let function = functions.get(source.function?)?;
            Some(QueueTrigger { source, queue, function })
        })
        .collect()
}

/// A duration setting: the values it can take and where to point when talking about it (the
/// property, or the resource that leaves it at its default).
pub(crate) struct Seconds {
    pub values: Vec<Candidate>,
    pub at: Span,
    pub is_default: bool,
}

impl Seconds {
    fn of(template: &Template, node: Option<&Node>, default: f64, fallback: Span) -> Option<Seconds> {
        match node {
            Some(node) => Some(Seconds { values: numbers(template, node)?, at: node.span, is_default: false })
                .filter(|s| !s.values.is_empty()),
            None => Some(Seconds { values: vec![Candidate { value: default, span: fallback }], at: fallback, is_default: true }),
        }
    }

    pub fn smallest(&self) -> &Candidate {
        self.values.iter().min_by(|a, b| a.value.total_cmp(&b.value)).expect("never empty")
    }

    pub fn largest(&self) -> &Candidate {
        self.values.iter().max_by(|a, b| a.value.total_cmp(&b.value)).expect("never empty")
    }
}

impl QueueTrigger<'_, '_> {
    pub fn visibility_timeout(&self, template: &Template) -> Option<Seconds> {
        Seconds::of(template, self.queue.property("VisibilityTimeout"), DEFAULT_VISIBILITY_TIMEOUT, self.queue.name_span)
    }

    pub fn function_timeout(&self, template: &Template) -> Option<Seconds> {
        Seconds::of(template, self.function.timeout, DEFAULT_FUNCTION_TIMEOUT, self.function.name_span())
    }

    /// Where to point at the event source: the property naming the queue.
    pub fn span(&self) -> Span {
        self.source.source.map_or(self.source.span(), |s| s.span)
    }
}

/// Whether the queue is certainly a FIFO queue (`FifoQueue: true` or a `.fifo` name), or the
/// ARN certainly names one.
pub(crate) fn is_fifo_queue(template: &Template, source: &EventSource) -> bool {
    let certainly = |node: Option<&Node>, test: &dyn Fn(&Node) -> bool| {
        node.and_then(|n| template.possible_values(n))
            .is_some_and(|p| !p.may_be_absent && !p.values.is_empty() && p.values.iter().all(|v| test(v)))
    };
    match source.source_resource(template).filter(|r| r.type_name == Some("AWS::SQS::Queue")) {
        Some(queue) => {
            certainly(queue.property("FifoQueue"), &|v| v.as_bool() == Some(true))
                || certainly(queue.property("QueueName"), &|v| v.as_str().is_some_and(|s| s.ends_with(".fifo")))
        }
        None => source.source_target.is_none() && certainly(source.source, &|v| v.as_str().is_some_and(|s| s.ends_with(".fifo"))),
    }
}

/// Points a finding at both ends: the queue's visibility timeout and the function's timeout
/// (or the resources that leave them at their defaults), and where their values come from.
pub(crate) fn relate(
    template: &Template,
    diagnostic: &mut Diagnostic,
    trigger: &QueueTrigger,
    visibility: &Seconds,
    timeout: &Seconds,
) {
    let shortest = visibility.smallest();
    let longest = timeout.largest();
    if visibility.is_default {
        diagnostic.add_related(
            visibility.at,
            format!("queue `{}` leaves `VisibilityTimeout` at its default of 30 seconds", trigger.queue.name),
        );
    } else {
        diagnostic.add_related(visibility.at, format!("the visibility timeout of queue `{}` is set here", trigger.queue.name));
        if !visibility.at.contains(shortest.span) {
            diagnostic.add_related(shortest.span, value_origin(template, shortest.span));
        }
    }
    if timeout.is_default {
        diagnostic.add_related(
            timeout.at,
            format!("function `{}` leaves `Timeout` at its default of 3 seconds", trigger.function.name),
        );
    } else {
        let inherited = if trigger.function.resource.node.span.contains(timeout.at) { "" } else { " (in Globals)" };
        diagnostic.add_related(timeout.at, format!("the timeout of function `{}` is set here{inherited}", trigger.function.name));
        if !timeout.at.contains(longest.span) {
            diagnostic.add_related(longest.span, value_origin(template, longest.span));
        }
    }
}
