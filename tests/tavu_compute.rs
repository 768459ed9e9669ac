//! Tavu compute operations against the reference's examples: instances, their interfaces,
//! instance users and scripts, configurations and SSH keys.

mod common;

use common::*;
use vpsclient::tavu::*;

#[test]
fn instances_list() {
    let mut server = server();
    let fx = fixture("tavu", "instances.list");
    let mock = mock_tavu(&mut server, &fx);
    let instances = tavu(&server).instances().list().unwrap();
    mock.assert();
    assert_parsed(&instances, &fx);
    assert_eq!(instances.len(), 2);
    assert_eq!(instances[0].name, "API-instance-001");
    assert_eq!(
        instances[0].volumes[0]
            .attachment
            .as_ref()
            .unwrap()
            .mounted_at
            .as_deref(),
        Some("/dev/vdb")
    );
    assert_eq!(instances[1].ssh_key.as_deref(), Some("API-ssh-key-001"));
}

#[test]
fn instances_create() {
    let mut server = server();
    let fx = fixture("tavu", "instances.create");
    let mock = mock_tavu(&mut server, &fx);
    let created = tavu(&server)
        .instances()
        .create(&CreateInstance {
            ssh_keys: Some(vec!["API-ssh-key-001".into()]),
            disable_password: Some(false),
            networks: Some(vec![
                "165d4a26-2114-4a14-9e75-b865b48e2ce0".into(),
                "public".into(),
            ]),
            availability_zone_id: Some("b7061120-6fd4-409a-ab38-a8c669b69c99".into()),
            ..CreateInstance::new(
                "API-instance-001",
                "00ed37ab-7a47-45b3-9419-543a40b3c3f2",
                "6cb38035-1c37-453d-ab44-ce3ac54f6ce5",
            )
        })
        .unwrap();
    mock.assert();
    assert_parsed(&created, &fx);
    assert_eq!(created.status, "building");
    assert_eq!(created.password.as_deref(), Some("ycpzdhf5"));
    assert_eq!(created.username.as_deref(), Some("ubuntu"));
}

#[test]
fn instances_start() {
    let mut server = server();
    let fx = fixture("tavu", "instances.start");
    let mock = mock_tavu(&mut server, &fx);
    tavu(&server).instances().start(&fx.segment(3)).unwrap();
    mock.assert();
}
