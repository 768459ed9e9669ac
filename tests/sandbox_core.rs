//! The sandbox's shared behaviour: it serves both APIs on loopback, checks credentials,
//! rate-limits when asked, and stops cleanly.
#![cfg(feature = "sandbox")]

use std::time::Duration;

use vpsclient::sandbox::Sandbox;
use vpsclient::{Error, JoviamClient, TavuClient};

#[test]
fn wrong_credentials_get_401_in_each_providers_format() {
    let sandbox = Sandbox::start().unwrap();
    let tavu = TavuClient::builder()
        .api_key("wrong")
        .base_url(sandbox.tavu_base_url())
        .build()
        .unwrap();
    let err = tavu.instances().list().unwrap_err();
    assert!(matches!(err, Error::Authentication(_)), "{err:?}");
    let joviam = JoviamClient::builder()
        .token("wrong")
        .base_url(sandbox.joviam_base_url())
        .build()
        .unwrap();
    let err = joviam.instances().list().unwrap_err();
    let Error::Authentication(api) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(api.code.as_deref(), Some("invalid_token"));
}

#[test]
fn the_rate_limit_answers_429_with_retry_after() {
    let sandbox = Sandbox::builder().rate_limit(3).start().unwrap();
    let tavu = TavuClient::builder()
        .api_key(sandbox.tavu_key())
        .base_url(sandbox.tavu_base_url())
        .max_retries(0)
        .build()
        .unwrap();
    let outcomes: Vec<_> = (0..5).map(|_| tavu.configurations().list()).collect();
    let limited = outcomes
        .iter()
        .filter(|r| matches!(r, Err(Error::RateLimit(_))))
        .count();
    assert_eq!(limited, 2, "{outcomes:?}");
    let Some(Err(Error::RateLimit(api))) = outcomes.last() else {
        panic!()
    };
    assert_eq!(api.retry_after, Some(Duration::from_secs(1)));
}

#[test]
fn unknown_paths_are_404_and_the_sandbox_stops() {
    let sandbox = Sandbox::start().unwrap();
    let url = sandbox.url().to_owned();
    let tavu = sandbox.tavu_client().unwrap();
    let err = tavu.instances().get("no-such-instance").unwrap_err();
    assert!(matches!(err, Error::NotFound(_)), "{err:?}");
    sandbox.stop();
    let after = TavuClient::builder()
        .api_key("k")
        .base_url(format!("{url}/tavu"))
        .max_retries(0)
        .build()
        .unwrap();
    assert!(matches!(
        after.instances().list().unwrap_err(),
        Error::Transport { .. }
    ));
}
