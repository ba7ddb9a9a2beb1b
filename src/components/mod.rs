//! Presentational pieces shared by the pages: the nav bar, form parts, the `next` field, what
//! a refused form held, and the loaded-resource wrapper.

pub mod form;
pub mod guard_redirect;
pub mod kept_fields;
pub mod loaded;
pub mod nav;
pub mod next;
