//! The throttle settings: `THROTTLE_*`, each `COUNT/SECONDS`.

use super::ConfigError;
use crate::request::throttle::{Limit, ThrottleLimits};

/// Each limit is `COUNT/SECONDS`, e.g. `THROTTLE_STARTS_PER_NUMBER=3/600`.
pub(super) fn throttle_limits(
    var: &impl Fn(&str) -> Option<String>,
) -> Result<ThrottleLimits, ConfigError> {
    let defaults = ThrottleLimits::default();
    let limit = |name: &'static str, default: Limit| match var(name) {
        None => Ok(default),
        Some(raw) => Limit::parse(&raw).ok_or_else(|| ConfigError::Invalid {
            name,
            reason: format!("{raw:?} is not COUNT/SECONDS, like 3/600"),
        }),
    };
    Ok(ThrottleLimits {
        starts_per_number: limit("THROTTLE_STARTS_PER_NUMBER", defaults.starts_per_number)?,
        starts_per_account: limit("THROTTLE_STARTS_PER_ACCOUNT", defaults.starts_per_account)?,
        starts_per_ip: limit("THROTTLE_STARTS_PER_IP", defaults.starts_per_ip)?,
        failed_checks_per_account: limit(
            "THROTTLE_FAILED_CHECKS_PER_ACCOUNT",
            defaults.failed_checks_per_account,
        )?,
        failed_checks_cap: limit("THROTTLE_FAILED_CHECKS_CAP", defaults.failed_checks_cap)?,
        failed_logins_per_account_and_ip: limit(
            "THROTTLE_FAILED_LOGINS_PER_ACCOUNT_AND_IP",
            defaults.failed_logins_per_account_and_ip,
        )?,
        failed_logins_per_account: limit(
            "THROTTLE_FAILED_LOGINS_PER_ACCOUNT",
            defaults.failed_logins_per_account,
        )?,
        failed_logins_per_ip: limit(
            "THROTTLE_FAILED_LOGINS_PER_IP",
            defaults.failed_logins_per_ip,
        )?,
        signups_per_ip: limit("THROTTLE_SIGNUPS_PER_IP", defaults.signups_per_ip)?,
        polls_per_account: limit("THROTTLE_POLLS_PER_ACCOUNT", defaults.polls_per_account)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn throttles_are_set_as_count_per_seconds() {
        let limits = throttle_limits(&|name: &str| match name {
            "THROTTLE_STARTS_PER_NUMBER" => Some("5/60".to_owned()),
            "THROTTLE_FAILED_CHECKS_CAP" => Some("50/3600".to_owned()),
            _ => None,
        })
        .unwrap();
        assert_eq!(limits.starts_per_number, Limit::new(5, 60));
        assert_eq!(limits.failed_checks_cap, Limit::new(50, 3600));
        assert_eq!(
            limits.starts_per_account,
            ThrottleLimits::default().starts_per_account
        );
    }
}
