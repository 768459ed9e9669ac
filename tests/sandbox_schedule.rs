//! The shared scheduler keeps the saved-state layout of version 1: each world's `pending` is a
//! list of entries with `due_in_ms`, Tavu's with the `change`, Joviam's with the object's `id`
//! and the `event`; and a loaded state's transitions still happen.
#![cfg(feature = "sandbox")]

use std::time::Duration;

use vpsclient::joviam::CreateNetwork as JoviamNetwork;
use vpsclient::sandbox::Sandbox;
use vpsclient::tavu::CreateVolume;

#[test]
fn pending_transitions_keep_their_saved_layout_and_resume_after_loading() {
    let sandbox = Sandbox::builder()
        .build_delay(Duration::from_millis(300))
        .start()
        .unwrap();
    let tavu = sandbox.tavu_client().unwrap();
    let volume = tavu
        .volumes()
        .create(&CreateVolume::new(10u64, "data"))
        .unwrap();
    let joviam = sandbox.joviam_client().unwrap();
    let region = joviam.regions().list().unwrap()[0].id.clone();
    let network = joviam
        .networks()
        .create(&JoviamNetwork::new(
            Some("lab".to_owned()),
            region,
            "10.0.0.0/24",
        ))
        .unwrap();
    joviam.networks().delete(&network.id).unwrap();

    let state = sandbox.export_state();
    let tavu_pending = state["tavu"]["pending"].as_array().unwrap();
    assert_eq!(tavu_pending.len(), 1, "{state:#}");
    let entry = tavu_pending[0].as_object().unwrap();
    let mut keys: Vec<&str> = entry.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["change", "due_in_ms"]);
    assert_eq!(entry["change"]["kind"], "volume");
    assert_eq!(entry["change"]["id"], volume.id.as_str());

    let joviam_pending = state["joviam"]["pending"].as_array().unwrap();
    assert_eq!(joviam_pending.len(), 1, "{state:#}");
    let entry = joviam_pending[0].as_object().unwrap();
    let mut keys: Vec<&str> = entry.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["due_in_ms", "event", "id"]);
    assert_eq!(entry["event"], "network_gone");
    assert_eq!(entry["id"], network.id.as_str());

    let second = Sandbox::builder().state(state).start().unwrap();
    std::thread::sleep(Duration::from_millis(500));
    let tavu = second.tavu_client().unwrap();
    assert_eq!(tavu.volumes().get(&volume.id).unwrap().status, "available");
    let joviam = second.joviam_client().unwrap();
    assert!(joviam.networks().get(&network.id).is_err());
}
