//! Integration tests against the real router: each test starts the whole app on port 0 with
//! its own SQLite database and the Verify simulator, and talks to it over HTTP.

mod accounts;
mod app_process;
mod bursts;
mod change_number;
mod cookie_hand;
mod costs;
mod database_loss;
mod fail_closed;
mod faults;
mod fuzz;
mod hardening;
mod helpers;
mod instances;
mod journeys;
mod login_throttles;
mod phone_numbers;
mod polls;
mod process;
mod races;
mod recovery;
mod redirects;
mod resend;
mod route_generation;
mod scripted_provider;
mod session_endings;
mod sessions;
mod stale_requests;
mod test_database;
mod throttling;
mod two_factor;
mod verify_provider;
mod verify_sim_command;
mod verify_v2;
