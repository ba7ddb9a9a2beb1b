//! The account's two-factor state, as the account page shows it: the confirmed number, this
//! browser's verification, the recovery codes left, and the forms that change them.

pub mod api;
pub mod section;
