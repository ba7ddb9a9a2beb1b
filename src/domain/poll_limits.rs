//! The limits of a poll, shared by the form (its `maxlength`s and field count) and the
//! server's check of it.

pub const QUESTION_MAX_CHARS: usize = 200;
pub const CHOICE_MAX_CHARS: usize = 100;
pub const MIN_CHOICES: usize = 2;
pub const MAX_CHOICES: usize = 10;
