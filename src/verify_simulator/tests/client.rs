//! The app's client against the simulator, written once and run over both API versions:
//! both sides of the same contract, mapped onto the same VerifyError variants, injected
//! faults included. What only one version has is in `client_control` (v1) and `v2::client`.

use super::*;
use crate::verify::Unavailable;
use crate::verify_simulator::Fault;

/// Whether `id` has the form `api`'s request ids take: 32 lowercase hex digits (v1) or a
/// UUID (v2).
fn is_request_id(api: ApiVersion, id: &RequestId) -> bool {
    match api {
        ApiVersion::V1 => id.as_str().len() == 32 && is_lowercase_hex(id.as_str()),
        ApiVersion::V2 => is_uuid_v4(id.as_str()),
    }
}

/// An id of `api`'s form that the simulator never gave out.
fn unknown(api: ApiVersion) -> RequestId {
    let id = match api {
        ApiVersion::V1 => "abcdef0123456789abcdef0123456789",
        ApiVersion::V2 => "c11236f4-00bf-4b89-84ba-88b25df97315",
    };
    RequestId::parse(id).unwrap()
}

#[tokio::test]
async fn the_client_starts_and_checks_with_the_texted_six_digit_code() {
    for api in BOTH {
        let app = spawn().await;
        let client = app.client(api, SECRET);
        let request_id = start(&client).await.unwrap();
        assert!(is_request_id(api, &request_id), "{api:?}: {request_id}");
        let sms = &app.simulator.inbox()[0];
        assert_eq!(
            (sms.number.as_str(), sms.channel),
            ("+12125550142", Channel::Sms)
        );
        assert_eq!(sms.code.len(), 6, "the client asks for 6 digits");
        assert_eq!(client.check(&request_id, &code(&sms.code)).await, Ok(()));
        assert_eq!(
            client.check(&request_id, &code(&sms.code)).await,
            Err(VerifyError::RequestNotFound),
            "{api:?}"
        );
    }
}

#[tokio::test]
async fn the_client_sees_the_running_request_on_a_concurrent_start() {
    for api in BOTH {
        let app = spawn().await;
        let client = app.client(api, SECRET);
        let first = start(&client).await.unwrap();
        let expected = VerifyError::ConcurrentRequest {
            request_id: Some(first),
        };
        assert_eq!(start(&client).await, Err(expected), "{api:?}");
    }
}

#[tokio::test]
async fn the_client_maps_wrong_codes_and_the_end_of_the_request() {
    for api in BOTH {
        let app = spawn().await;
        let client = app.client(api, SECRET);
        let request_id = start(&client).await.unwrap();
        let right = code(&app.latest_code());
        let wrong = code(&other_than(&app.latest_code()));
        for expected in [
            VerifyError::WrongCode,
            VerifyError::WrongCode,
            VerifyError::TooManyWrongCodes,
            VerifyError::RequestNotFound,
        ] {
            let outcome = client.check(&request_id, &wrong).await;
            assert_eq!(outcome, Err(expected), "{api:?}");
        }
        for id in [request_id, unknown(api)] {
            let outcome = client.check(&id, &right).await;
            assert_eq!(outcome, Err(VerifyError::RequestNotFound), "{api:?}");
        }
    }
}

#[tokio::test]
async fn the_client_reports_a_wrong_secret_as_rejected() {
    for (api, status, error_text) in [
        (ApiVersion::V1, "4", "Invalid credentials were provided"),
        (
            ApiVersion::V2,
            "401",
            "You did not provide correct credentials",
        ),
    ] {
        let app = spawn().await;
        let outcome = start(&app.client(api, "not-the-secret")).await;
        let expected = VerifyError::Rejected {
            status: status.to_owned(),
            error_text: error_text.to_owned(),
        };
        assert_eq!(outcome, Err(expected), "{api:?}");
    }
}

/// The faults a start can meet in `api`, each with the failure the client must see.
fn start_faults(api: ApiVersion) -> Vec<(Fault, VerifyError)> {
    let status = |status: &str| Fault::Status(status.into());
    let unavailable = VerifyError::Unavailable;
    let not_supported = |status: &str| VerifyError::NumberNotSupported {
        status: status.into(),
    };
    let mut faults = match api {
        ApiVersion::V1 => vec![
            (status("1"), VerifyError::Throttled),
            (status("29"), not_supported("29")),
            (Fault::Http(500), unavailable(Unavailable::HttpStatus(500))),
        ],
        ApiVersion::V2 => vec![
            (status("429"), VerifyError::Throttled),
            (status("422"), not_supported("422")),
            (
                status("402"),
                VerifyError::Rejected {
                    status: "402".into(),
                    error_text:
                        "This request could not be performed due to your account balance being low."
                            .into(),
                },
            ),
            (status("500"), unavailable(Unavailable::HttpStatus(500))),
            // A v1 status is no HTTP status: on v2 it stands for the provider's 500.
            (status("15"), unavailable(Unavailable::HttpStatus(500))),
            (Fault::Http(502), unavailable(Unavailable::HttpStatus(502))),
        ],
    };
    faults.push((
        Fault::MalformedJson,
        unavailable(Unavailable::MalformedResponse),
    ));
    faults
}

/// A call the client makes about a running request.
#[derive(Debug, Clone, Copy)]
enum About {
    Check,
    Cancel,
    TriggerNextEvent,
}

/// The faults a call about a running request can meet in `api`, with what the client sees.
fn request_faults(api: ApiVersion) -> Vec<(Fault, About, VerifyError)> {
    match api {
        ApiVersion::V1 => vec![
            (
                Fault::MalformedJson,
                About::Check,
                VerifyError::Unavailable(Unavailable::MalformedResponse),
            ),
            (
                Fault::Status("5".into()),
                About::Cancel,
                VerifyError::Unavailable(Unavailable::ProviderError),
            ),
        ],
        ApiVersion::V2 => vec![(
            Fault::Status("409".into()),
            About::TriggerNextEvent,
            VerifyError::ControlNotPossible {
                reason: "There are no more events left to trigger.".into(),
            },
        )],
    }
}

#[tokio::test]
async fn the_client_sees_each_fault_as_the_failure_it_stands_for() {
    for api in BOTH {
        let app = spawn().await;
        let client = app.client(api, SECRET);
        for (fault, expected) in start_faults(api) {
            app.simulator.inject_fault(NUMBER, fault.clone());
            assert_eq!(start(&client).await, Err(expected), "{api:?} {fault:?}");
        }
        let request_id = start(&client).await.unwrap();
        let right = code(&app.latest_code());
        for (fault, about, expected) in request_faults(api) {
            app.simulator.inject_fault(NUMBER, fault.clone());
            let outcome = match about {
                About::Check => client.check(&request_id, &right).await,
                About::Cancel => client.cancel(&request_id).await,
                About::TriggerNextEvent => client.trigger_next_event(&request_id).await,
            };
            assert_eq!(outcome, Err(expected), "{api:?} {fault:?} on {about:?}");
        }
        assert_eq!(app.deliveries().len(), 1, "the faulty calls sent nothing");
    }
}

#[tokio::test]
async fn a_delay_longer_than_the_client_timeout_is_a_timeout_and_is_used_up() {
    for api in BOTH {
        let app = spawn().await;
        let impatient = app.client_with(api, SECRET, |settings| {
            settings.timeout = Duration::from_millis(50);
        });
        app.simulator
            .inject_fault(NUMBER, Fault::Delay(Duration::from_millis(200)));
        let outcome = start(&impatient).await;
        let expected = VerifyError::Unavailable(Unavailable::Timeout);
        assert_eq!(outcome, Err(expected), "{api:?}");
        let request_id = start(&impatient).await;
        assert!(request_id.is_ok(), "{api:?}: {request_id:?}");
    }
}
