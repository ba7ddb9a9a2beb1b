//! Integration tests against the real router: each test starts the whole app on port 0 with
//! its own SQLite database and the Verify simulator, and talks to it over HTTP.

mod accounts;
mod app_process;
mod change_number;
mod database_loss;
mod faults;
mod fuzz;
mod hardening;
mod helpers;
mod instances;
mod login_throttles;
mod polls;
mod process;
mod races;
mod recovery;
mod redirects;
mod resend;
mod sessions;
mod test_database;
mod throttling;
mod two_factor;
mod verify_provider;
mod verify_sim_command;
mod verify_v2;
