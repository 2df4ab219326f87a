//! CloudFormation's short-form YAML tags and the long-form keys they stand for.

/// `(tag, long form key)`, for every tag CloudFormation's YAML reader accepts.
pub const SHORT_FORM_TAGS: &[(&str, &str)] = &[
    ("Ref", "Ref"),
    ("Condition", "Condition"),
    ("GetAtt", "Fn::GetAtt"),
    ("Sub", "Fn::Sub"),
    ("Join", "Fn::Join"),
    ("Select", "Fn::Select"),
    ("Split", "Fn::Split"),
    ("If", "Fn::If"),
    ("Equals", "Fn::Equals"),
    ("And", "Fn::And"),
    ("Or", "Fn::Or"),
    ("Not", "Fn::Not"),
    ("FindInMap", "Fn::FindInMap"),
    ("Base64", "Fn::Base64"),
    ("Cidr", "Fn::Cidr"),
    ("ImportValue", "Fn::ImportValue"),
    ("GetAZs", "Fn::GetAZs"),
    ("Transform", "Fn::Transform"),
    ("ToJsonString", "Fn::ToJsonString"),
    ("Length", "Fn::Length"),
    ("ForEach", "Fn::ForEach"),
    // Rule-condition functions, valid inside the `Rules` section.
    ("Contains", "Fn::Contains"),
    ("EachMemberEquals", "Fn::EachMemberEquals"),
    ("EachMemberIn", "Fn::EachMemberIn"),
    ("RefAll", "Fn::RefAll"),
    ("ValueOf", "Fn::ValueOf"),
    ("ValueOfAll", "Fn::ValueOfAll"),
];

/// The long-form key for a short-form tag name written without its `!`.
pub fn short_form_function(tag: &str) -> Option<&'static str> {
    SHORT_FORM_TAGS.iter().find(|(short, _)| *short == tag).map(|(_, long)| *long)
}
