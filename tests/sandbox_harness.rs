//! The sandbox as a test harness for code built on vpsclient: injected faults (status, latency,
//! resets, stalls; counted or seeded), the request journal, and how both meet the clients'
//! retry rules and the rate limit.
#![cfg(feature = "sandbox")]

use std::time::{Duration, Instant};

use vpsclient::sandbox::{Fault, Sandbox};
use vpsclient::tavu::CreateNetwork;
use vpsclient::{Error, TavuClient};

const NETWORKS: &str = "/networking/v1/networks";

fn tavu(sandbox: &Sandbox, retries: u32) -> TavuClient {
    sandbox
        .tavu_client_builder()
        .max_retries(retries)
        .build()
        .unwrap()
}

fn statuses(sandbox: &Sandbox) -> Vec<Option<u16>> {
    sandbox.requests().iter().map(|r| r.status).collect()
}

#[test]
fn a_status_fault_fails_the_next_create_only_and_the_journal_shows_both_posts() {
    let sandbox = Sandbox::start().unwrap();
    let tavu = tavu(&sandbox, 2);
    sandbox.inject_fault(Fault::new("tavu", "POST", NETWORKS).status(503).times(1));
    let err = tavu
        .networks()
        .create(&CreateNetwork::new("lab"))
        .unwrap_err();
    let Error::Server(api) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(api.status, 503);
    assert_eq!(api.message, "injected fault: 503");
    assert!(!err.is_retryable(), "a POST is never repeated");
    tavu.networks().create(&CreateNetwork::new("lab")).unwrap();
    assert!(sandbox.faults().is_empty(), "a used-up fault goes away");
    let posts: Vec<_> = sandbox
        .requests()
        .into_iter()
        .filter(|r| r.method == "POST")
        .collect();
    assert_eq!(posts.len(), 2);
    assert_eq!(posts[0].provider, "tavu");
    assert_eq!(posts[0].path, NETWORKS);
    assert_eq!(
        posts[0].body,
        Some(serde_json::json!({"network": {"name": "lab"}}))
    );
    assert_eq!((posts[0].status, posts[1].status), (Some(503), Some(200)));
    assert_eq!(tavu.networks().list().unwrap().len(), 1);
    sandbox.clear_requests();
    assert!(sandbox.requests().is_empty());
}

#[test]
fn a_get_is_retried_past_a_503_and_a_reset() {
    let sandbox = Sandbox::start().unwrap();
    let tavu = tavu(&sandbox, 2);
    sandbox.inject_fault(Fault::new("tavu", "GET", NETWORKS).status(503).times(1));
    assert!(tavu.networks().list().unwrap().is_empty());
    assert_eq!(statuses(&sandbox), [Some(503), Some(200)]);
    sandbox.clear_requests();
    sandbox.inject_fault(
        Fault::new("tavu", "GET", NETWORKS)
            .reset_before_answer()
            .times(1),
    );
    assert!(tavu.networks().list().unwrap().is_empty());
    assert_eq!(statuses(&sandbox), [None, Some(200)]);
}

#[test]
fn a_reset_before_the_answer_loses_the_request_and_one_during_it_does_not() {
    let sandbox = Sandbox::start().unwrap();
    let tavu = tavu(&sandbox, 2);
    sandbox.inject_fault(
        Fault::new("tavu", "POST", NETWORKS)
            .reset_before_answer()
            .times(1),
    );
    let err = tavu
        .networks()
        .create(&CreateNetwork::new("lost"))
        .unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert!(tavu.networks().list().unwrap().is_empty());
    sandbox.inject_fault(
        Fault::new("tavu", "POST", NETWORKS)
            .reset_during_answer()
            .times(1),
    );
    let err = tavu
        .networks()
        .create(&CreateNetwork::new("made"))
        .unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    let names: Vec<_> = tavu
        .networks()
        .list()
        .unwrap()
        .into_iter()
        .map(|n| n.name)
        .collect();
    assert_eq!(
        names,
        ["made"],
        "the create was carried out before the reset"
    );
    let posts = sandbox.requests();
    assert_eq!(posts.iter().filter(|r| r.method == "POST").count(), 2);
}

#[test]
fn a_stall_runs_past_the_clients_timeout_and_latency_delays_the_answer() {
    let sandbox = Sandbox::start().unwrap();
    let impatient = sandbox
        .tavu_client_builder()
        .timeout(Duration::from_millis(300))
        .max_retries(0)
        .build()
        .unwrap();
    sandbox.inject_fault(
        Fault::new("tavu", "GET", "/compute/v1/*")
            .stall(Duration::from_secs(30))
            .times(1),
    );
    let started = Instant::now();
    let err = impatient.instances().list().unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(5));
    sandbox.inject_fault(
        Fault::new("tavu", "GET", "/compute/v1/instances")
            .latency(Duration::from_millis(150))
            .times(1),
    );
    let started = Instant::now();
    assert!(impatient.instances().list().unwrap().is_empty());
    assert!(started.elapsed() >= Duration::from_millis(150));
}

#[test]
fn a_429_fault_carries_retry_after_in_joviams_format() {
    let sandbox = Sandbox::start().unwrap();
    let joviam = sandbox
        .joviam_client_builder()
        .max_retries(0)
        .build()
        .unwrap();
    sandbox.inject_fault(Fault::new("joviam", "*", "/**").status(429).times(1));
    let err = joviam.regions().list().unwrap_err();
    let Error::RateLimit(api) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(api.code.as_deref(), Some("rate_limited"));
    assert_eq!(api.retry_after, Some(Duration::from_secs(1)));
    assert_eq!(joviam.regions().list().unwrap().len(), 1);
}

#[test]
fn seeded_probabilities_fault_the_same_requests_every_run() {
    let run = |seed| {
        let sandbox = Sandbox::builder()
            .fault(
                Fault::new("*", "GET", "/**")
                    .status(500)
                    .probability(0.3, seed),
            )
            .start()
            .unwrap();
        let tavu = tavu(&sandbox, 0);
        (0..40)
            .map(|_| tavu.configurations().list().is_ok())
            .collect::<Vec<_>>()
    };
    let first = run(42);
    assert_eq!(first, run(42));
    assert_ne!(first, run(43));
    let failed = first.iter().filter(|ok| !**ok).count();
    assert!((4..=20).contains(&failed), "{failed} of 40 failed");
}

#[test]
fn faults_compose_with_the_rate_limit() {
    let sandbox = Sandbox::builder()
        .rate_limit(3)
        .fault(Fault::new("tavu", "*", "/**").status(500))
        .start()
        .unwrap();
    let tavu = tavu(&sandbox, 0);
    for _ in 0..5 {
        let _ = tavu.configurations().list();
    }
    assert_eq!(
        statuses(&sandbox),
        [Some(500), Some(500), Some(500), Some(429), Some(429)]
    );
}

#[test]
fn the_journal_never_holds_a_credential() {
    let sandbox = Sandbox::builder()
        .tavu_key("tavu-secret-key")
        .joviam_token("joviam-secret-token")
        .start()
        .unwrap();
    sandbox.tavu_client().unwrap().ssh_keys().list().unwrap();
    sandbox.joviam_client().unwrap().disks().list().unwrap();
    let wrong = TavuClient::builder()
        .api_key("wrong-key")
        .base_url(sandbox.tavu_base_url())
        .build()
        .unwrap();
    let _ = wrong.ssh_keys().list();
    let journal = sandbox.requests();
    assert_eq!(journal.len(), 3);
    assert_eq!(journal[2].status, Some(401));
    let text = format!("{journal:?}") + &serde_json::to_string(&journal).unwrap();
    for secret in ["tavu-secret-key", "joviam-secret-token", "wrong-key"] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
}

#[test]
fn an_exported_state_starts_another_sandbox_with_the_same_world() {
    use vpsclient::tavu::CreateInstance;
    let first = Sandbox::builder()
        .build_delay(Duration::ZERO)
        .start()
        .unwrap();
    let tavu = first.tavu_client().unwrap();
    for name in ["a", "b", "c"] {
        tavu.networks().create(&CreateNetwork::new(name)).unwrap();
    }
    let image = tavu.operating_systems().list().unwrap()[0].id.clone();
    let config = tavu.configurations().list().unwrap()[0].id.clone();
    for i in 0..200 {
        tavu.instances()
            .create(&CreateInstance {
                networks: Some(vec!["public".into()]),
                ..CreateInstance::new(format!("web-{i}"), image.clone(), config.clone())
            })
            .unwrap();
    }
    let joviam = first.joviam_client().unwrap();
    let disks_before = joviam.disks().list().unwrap();
    // Saved as text and read back, as a test suite would keep it in a file.
    let saved = serde_json::to_string(&first.export_state()).unwrap();
    let state: serde_json::Value = serde_json::from_str(&saved).unwrap();
    assert_eq!(state["format"], "vpsclient-sandbox-state");
    assert_eq!(state["version"], 1);
    let started = Instant::now();
    let second = Sandbox::builder().state(state.clone()).start().unwrap();
    let loaded_in = started.elapsed();
    let copy = second.tavu_client().unwrap();
    assert_eq!(
        copy.networks().list().unwrap(),
        tavu.networks().list().unwrap()
    );
    let instances = copy.instances().list().unwrap();
    assert_eq!(instances.len(), 200);
    assert_eq!(instances, tavu.instances().list().unwrap());
    assert!(instances.iter().all(|i| i.status == "active"));
    assert_eq!(
        second.joviam_client().unwrap().disks().list().unwrap(),
        disks_before
    );
    // The copy lives on its own: a change there is not seen in the original.
    copy.networks().delete(&instances_network(&copy)).unwrap();
    assert_eq!(tavu.networks().list().unwrap().len(), 3);
    assert_eq!(copy.networks().list().unwrap().len(), 2);
    println!("a state with 3 networks and 200 instances loads in {loaded_in:?}");
    assert!(second.requests().iter().all(|r| r.status == Some(200)));
}

fn instances_network(tavu: &TavuClient) -> String {
    tavu.networks().list().unwrap()[0].id.clone()
}

#[test]
fn work_in_progress_carries_over_and_bad_states_are_refused() {
    use vpsclient::tavu::CreateVolume;
    let first = Sandbox::builder()
        .build_delay(Duration::from_millis(300))
        .start()
        .unwrap();
    let volume = first
        .tavu_client()
        .unwrap()
        .volumes()
        .create(&CreateVolume::new(10u64, "data"))
        .unwrap();
    assert_eq!(volume.status, "creating");
    let second = Sandbox::builder()
        .state(first.export_state())
        .start()
        .unwrap();
    let tavu = second.tavu_client().unwrap();
    assert_eq!(tavu.volumes().get(&volume.id).unwrap().status, "creating");
    std::thread::sleep(Duration::from_millis(400));
    assert_eq!(tavu.volumes().get(&volume.id).unwrap().status, "available");

    let mut later = first.export_state();
    later["version"] = 99.into();
    let refuse =
        |state: serde_json::Value| match Sandbox::builder().state(state).start().unwrap_err() {
            Error::Config(message) => message,
            other => panic!("{other:?}"),
        };
    assert!(refuse(later).contains("version 99"));
    assert!(refuse(serde_json::json!([1, 2])).contains("not a JSON object"));
    assert!(refuse(serde_json::json!({"version": 1})).contains("format"));
    let mut broken = first.export_state();
    broken["tavu"]["networks"] = serde_json::json!("not a list");
    assert!(refuse(broken).contains("tavu.networks"));
}

#[test]
fn a_fault_for_a_declared_operation_takes_its_method_and_path_from_the_declaration() {
    let sandbox = Sandbox::start().unwrap();
    let tavu = tavu(&sandbox, 0);
    let fault = Fault::operation("tavu", "networks.update").unwrap();
    assert_eq!(
        (fault.method(), fault.path()),
        ("PATCH", "/networking/v1/networks/*")
    );
    sandbox.inject_fault(fault.status(500).times(1));
    let network = tavu.networks().create(&CreateNetwork::new("lab")).unwrap();
    let update = vpsclient::tavu::UpdateNetwork {
        name: Some("lab2".into()),
        ..Default::default()
    };
    let err = tavu.networks().update(&network.id, &update).unwrap_err();
    assert!(
        matches!(&err, Error::Server(api) if api.status == 500),
        "{err:?}"
    );
    tavu.networks().update(&network.id, &update).unwrap();

    for (provider, operation) in [
        ("tavu", "networks.frobnicate"),
        ("tavu", "networks"),
        ("joviam", "networks.create_subnet"),
        ("*", "networks.create"),
    ] {
        let err = Fault::operation(provider, operation).unwrap_err();
        assert!(
            matches!(&err, Error::InvalidArgument(m) if m.contains(provider) || m.contains(operation)),
            "{provider} {operation}: {err:?}"
        );
    }
}
