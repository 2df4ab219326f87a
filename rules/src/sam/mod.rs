//! Rules about the SAM transform and what only exists under it.

pub mod missing_transform;
