//! Tavu compute operations against the reference's examples: instances, their interfaces,
//! instance users and scripts, configurations and SSH keys.

mod common;

use common::*;
use vpsclient::tavu::*;

// ---- instances ----

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
fn instances_get() {
    let mut server = server();
    let fx = fixture("tavu", "instances.get");
    let mock = mock_tavu(&mut server, &fx);
    let instance = tavu(&server)
        .instances()
        .get("1c06dd09-966b-4ea7-abf1-243b2a447c60")
        .unwrap();
    mock.assert();
    assert_parsed(&instance, &fx);
    assert_eq!(instance.id, "1c06dd09-966b-4ea7-abf1-243b2a447c60");
    assert_eq!(instance.status, "active");
    assert_eq!(instance.ssh_key, None);
    assert_eq!(
        instance
            .availability_zone
            .as_ref()
            .unwrap()
            .region
            .as_deref(),
        Some("Ulvila")
    );
    assert_eq!(instance.security_groups[1].name, "API-security-group-001");
    assert_eq!(
        instance.ports[0].ip_allocations[0].ip_address,
        "192.168.1.13"
    );
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
fn instances_update() {
    let mut server = server();
    let fx = fixture("tavu", "instances.update");
    let mock = mock_tavu(&mut server, &fx);
    let updated = tavu(&server)
        .instances()
        .update(
            "21af330a-3f01-4afc-8359-62661666a2e0",
            &UpdateInstance {
                name: Some("Instance-001".into()),
            },
        )
        .unwrap();
    mock.assert();
    assert_parsed(&updated, &fx);
    assert_eq!(updated.id, "21af330a-3f01-4afc-8359-62661666a2e0");
    assert_eq!(updated.name, "Instance-001");
    let rules = &updated.security_groups[0].rules;
    assert_eq!(rules.len(), 5);
    assert_eq!(rules[0].direction, "egress");
    assert_eq!(rules[0].ethertype.as_deref(), Some("IPv6"));
}

#[test]
fn instances_delete() {
    let mut server = server();
    let fx = fixture("tavu", "instances.delete");
    let mock = mock_tavu(&mut server, &fx);
    let () = tavu(&server)
        .instances()
        .delete("9ad22189-fb8d-499b-b012-c32baca2bec2")
        .unwrap();
    mock.assert();
}

#[test]
fn instances_start() {
    let mut server = server();
    let fx = fixture("tavu", "instances.start");
    let mock = mock_tavu(&mut server, &fx);
    let () = tavu(&server).instances().start(&fx.segment(3)).unwrap();
    mock.assert();
}

#[test]
fn instances_stop() {
    let mut server = server();
    let fx = fixture("tavu", "instances.stop");
    let mock = mock_tavu(&mut server, &fx);
    let () = tavu(&server).instances().stop(&fx.segment(3)).unwrap();
    mock.assert();
}

#[test]
fn instances_reboot() {
    let mut server = server();
    let fx = fixture("tavu", "instances.reboot");
    let mock = mock_tavu(&mut server, &fx);
    let () = tavu(&server).instances().reboot(&fx.segment(3)).unwrap();
    mock.assert();
}

#[test]
fn instances_force_reboot() {
    let mut server = server();
    let fx = fixture("tavu", "instances.force_reboot");
    let mock = mock_tavu(&mut server, &fx);
    let () = tavu(&server)
        .instances()
        .force_reboot(&fx.segment(3))
        .unwrap();
    mock.assert();
}

#[test]
fn instances_resize() {
    let mut server = server();
    let fx = fixture("tavu", "instances.resize");
    let mock = mock_tavu(&mut server, &fx);
    let () = tavu(&server)
        .instances()
        .resize(
            "3dcc547c-457b-42fb-855d-a90b5334c41c",
            &ResizeInstance::new("0df068bc-21fb-4b77-8efb-9f39ede79d63"),
        )
        .unwrap();
    mock.assert();
}

#[test]
fn instances_confirm_resize() {
    let mut server = server();
    let fx = fixture("tavu", "instances.confirm_resize");
    let mock = mock_tavu(&mut server, &fx);
    let () = tavu(&server)
        .instances()
        .confirm_resize(&fx.segment(3))
        .unwrap();
    mock.assert();
}

#[test]
fn instances_revert_resize() {
    let mut server = server();
    let fx = fixture("tavu", "instances.revert_resize");
    let mock = mock_tavu(&mut server, &fx);
    let () = tavu(&server)
        .instances()
        .revert_resize(&fx.segment(3))
        .unwrap();
    mock.assert();
}

#[test]
fn instances_rebuild() {
    let mut server = server();
    let fx = fixture("tavu", "instances.rebuild");
    let mock = mock_tavu(&mut server, &fx);
    let rebuilt = tavu(&server)
        .instances()
        .rebuild(
            "3dcc547c-457b-42fb-855d-a90b5334c41c",
            &RebuildInstance {
                name: Some("Instance-1".into()),
                ..RebuildInstance::new("00ed37ab-7a47-45b3-9419-543a40b3c3f2")
            },
        )
        .unwrap();
    mock.assert();
    assert_parsed(&rebuilt, &fx);
    assert_eq!(rebuilt.name, "Instance-1");
    assert_eq!(rebuilt.password.as_deref(), Some("VkFBtuK6"));
    assert_eq!(
        rebuilt.configuration.as_ref().unwrap().id,
        "0df068bc-21fb-4b77-8efb-9f39ede79d63"
    );
}

// ---- instance_interfaces ----

#[test]
fn instance_interfaces_list() {
    let mut server = server();
    let fx = fixture("tavu", "instance_interfaces.list");
    let mock = mock_tavu(&mut server, &fx);
    let ports = tavu(&server)
        .instance_interfaces()
        .list("cb9a2e15-2d5a-446e-ab1e-ec071ae126d1")
        .unwrap();
    mock.assert();
    assert_parsed(&ports, &fx);
    assert_eq!(ports.len(), 1);
    assert_eq!(ports[0].id, "9fb57a9b-1b0e-45de-863e-73373ebff4d4");
    assert_eq!(ports[0].ip_allocations[0].ip_address, "192.168.255.44");
}

#[test]
fn instance_interfaces_get() {
    let mut server = server();
    let fx = fixture("tavu", "instance_interfaces.get");
    let mock = mock_tavu(&mut server, &fx);
    let port = tavu(&server)
        .instance_interfaces()
        .get(
            "19b1fa7a-7f5e-4806-8b6a-04472e46c3ba",
            "9fb57a9b-1b0e-45de-863e-73373ebff4d4",
        )
        .unwrap();
    mock.assert();
    assert_parsed(&port, &fx);
    assert_eq!(port.id, "9fb57a9b-1b0e-45de-863e-73373ebff4d4");
    assert_eq!(port.mac_address.as_deref(), Some("fa:16:3e:cf:e0:b8"));
    assert_eq!(port.device_owner.as_deref(), Some("compute:None"));
}

#[test]
fn instance_interfaces_create() {
    let mut server = server();
    let fx = fixture("tavu", "instance_interfaces.create");
    let mock = mock_tavu(&mut server, &fx);
    let port = tavu(&server)
        .instance_interfaces()
        .create(
            "19b1fa7a-7f5e-4806-8b6a-04472e46c3ba",
            &CreateInstanceInterface::new("165d4a26-2114-4a14-9e75-b865b48e2ce0"),
        )
        .unwrap();
    mock.assert();
    assert_parsed(&port, &fx);
    assert_eq!(port.id, "6421a7c1-156f-4e03-94c8-c844cc22eeef");
    assert_eq!(port.status.as_deref(), Some("DOWN"));
    assert_eq!(port.ip_allocations.len(), 2);
    assert_eq!(port.ip_allocations[1].ip_address, "abc0::7");
}

#[test]
fn instance_interfaces_delete() {
    let mut server = server();
    let fx = fixture("tavu", "instance_interfaces.delete");
    let mock = mock_tavu(&mut server, &fx);
    let () = tavu(&server)
        .instance_interfaces()
        .delete(
            "19b1fa7a-7f5e-4806-8b6a-04472e46c3ba",
            "6421a7c1-156f-4e03-94c8-c844cc22eeef",
        )
        .unwrap();
    mock.assert();
}

// ---- instance_users ----

#[test]
fn instance_users_list() {
    let mut server = server();
    let fx = fixture("tavu", "instance_users.list");
    let mock = mock_tavu(&mut server, &fx);
    let users = tavu(&server).instance_users().list().unwrap();
    mock.assert();
    assert_parsed(&users, &fx);
    assert_eq!(users.len(), 2);
    assert_eq!(users[0].id, 15);
    assert_eq!(users[1].username, "my-instance-user-2");
    assert_eq!(users[1].ssh_keys[0].name, "my-ssh-key-1");
}

#[test]
fn instance_users_get() {
    let mut server = server();
    let fx = fixture("tavu", "instance_users.get");
    let mock = mock_tavu(&mut server, &fx);
    let user = tavu(&server).instance_users().get(15).unwrap();
    mock.assert();
    assert_parsed(&user, &fx);
    assert_eq!(user.id, 15);
    assert_eq!(user.username, "my-instance-user-1");
    assert_eq!(user.disable_password, Some(false));
    assert_eq!(
        user.ssh_keys[1].fingerprint.as_deref(),
        Some("dc:d4:b6:59:ba:15:14:f2:cb:4b:ab:32:ef:a4:3d:55")
    );
}

#[test]
fn instance_users_create() {
    let mut server = server();
    let fx = fixture("tavu", "instance_users.create");
    let mock = mock_tavu(&mut server, &fx);
    let user = tavu(&server)
        .instance_users()
        .create(&CreateInstanceUser {
            disable_password: Some(false),
            password: Some("my-password".into()),
            password_confirmation: Some("my-password".into()),
            ssh_keys: Some(vec!["my-ssh-key-1".into(), "my-ssh-key-2".into()]),
            ..CreateInstanceUser::new("my-instance-user-1")
        })
        .unwrap();
    mock.assert();
    assert_parsed(&user, &fx);
    assert_eq!(user.id, 15);
    assert_eq!(user.username, "my-instance-user-1");
    assert_eq!(user.ssh_keys.len(), 2);
    assert_eq!(user.created_at.as_deref(), Some("2018-04-25T09:42:26.410Z"));
}

#[test]
fn instance_users_update() {
    let mut server = server();
    let fx = fixture("tavu", "instance_users.update");
    let mock = mock_tavu(&mut server, &fx);
    let user = tavu(&server)
        .instance_users()
        .update(15, &UpdateInstanceUser::new("new-username"))
        .unwrap();
    mock.assert();
    assert_parsed(&user, &fx);
    assert_eq!(user.id, 15);
    assert_eq!(user.username, "new-username");
    assert_eq!(user.ssh_keys[0].name, "my-ssh-key-1");
}

#[test]
fn instance_users_delete() {
    let mut server = server();
    let fx = fixture("tavu", "instance_users.delete");
    let mock = mock_tavu(&mut server, &fx);
    let () = tavu(&server).instance_users().delete(15).unwrap();
    mock.assert();
}

// ---- instance_scripts ----

/// The script of every example: strict Base64 of a cloud-config.
const EXAMPLE_SCRIPT: &str = "I2Nsb3VkLWNvbmZpZw0KLS0tDQp1c2VyczoNCi0gbmFtZTogbXl1c2VyMg0KICBzdWRvOiBBTEw9KEFMTCkgTk9QQVNTV0Q6QUxMDQogIHNoZWxsOiAiL2Jpbi9iYXNoIg0KICBzc2gtYXV0aG9yaXplZC1rZXlzOg0KICAtIHNzaC1yc2EgQUFBQUIzTnphQzF5YzJFQUFBQURBUUFCQUFBQkFRQzZudTBVUmtoK0xKdTNGQ3RjakNRSDVEL29ibHIreGUzL1BVWUVKZXdvWWs4V08vc2xBVFN1Q3JJMHZGT2VGakd6NitLcDFkRVdYM0pudWkrKzNHNXdkeXA5VHlYeUNlMmF5dTErcUpOVWxJeUhMUXpyK0hJNjhza0l4Y1hLeVZ4UGZ6YlBiWXJ0d0VxazJiN2JlQ3NPRWUzNlNFUGhMNHVhaUh5eFRnWnBaTEI5TDdsaUxhZVBBNVZ5SFAxdW9Mbkx5R0JxZEFZZXBIaEZqOXNCQ0FWVmY0N1hSYVF3dXZzYjRYVHdZNDdLRTVwUktYck5DdGNobGtMUVo1cS8zOTFCQ1VpWW1qV0FkNUwveW00NnhlL3hwZUh5N2x1WDFMUCthTDlRd1Z6M0VYYTMzQlRlUk1CaERpV2RMdExvM3NJbVBsZVg5ZktZWk1CS1o4dlVJTTBEDQogICAgR2VuZXJhdGVkLWJ5LU5vdmENCg==";

#[test]
fn instance_scripts_list() {
    let mut server = server();
    let fx = fixture("tavu", "instance_scripts.list");
    let mock = mock_tavu(&mut server, &fx);
    let scripts = tavu(&server).instance_scripts().list().unwrap();
    mock.assert();
    assert_parsed(&scripts, &fx);
    assert_eq!(scripts.len(), 1);
    assert_eq!(scripts[0].id, 76);
    assert_eq!(scripts[0].name, "my-instance-script-1");
}

#[test]
fn instance_scripts_get() {
    let mut server = server();
    let fx = fixture("tavu", "instance_scripts.get");
    let mock = mock_tavu(&mut server, &fx);
    let script = tavu(&server).instance_scripts().get(15).unwrap();
    mock.assert();
    assert_parsed(&script, &fx);
    // The example asks for 15 and answers 76, as the reference shows it.
    assert_eq!(script.id, 76);
    assert_eq!(
        script.description.as_deref(),
        Some("A script that sets up my user how I want it.")
    );
    assert_eq!(script.script.as_deref(), Some(EXAMPLE_SCRIPT));
}

#[test]
fn instance_scripts_create() {
    let mut server = server();
    let fx = fixture("tavu", "instance_scripts.create");
    let mock = mock_tavu(&mut server, &fx);
    let script = tavu(&server)
        .instance_scripts()
        .create(&CreateInstanceScript {
            description: Some("A script that sets up my user how I want it.".into()),
            ..CreateInstanceScript::new("my-instance-script-1", EXAMPLE_SCRIPT)
        })
        .unwrap();
    mock.assert();
    assert_parsed(&script, &fx);
    assert_eq!(script.id, 76);
    assert_eq!(script.name, "my-instance-script-1");
    assert_eq!(
        script.created_at.as_deref(),
        Some("2018-05-04T12:54:45.846Z")
    );
}

#[test]
fn instance_scripts_update() {
    let mut server = server();
    let mut fx = fixture("tavu", "instance_scripts.update");
    // The reference contradicts itself here: its parameter table (and so the API surface,
    // `update(id, name, script, description=)`) requires `script` on every update, while its
    // example request renames the script and sends only the name. We follow the table, so the
    // exact body expected is the example's plus the script.
    fx.request.as_mut().unwrap()["instance_script"]["script"] = EXAMPLE_SCRIPT.into();
    let mock = mock_tavu(&mut server, &fx);
    let script = tavu(&server)
        .instance_scripts()
        .update(
            76,
            &UpdateInstanceScript::new("new-script-name", EXAMPLE_SCRIPT),
        )
        .unwrap();
    mock.assert();
    assert_parsed(&script, &fx);
    assert_eq!(script.id, 76);
    assert_eq!(script.name, "new-script-name");
    assert_eq!(script.script.as_deref(), Some(EXAMPLE_SCRIPT));
}

#[test]
fn instance_scripts_delete() {
    let mut server = server();
    let fx = fixture("tavu", "instance_scripts.delete");
    let mock = mock_tavu(&mut server, &fx);
    let () = tavu(&server).instance_scripts().delete(76).unwrap();
    mock.assert();
}

// ---- configurations ----

#[test]
fn configurations_list() {
    let mut server = server();
    let fx = fixture("tavu", "configurations.list");
    let mock = mock_tavu(&mut server, &fx);
    let configurations = tavu(&server).configurations().list().unwrap();
    mock.assert();
    assert_parsed(&configurations, &fx);
    assert_eq!(configurations.len(), 5);
    assert_eq!(configurations[0].id, "6cb38035-1c37-453d-ab44-ce3ac54f6ce5");
    assert_eq!(configurations[0].cpu, 2);
    assert_eq!(configurations[0].ram, 1024);
    assert_eq!(configurations[4].disk_type.as_deref(), Some("nvme"));
    assert_eq!(configurations[4].bandwidth.as_deref(), Some("10000.0"));
    assert_eq!(configurations[4].availability_zones[0].number, Some(1));
}

// ---- ssh_keys ----

#[test]
fn ssh_keys_list() {
    let mut server = server();
    let fx = fixture("tavu", "ssh_keys.list");
    let mock = mock_tavu(&mut server, &fx);
    let keys = tavu(&server).ssh_keys().list().unwrap();
    mock.assert();
    assert_parsed(&keys, &fx);
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[0].name, "API-ssh-key-001");
    assert_eq!(
        keys[1].fingerprint.as_deref(),
        Some("b8:8d:df:a1:79:7f:c1:f9:d7:08:99:4e:2b:cd:96:84")
    );
    assert_eq!(keys[0].private_key, None);
}

#[test]
fn ssh_keys_get() {
    let mut server = server();
    let fx = fixture("tavu", "ssh_keys.get");
    let mock = mock_tavu(&mut server, &fx);
    let key = tavu(&server).ssh_keys().get("API-ssh-key-001").unwrap();
    mock.assert();
    assert_parsed(&key, &fx);
    assert_eq!(key.name, "API-ssh-key-001");
    assert_eq!(
        key.created_at.as_deref(),
        Some("2017-11-16T13:24:14.000+00:00")
    );
    assert!(key
        .public_key
        .as_deref()
        .unwrap()
        .starts_with("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC5Pa2H"));
}

/// The public key the create example imports.
const PUBLIC_KEY: &str = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQD1rrUa4dv6R8MUsD7jGTYYMrRrmGrjCI2+qE6Hp63Wgz4wjJ1RErE8Ja2BhtAPnS5ITjPdezYMGp8jzSC6MBJWzbSimktIcWARAV5OrarEp/XW9NzCDgpl60t8/S4snZ+Si4te42t0maS000kyJaCIpTLJpfftpu8DwuljotaLIT00G9S3uabuj2jQY8ymf9HjL8SysLOg+6qdeahx5RlxT4+A5mENljxFC1+QXAGoqNB8G91LEVd/JVD0lt0g53epUb2uzvtQ6q6lGyY7wmgSHQHiBXO2o+03FOojeaKLD3o2vNMdgwVUamW8gLnoreaZMS+AG+r/d/w9555oxPdb Generated-by-Nova";

#[test]
fn ssh_keys_create() {
    let mut server = server();
    let fx = fixture("tavu", "ssh_keys.create");
    let mock = mock_tavu(&mut server, &fx);
    let key = tavu(&server)
        .ssh_keys()
        .create(&CreateSshKey {
            public_key: Some(PUBLIC_KEY.into()),
            ..CreateSshKey::new("API-ssh-key-003")
        })
        .unwrap();
    mock.assert();
    assert_parsed(&key, &fx);
    assert_eq!(key.name, "API-ssh-key-003");
    assert_eq!(
        key.fingerprint.as_deref(),
        Some("52:8e:92:82:d2:81:88:20:b4:f8:63:56:47:ae:20:35")
    );
    assert_eq!(key.public_key.as_deref(), Some(PUBLIC_KEY));
    assert_eq!(key.private_key, None);
}

#[test]
fn ssh_keys_delete() {
    let mut server = server();
    let fx = fixture("tavu", "ssh_keys.delete");
    let mock = mock_tavu(&mut server, &fx);
    let () = tavu(&server).ssh_keys().delete("API-ssh-key-001").unwrap();
    mock.assert();
}
