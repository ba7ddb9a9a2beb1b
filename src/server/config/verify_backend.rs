//! Which Verify backend runs: the real API when a key and secret are set, the simulator only
//! when that is asked for. It fails closed: the simulator's `/dev/inbox` shows everyone's
//! codes and it seeds a demo account, so a misspelt variable on a public site must stop the
//! start, not quietly turn the second factor off.

use super::{parse_flag, ConfigError, VerifyProvider, DEFAULT_API_URL};
use secrecy::SecretString;

/// `LEPTOS_ENV=DEV` (what `make dev` sets): a developer's machine. Unset counts as
/// production, so forgetting it fails closed.
pub(super) fn is_development(var: &impl Fn(&str) -> Option<String>) -> bool {
    var("LEPTOS_ENV").is_some_and(|env| {
        let env = env.trim().to_ascii_lowercase();
        env == "dev" || env == "development"
    })
}

pub(super) fn verify_provider(
    var: &impl Fn(&str) -> Option<String>,
) -> Result<VerifyProvider, ConfigError> {
    let api_key = var("NEXMO_API_KEY").or_else(|| var("VONAGE_API_KEY"));
    let api_secret = var("NEXMO_API_SECRET").or_else(|| var("VONAGE_API_SECRET"));
    let simulator = var("VERIFY_SIMULATOR")
        .map(|raw| parse_flag("VERIFY_SIMULATOR", Some(raw), false))
        .transpose()?;
    match (api_key, api_secret) {
        (Some(_), Some(_)) if simulator == Some(true) => Err(ConfigError::Invalid {
            name: "VERIFY_SIMULATOR",
            reason: "it is true while an API key is set too: choose one".into(),
        }),
        (Some(api_key), Some(api_secret)) => Ok(VerifyProvider::Remote {
            base_url: var("NEXMO_API_URL").unwrap_or_else(|| DEFAULT_API_URL.to_owned()),
            api_key,
            api_secret: SecretString::from(api_secret),
        }),
        (Some(_), None) => Err(ConfigError::Missing {
            name: "NEXMO_API_SECRET",
            reason: "an API key is set but no secret (NEXMO_API_SECRET or VONAGE_API_SECRET)"
                .into(),
        }),
        (None, Some(_)) => Err(ConfigError::Missing {
            name: "NEXMO_API_KEY",
            reason: "an API secret is set but no key (NEXMO_API_KEY or VONAGE_API_KEY)".into(),
        }),
        (None, None) => match simulator {
            Some(true) => Ok(VerifyProvider::Simulator),
            None if is_development(var) => Ok(VerifyProvider::Simulator),
            Some(false) | None => Err(ConfigError::Missing {
                name: "NEXMO_API_KEY",
                reason: "no Verify API key is set and this is not development (LEPTOS_ENV is \
                         not DEV). Set NEXMO_API_KEY and NEXMO_API_SECRET to send real SMS, \
                         or VERIFY_SIMULATOR=true to run the local simulator (its /dev/inbox \
                         shows every code: never on a public site)"
                    .into(),
            }),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn provider(vars: &[(&str, &str)]) -> Result<VerifyProvider, ConfigError> {
        let vars: HashMap<&str, &str> = vars.iter().copied().collect();
        verify_provider(&|name: &str| vars.get(name).map(|v| v.to_string()))
    }

    fn simulated(vars: &[(&str, &str)]) -> bool {
        matches!(provider(vars), Ok(VerifyProvider::Simulator))
    }

    #[test]
    fn the_simulator_runs_in_development_or_when_asked_for() {
        assert!(simulated(&[("LEPTOS_ENV", "DEV")]));
        assert!(simulated(&[("LEPTOS_ENV", "development")]));
        assert!(simulated(&[("VERIFY_SIMULATOR", "true")]));
        assert!(simulated(&[
            ("LEPTOS_ENV", "PROD"),
            ("VERIFY_SIMULATOR", "true")
        ]));
    }

    #[test]
    fn production_without_a_key_refuses_to_start_and_says_what_to_set() {
        for vars in [
            vec![],
            vec![("LEPTOS_ENV", "PROD")],
            vec![("LEPTOS_ENV", "DEV"), ("VERIFY_SIMULATOR", "false")],
            // A misspelt key name is no key at all.
            vec![("LEPTOS_ENV", "PROD"), ("NEXMO_APIKEY", "k")],
        ] {
            let Err(error) = provider(&vars) else {
                panic!("{vars:?} started without a key");
            };
            let message = error.to_string();
            assert!(message.contains("NEXMO_API_KEY"), "{message}");
            assert!(message.contains("VERIFY_SIMULATOR=true"), "{message}");
        }
    }

    #[test]
    fn half_a_credential_is_refused_in_either_spelling() {
        for vars in [
            [("NEXMO_API_KEY", "k"), ("LEPTOS_ENV", "DEV")],
            [("VONAGE_API_KEY", "k"), ("LEPTOS_ENV", "DEV")],
            [("NEXMO_API_SECRET", "s"), ("LEPTOS_ENV", "DEV")],
            [("VONAGE_API_SECRET", "s"), ("LEPTOS_ENV", "DEV")],
        ] {
            assert!(provider(&vars).is_err(), "{vars:?} was accepted");
        }
    }

    #[test]
    fn a_key_and_the_simulator_together_are_refused() {
        let vars = [
            ("NEXMO_API_KEY", "k"),
            ("NEXMO_API_SECRET", "s"),
            ("VERIFY_SIMULATOR", "true"),
        ];
        assert!(provider(&vars).is_err());
    }
}
