//! Presentational pieces shared by the pages: the nav bar and form parts.

pub mod form;
pub mod guard_redirect;
pub mod nav;
pub mod next;
