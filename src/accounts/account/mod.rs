//! `/account`: the account's own page. It shows what belongs to the account (the username,
//! the recent verification activity, "sign out other sessions") and, in the slot the route
//! fills, what other features show there (two-factor's number, browser and recovery codes),
//! so this module needs no feature of its own to import.

pub mod api;
pub mod page;
