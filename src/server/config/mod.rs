//! Settings, read once from the environment (and `.env` when present) at start-up.

mod costs;
mod database;
mod live;
mod throttles;
mod verify_backend;

pub use costs::CostLimits;
pub use database::DatabaseSettings;
pub use live::LiveSettings;
use throttles::throttle_limits;
use verify_backend::{is_development, verify_provider};

use crate::request::client_ip::parse_trusted_proxies;
use crate::{
    request::throttle::ThrottleLimits,
    verify::{ApiVersion, StartOptions, V2Channel},
};
use leptos::config::LeptosOptions;
use secrecy::SecretString;
use std::{net::IpAddr, time::Duration};

pub(crate) const DEFAULT_API_URL: &str = "https://api.nexmo.com";
const DEFAULT_BRAND: &str = "Pollstr";
const DEFAULT_TWO_FACTOR_MAX_AGE_SECS: u64 = 43_200;

/// Where verification codes come from.
#[derive(Clone)]
pub enum VerifyProvider {
    /// Asked for (development, or `VERIFY_SIMULATOR=true`): run the simulator in-process and
    /// serve `/dev/inbox`.
    Simulator,
    /// A real Verify v1 API (Nexmo/Vonage, or anything that speaks it).
    Remote {
        base_url: String,
        api_key: String,
        api_secret: SecretString,
    },
}

#[derive(Clone)]
pub struct Settings {
    pub leptos: LeptosOptions,
    pub database: DatabaseSettings,
    /// Reverse proxies whose `X-Forwarded-For` is believed (see `request::client_ip`).
    pub trusted_proxies: Vec<IpAddr>,
    pub verify: VerifyProvider,
    /// Verify v1 (default) or v2.
    pub verify_api: ApiVersion,
    /// The channels of a v2 verification, in order.
    pub v2_workflow: Vec<V2Channel>,
    /// v1 workflow and timings, and the message language.
    pub start_options: StartOptions,
    pub brand: String,
    pub verify_timeout: Duration,
    /// How long a verified browser session stays verified.
    pub two_factor_max_age: Duration,
    /// Mark cookies `Secure`: set when the site is served over HTTPS.
    pub secure_cookies: bool,
    /// `PUBLIC_URL`: the site's address as people reach it (`https://polls.example.org`), for
    /// the links the app hands out (a poll's share link). Unset: taken from each request's
    /// `Host`.
    pub public_url: Option<String>,
    /// `METRICS_ADDR`: where `/metrics` is served, apart from the site. Unset: nowhere.
    pub metrics_addr: Option<std::net::SocketAddr>,
    /// Load the demo user and polls into an empty database.
    pub demo_data: bool,
    pub throttles: ThrottleLimits,
    pub costs: CostLimits,
    pub live: LiveSettings,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{name} is not valid: {reason}")]
    Invalid { name: &'static str, reason: String },
    #[error("{name} must be set: {reason}")]
    Missing { name: &'static str, reason: String },
}

impl Settings {
    /// Reads the process environment, after loading `.env` if there is one.
    pub fn from_env() -> Result<Self, ConfigError> {
        // A missing .env is normal; a broken one should not stop the app.
        let _ = dotenvy::dotenv();
        Self::from_lookup(|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty()))
    }

    /// Builds settings from any variable lookup, so tests can pass their own.
    pub fn from_lookup(var: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let verify = verify_provider(&var)?;
        let simulated = matches!(verify, VerifyProvider::Simulator);
        let settings = Self {
            leptos: leptos_options(&var, is_development(&var))?,
            database: DatabaseSettings::from_lookup(&var)?,
            trusted_proxies: match var("TRUSTED_PROXIES") {
                None => Vec::new(),
                Some(raw) => parse_trusted_proxies(&raw)
                    .map_err(|reason| invalid("TRUSTED_PROXIES", reason))?,
            },
            brand: brand(var("NEXMO_BRAND"))?,
            verify_timeout: Duration::from_secs(parse_number(
                "VERIFY_TIMEOUT_SECS",
                var("VERIFY_TIMEOUT_SECS"),
                10,
            )?),
            two_factor_max_age: Duration::from_secs(parse_number(
                "TWO_FACTOR_MAX_AGE",
                var("TWO_FACTOR_MAX_AGE"),
                DEFAULT_TWO_FACTOR_MAX_AGE_SECS,
            )?),
            secure_cookies: parse_flag("SECURE_COOKIES", var("SECURE_COOKIES"), false)?,
            public_url: var("PUBLIC_URL")
                .map(|raw| parse_public_url(&raw).map_err(|reason| invalid("PUBLIC_URL", reason)))
                .transpose()?,
            metrics_addr: var("METRICS_ADDR")
                .map(|raw| {
                    raw.trim().parse().map_err(|e: std::net::AddrParseError| {
                        invalid(
                            "METRICS_ADDR",
                            format!("{raw:?} is not an address and port: {e}"),
                        )
                    })
                })
                .transpose()?,
            demo_data: parse_flag("POLLSTR_DEMO", var("POLLSTR_DEMO"), simulated)?,
            throttles: throttle_limits(&var)?,
            costs: CostLimits::from_lookup(&var)?,
            live: LiveSettings::from_lookup(&var)?,
            verify_api: match var("VERIFY_API") {
                None => ApiVersion::default(),
                Some(raw) => ApiVersion::parse(&raw)
                    .ok_or_else(|| invalid("VERIFY_API", format!("{raw:?} is not v1 or v2")))?,
            },
            v2_workflow: match var("VERIFY_V2_WORKFLOW") {
                None => V2Channel::DEFAULT_WORKFLOW.to_vec(),
                Some(raw) => V2Channel::parse_workflow(&raw).ok_or_else(|| {
                    invalid(
                        "VERIFY_V2_WORKFLOW",
                        format!("{raw:?} is not 1 to 3 of sms, voice"),
                    )
                })?,
            },
            start_options: StartOptions {
                workflow_id: optional_number("VERIFY_WORKFLOW_ID", var("VERIFY_WORKFLOW_ID"))?,
                pin_expiry: optional_number("VERIFY_PIN_EXPIRY", var("VERIFY_PIN_EXPIRY"))?,
                next_event_wait: optional_number(
                    "VERIFY_NEXT_EVENT_WAIT",
                    var("VERIFY_NEXT_EVENT_WAIT"),
                )?,
                lg: var("VERIFY_LANGUAGE"),
            },
            verify,
        };
        // Checked now, not on a person's first code.
        settings
            .start_options
            .validate_for(settings.verify_api)
            .map_err(|e| match e {
                crate::verify::VerifyError::InvalidOptions(reason) => invalid("VERIFY_*", reason),
                other => invalid("VERIFY_*", other.to_string()),
            })?;
        // A request cut off while a Verify call is still running could leave a code on its
        // way with nothing in the session or the audit trail to show it is this account's
        // (it would then be refused as "on its way" until it expires). Allowed, for tests of
        // the time limit itself, but said.
        if settings.costs.request_timeout <= settings.verify_timeout * 2 {
            tracing::warn!(
                "REQUEST_TIMEOUT_SECS should be more than twice VERIFY_TIMEOUT_SECS: a request \
                 may make two Verify calls"
            );
        }
        Ok(settings)
    }
}

fn leptos_options(
    var: &impl Fn(&str) -> Option<String>,
    development: bool,
) -> Result<LeptosOptions, ConfigError> {
    let mut options = leptos::config::get_configuration(None)
        .map_err(|e| ConfigError::Invalid {
            name: "LEPTOS_*",
            reason: e.to_string(),
        })?
        .leptos_options;
    // Outside cargo-leptos (plain `cargo test`) the output name is not compiled in.
    if options.output_name.is_empty() {
        options.output_name = env!("CARGO_PKG_NAME").into();
    }
    // Leptos takes an unset LEPTOS_ENV for DEV; here it means production, as for the simulator.
    options.env = if development {
        leptos::config::Env::DEV
    } else {
        leptos::config::Env::PROD
    };
    if let Some(root) = var("LEPTOS_SITE_ROOT") {
        options.site_root = root.into();
    }
    // A build with hashed file names writes `hash.txt` next to the binary. cargo-leptos says
    // so in LEPTOS_HASH_FILES when it starts the server; a binary started any other way
    // (systemd, the benchmark) finds the file, and its pages name the files that exist.
    options.hash_files = match var("LEPTOS_HASH_FILES") {
        Some(raw) => parse_flag("LEPTOS_HASH_FILES", Some(raw), false)?,
        None => crate::server::assets::hash_file(&options).is_some_and(|file| file.exists()),
    };
    if let Some(addr) = var("LEPTOS_SITE_ADDR") {
        options.site_addr =
            addr.parse()
                .map_err(|e: std::net::AddrParseError| ConfigError::Invalid {
                    name: "LEPTOS_SITE_ADDR",
                    reason: e.to_string(),
                })?;
    }
    Ok(options)
}

/// `http(s)://host[:port]`, with nothing after it but an optional `/` (which is dropped).
fn parse_public_url(raw: &str) -> Result<String, String> {
    let raw = raw.trim().trim_end_matches('/');
    let authority = raw
        .strip_prefix("https://")
        .or_else(|| raw.strip_prefix("http://"))
        .ok_or_else(|| format!("{raw:?} does not start with https:// or http://"))?;
    if !crate::request::origin::is_plain_authority(authority) {
        return Err(format!(
            "{raw:?} is not a scheme and a host (with a port at most): no path, query or user"
        ));
    }
    Ok(raw.to_owned())
}

/// The brand appears in the SMS; Verify v1 allows at most 18 characters.
fn brand(value: Option<String>) -> Result<String, ConfigError> {
    let brand = value.unwrap_or_else(|| DEFAULT_BRAND.to_owned());
    if brand.chars().count() > 18 {
        return Err(invalid("NEXMO_BRAND", "at most 18 characters".into()));
    }
    // Verify v2 refuses these characters in a brand.
    if brand.contains(['/', '\\', '{', '}', ':', '$']) {
        return Err(invalid("NEXMO_BRAND", "no / \\ { } : or $".into()));
    }
    Ok(brand)
}

fn invalid(name: &'static str, reason: String) -> ConfigError {
    ConfigError::Invalid { name, reason }
}

fn optional_number<T: std::str::FromStr>(
    name: &'static str,
    value: Option<String>,
) -> Result<Option<T>, ConfigError> {
    value
        .map(|v| {
            v.trim()
                .parse()
                .map_err(|_| invalid(name, format!("{v:?} is not a whole number")))
        })
        .transpose()
}

pub(super) fn parse_number(
    name: &'static str,
    value: Option<String>,
    default: u64,
) -> Result<u64, ConfigError> {
    value.map_or(Ok(default), |v| {
        v.trim().parse().map_err(|_| ConfigError::Invalid {
            name,
            reason: format!("{v:?} is not a whole number"),
        })
    })
}

/// A whole number of at least 1 (a limit of nothing would refuse everything).
pub(super) fn parse_at_least_one(
    name: &'static str,
    value: Option<String>,
    default: u64,
) -> Result<u64, ConfigError> {
    let value = parse_number(name, value, default)?;
    if value == 0 {
        return Err(ConfigError::Invalid {
            name,
            reason: "must be at least 1".into(),
        });
    }
    Ok(value)
}

pub(super) fn parse_flag(
    name: &'static str,
    value: Option<String>,
    default: bool,
) -> Result<bool, ConfigError> {
    match value.as_deref().map(|v| v.trim().to_ascii_lowercase()) {
        None => Ok(default),
        Some(v) if ["1", "true", "yes", "on"].contains(&v.as_str()) => Ok(true),
        Some(v) if ["0", "false", "no", "off"].contains(&v.as_str()) => Ok(false),
        Some(v) => Err(ConfigError::Invalid {
            name,
            reason: format!("{v:?} is not true or false"),
        }),
    }
}

#[cfg(test)]
mod tests;
