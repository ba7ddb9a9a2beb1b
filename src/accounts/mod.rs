//! Accounts: sign-up, login and logout (the Django `auth` part of the original app), and the
//! account page.
//!
//! Anyone may call `register` and `login`; `logout` and `load_current_user` act on the caller's own
//! session only. Passwords are hashed with argon2 and never leave the server.

pub mod account;
pub mod api;
#[cfg(feature = "ssr")]
pub mod backend;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod login;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod password_hash;
#[cfg(feature = "ssr")]
pub mod skeletons;
