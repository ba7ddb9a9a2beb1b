//! Presentational pieces shared by the pages: the nav bar, form parts, the `next` field and
//! the loaded-resource wrapper.

pub mod form;
pub mod guard_redirect;
pub mod loaded;
pub mod nav;
pub mod next;
