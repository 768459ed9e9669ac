//! Joviam account-level operations against the reference's examples: public keys, regions
//! and performance tiers.

mod common;

use common::*;
use vpsclient::joviam::*;

const KEY: &str =
    "ssh-rsa AAAAB3NzaC......uL/jU95H sharon@sharons-desktop.local (example is truncated)";

/// Checks the example public key every public key operation answers with.
fn assert_example_key(key: &PublicKey) {
    assert_eq!(key.id, "afa7d08a-ef15-f46f-eed9-ab015431b906");
    assert_eq!(key.name, "Sharon's Desktop");
    assert_eq!(key.key, KEY);
    assert_eq!(key.updated_at.as_deref(), Some("2016-05-10T04:36:34.615Z"));
}

#[test]
fn public_keys_list() {
    let mut server = server();
    let fx = fixture("joviam", "public_keys.list");
    let mock = mock_joviam(&mut server, &fx);
    let keys = joviam(&server).public_keys().list().unwrap();
    mock.assert();
    assert_parsed(&keys, &fx);
    assert_eq!(keys.len(), 1);
    assert_example_key(&keys[0]);
}

#[test]
fn public_keys_get() {
    let mut server = server();
    let fx = fixture("joviam", "public_keys.get");
    let mock = mock_joviam(&mut server, &fx);
    let key = joviam(&server).public_keys().get(&fx.segment(1)).unwrap();
    mock.assert();
    assert_parsed(&key, &fx);
    assert_example_key(&key);
}

#[test]
fn public_keys_create() {
    let mut server = server();
    let fx = fixture("joviam", "public_keys.create");
    assert_eq!(fx.status, Some(201));
    let mock = mock_joviam(&mut server, &fx);
    let key = joviam(&server)
        .public_keys()
        .create(&CreatePublicKey::new("Sharon's Desktop", KEY))
        .unwrap();
    mock.assert();
    assert_parsed(&key, &fx);
    assert_example_key(&key);
}

#[test]
fn public_keys_update() {
    let mut server = server();
    let fx = fixture("joviam", "public_keys.update");
    let mock = mock_joviam(&mut server, &fx);
    let key = joviam(&server)
        .public_keys()
        .update(
            &fx.segment(1),
            &UpdatePublicKey {
                name: Some("Sharon's Desktop".into()),
            },
        )
        .unwrap();
    mock.assert();
    assert_parsed(&key, &fx);
    assert_example_key(&key);
}

#[test]
fn public_keys_delete() {
    let mut server = server();
    let fx = fixture("joviam", "public_keys.delete");
    assert_eq!(fx.response, Some(serde_json::json!({})));
    let mock = mock_joviam(&mut server, &fx);
    let () = joviam(&server)
        .public_keys()
        .delete(&fx.segment(1))
        .unwrap();
    mock.assert();
}

#[test]
fn regions_list() {
    let mut server = server();
    let fx = fixture("joviam", "regions.list");
    let mock = mock_joviam(&mut server, &fx);
    let regions = joviam(&server).regions().list().unwrap();
    mock.assert();
    assert_parsed(&regions, &fx);
    assert_eq!(regions.len(), 1);
    assert_eq!(regions[0].name, "AU East");
    assert_eq!(regions[0].code, "SY3");
}

#[test]
fn regions_get() {
    let mut server = server();
    let fx = fixture("joviam", "regions.get");
    let mock = mock_joviam(&mut server, &fx);
    let region = joviam(&server).regions().get(&fx.segment(1)).unwrap();
    mock.assert();
    assert_parsed(&region, &fx);
    assert_eq!(region.id, fx.segment(1));
    assert_eq!(region.code, "SY3");
}

#[test]
fn performance_tiers_list_instance() {
    let mut server = server();
    let fx = fixture("joviam", "performance_tiers.list_instance");
    let mock = mock_joviam(&mut server, &fx);
    let tiers = joviam(&server).performance_tiers().list_instance().unwrap();
    mock.assert();
    assert_parsed(&tiers, &fx);
    assert_eq!(tiers.len(), 1);
    assert_eq!(tiers[0].name, "Standard");
    assert_eq!(tiers[0].region.name, "AU East");
}

#[test]
fn performance_tiers_list_disk() {
    let mut server = server();
    let fx = fixture("joviam", "performance_tiers.list_disk");
    let mock = mock_joviam(&mut server, &fx);
    let tiers = joviam(&server).performance_tiers().list_disk().unwrap();
    mock.assert();
    assert_parsed(&tiers, &fx);
    assert_eq!(tiers[0].id, "9023fa53-fe2a-81b7-6904-7d28ae3e3d51");
    assert_eq!(tiers[0].region.code, "SY3");
}
