//! The phone step (Django `two_factor`'s phone setup view): the page that asks for a number
//! (or shows the confirmed one) and sends the code.

pub mod api;
pub mod field;
#[cfg(feature = "ssr")]
pub mod flow;
pub mod page;
