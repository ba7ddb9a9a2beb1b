//! The settings as the environment gives them: defaults, spellings, refusals.

use super::*;
use std::collections::HashMap;

/// Settings on a developer's machine (`LEPTOS_ENV=DEV`) unless `vars` say otherwise.
fn settings(vars: &[(&str, &str)]) -> Result<Settings, ConfigError> {
    let mut all: HashMap<String, String> = HashMap::from([("LEPTOS_ENV".into(), "DEV".into())]);
    all.extend(vars.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    Settings::from_lookup(|name| all.get(name).cloned())
}

#[test]
fn the_simulator_in_development_comes_with_demo_data() {
    let s = settings(&[("LEPTOS_ENV", "DEV")]).unwrap();
    assert!(matches!(s.verify, VerifyProvider::Simulator));
    assert!(s.demo_data);
    assert_eq!(s.brand, "Pollstr");
    assert_eq!(s.two_factor_max_age, Duration::from_secs(43_200));
    assert!(s.database.url.starts_with("sqlite:"));
    assert!(s.trusted_proxies.is_empty());
    assert_eq!(s.throttles, ThrottleLimits::default());
}

#[test]
fn vonage_names_are_accepted_and_turn_demo_data_off() {
    let s = settings(&[
        ("VONAGE_API_KEY", "k"),
        ("VONAGE_API_SECRET", "s"),
        ("NEXMO_API_URL", "http://127.0.0.1:9"),
    ])
    .unwrap();
    match s.verify {
        VerifyProvider::Remote {
            base_url, api_key, ..
        } => {
            assert_eq!(base_url, "http://127.0.0.1:9");
            assert_eq!(api_key, "k");
        }
        VerifyProvider::Simulator => panic!("expected the remote API"),
    }
    assert!(!s.demo_data);
}

#[test]
fn bad_values_are_refused_with_their_name() {
    for vars in [
        vec![("NEXMO_API_KEY", "k")],
        vec![("VERIFY_SIMULATOR", "perhaps")],
        vec![("REQUEST_TIMEOUT_SECS", "0")],
        vec![("PASSWORD_HASH_QUEUE", "0")],
        vec![("PASSWORD_HASH_CONCURRENCY", "0")],
        vec![("AUDIT_RETENTION_DAYS", "forever")],
        vec![("THROTTLE_SIGNUPS_PER_IP", "many")],
        vec![("NEXMO_BRAND", "a brand far too long for sms")],
        vec![("TWO_FACTOR_MAX_AGE", "soon")],
        vec![("POLLSTR_DEMO", "maybe")],
        vec![("LEPTOS_SITE_ADDR", "nowhere")],
        vec![("THROTTLE_STARTS_PER_IP", "lots")],
        vec![("VERIFY_API", "v3")],
        vec![("VERIFY_V2_WORKFLOW", "sms,fax")],
        vec![("VERIFY_WORKFLOW_ID", "9")],
        vec![
            ("VERIFY_PIN_EXPIRY", "240"),
            ("VERIFY_NEXT_EVENT_WAIT", "180"),
        ],
        vec![("VERIFY_LANGUAGE", "xx-yy")],
        vec![("NEXMO_BRAND", "a:b")],
        vec![("TRUSTED_PROXIES", "proxy.internal")],
        vec![("DATABASE_MAX_CONNECTIONS", "0")],
        vec![("PUBLIC_URL", "polls.example.org")],
        vec![("PUBLIC_URL", "https://polls.example.org/app")],
        vec![("PUBLIC_URL", "https://me@polls.example.org")],
        vec![("PUBLIC_URL", "javascript:alert(1)")],
        vec![("LIVE_STREAMS_MAX", "0")],
        vec![("LIVE_STREAMS_PER_CLIENT", "none")],
        vec![("LIVE_COALESCE_MS", "-5")],
        vec![("LIVE_KEEP_ALIVE_SECS", "0")],
        vec![("PAGE_CACHE_ENTRIES", "many")],
        vec![("PAGE_CACHE_ENTRIES", "-1")],
    ] {
        assert!(settings(&vars).is_err(), "{vars:?} was accepted");
    }
}

#[test]
fn the_page_cache_holds_128_pages_unless_told_and_0_turns_it_off() {
    assert_eq!(settings(&[]).unwrap().costs.page_cache_entries, 128);
    let off = settings(&[("PAGE_CACHE_ENTRIES", "0")]).unwrap();
    assert_eq!(off.costs.page_cache_entries, 0);
}

#[test]
fn the_public_url_is_a_scheme_and_a_host_without_its_last_slash() {
    let s = settings(&[("PUBLIC_URL", "https://polls.example.org/")]).unwrap();
    assert_eq!(s.public_url.as_deref(), Some("https://polls.example.org"));
    let s = settings(&[("PUBLIC_URL", "http://127.0.0.1:3000")]).unwrap();
    assert_eq!(s.public_url.as_deref(), Some("http://127.0.0.1:3000"));
    assert_eq!(settings(&[]).unwrap().public_url, None);
}
