#![cfg(feature = "sandbox")]
//! Every request example of both references, replayed against the sandbox as a new user
//! would send it: the IDs replaced by real ones, the bodies otherwise exactly as documented,
//! in an order that makes each precondition hold. Each answer's status and shape (its keys,
//! and the keys one level down) must match the documented example response, missing and
//! extra keys alike. Where the reference contradicts itself, the difference is recorded in
//! [`EXCEPTIONS`] with the reason instead of failing.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use serde_json::{json, Value};
use vpsclient::sandbox::Sandbox;

/// Examples whose documented answer the sandbox cannot match because the reference says two
/// things; the sandbox follows one of them.
const EXCEPTIONS: &[(&str, &str, &str)] = &[
    (
        "tavu",
        "routers.update",
        "the reference contradicts itself: this example names the gateway \
         `external_gateway_port` (without `external_gateway_snat_enabled`), every other \
         router answer `external_gateway_info` (with it); the sandbox answers the latter",
    ),
    (
        "tavu",
        "instance_scripts.update",
        "the reference contradicts itself: its example sends only `name` (and to \
         /instance-users/76), its parameter table requires `script` on every update; the \
         sandbox follows the table and refuses the body",
    ),
    (
        "joviam",
        "ip_addresses.allocate",
        "the reference contradicts itself: the example asks for 12.34.56.78 on a network it \
         documents as 192.168.2.0/24; the sandbox refuses an address outside its network",
    ),
];

/// The Tavu IDs the seeded catalogue gives every new account (kept as documented).
const TAVU_SSD_1024: &str = "6cb38035-1c37-453d-ab44-ce3ac54f6ce5";
const TAVU_UBUNTU: &str = "00ed37ab-7a47-45b3-9419-543a40b3c3f2";
const JOVIAM_REGION: &str = "0f442f96-09e5-d4cc-9452-34896246cce7";

/// The order of the replay: each example after the ones that make its objects exist and put
/// them in the state it needs.
#[rustfmt::skip] // grouped by what each group needs, one line per group
const TAVU_ORDER: &[&str] = &[
    "configurations.list", "operating_systems.list",
    "ssh_keys.create", "ssh_keys.get", "ssh_keys.list",
    "networks.create", "networks.get", "networks.list",
    "subnets.create", "subnets.get", "subnets.list",
    "routers.list", "routers.get",
    "router_interfaces.create", "router_interfaces.get", "router_interfaces.list",
    "security_groups.create", "security_groups.get", "security_groups.list",
    "security_groups.update",
    "security_group_rules.create", "security_group_rules.get", "security_group_rules.list",
    "instance_users.create", "instance_users.get", "instance_users.list", "instance_users.update",
    "instance_scripts.create", "instance_scripts.get", "instance_scripts.list",
    "instance_scripts.update",
    "instances.create", "instances.get", "instances.list", "instances.update",
    "instance_interfaces.list", "instance_interfaces.create", "instance_interfaces.get",
    "ports.get", "ports.list", "ports.update",
    "floating_ips.list", "floating_ips.get", "floating_ips.update",
    "volumes.create", "volumes.update", "volumes.attach", "volumes.get", "volumes.list",
    "volume_snapshots.create", "volume_snapshots.get", "volume_snapshots.list",
    "volume_snapshots.update",
    "instance_snapshots.create", "instance_snapshots.get", "instance_snapshots.list",
    "instances.stop", "instances.start", "instances.reboot", "instances.force_reboot",
    "instances.resize", "instances.confirm_resize", "instances.revert_resize",
    "instances.rebuild",
    "firewalls.list", "firewalls.get", "firewalls.update", "firewalls.audit",
    "firewall_rules.create", "firewall_rules.get", "firewall_rules.list",
    "firewall_rules.update",
    "routers.update",
    "firewall_rules.delete", "volumes.detach", "volume_snapshots.delete", "volumes.delete",
    "instance_snapshots.delete", "instance_interfaces.delete", "floating_ips.delete",
    "instances.delete", "router_interfaces.delete", "subnets.update", "subnets.delete",
    "networks.update", "networks.delete", "firewalls.delete", "routers.delete",
    "security_group_rules.delete", "security_groups.delete", "instance_users.delete",
    "instance_scripts.delete", "ssh_keys.delete",
];

#[rustfmt::skip]
const JOVIAM_ORDER: &[&str] = &[
    "regions.list", "regions.get", "performance_tiers.list_disk",
    "performance_tiers.list_instance", "templates.list", "templates.get",
    "public_keys.create", "public_keys.get", "public_keys.list", "public_keys.update",
    "networks.create", "networks.get", "networks.list", "networks.list_private",
    "networks.list_public", "networks.update",
    "ip_addresses.allocate", "ip_addresses.get", "ip_addresses.list",
    "ip_addresses.list_private", "ip_addresses.list_public", "ip_addresses.update",
    "disks.create", "disks.get", "disks.list", "disks.state", "disks.update", "disks.resize",
    "disks.clone",
    "instances.create", "instances.get", "instances.list", "instances.update",
    "instances.state", "instances.note", "instances.set_context", "instances.get_context",
    "instances.update_context", "instances.delete_context_variable",
    "instances.set_availability_group", "instances.stop", "instances.set_public_keys",
    "instances.set_disks", "instances.set_network_adapters",
    "instances.start", "instances.remote_access", "console_sessions.get",
    "templates.supersede", "instances.assemble",
    "instances.delete", "disks.delete", "ip_addresses.deallocate", "networks.delete",
    "public_keys.delete",
];

/// One provider's replay: the sandbox it talks to and the real IDs made so far, by kind (the
/// operation's resource name: `instances`, `router_interfaces`, ...).
struct Replay {
    provider: &'static str,
    base: String,
    authorization: String,
    agent: ureq::Agent,
    current: BTreeMap<String, String>,
}

/// One documented example, as extracted from the reference.
struct Example {
    operation: String,
    method: String,
    path: String,
    path_template: Option<String>,
    request: Value,
    response: Value,
    status: Option<u16>,
}

fn load(provider: &str, operation: &str) -> Example {
    let path = format!(
        "{}/tests/fixtures/{provider}/{operation}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let fx: Value = serde_json::from_str(&text).unwrap();
    let text_of = |key: &str| fx[key].as_str().map(str::to_owned);
    Example {
        operation: text_of("operation").unwrap(),
        method: text_of("method").unwrap(),
        path: text_of("path").unwrap(),
        path_template: text_of("path_template"),
        request: fx["request"].clone(),
        response: fx["response"].clone(),
        status: fx["status"].as_u64().map(|s| s as u16),
    }
}

impl Replay {
    fn new(sandbox: &Sandbox, provider: &'static str) -> Self {
        let (base, authorization) = match provider {
            "tavu" => (sandbox.tavu_base_url(), sandbox.tavu_key().to_owned()),
            _ => (
                sandbox.joviam_base_url(),
                format!("Bearer {}", sandbox.joviam_token()),
            ),
        };
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(10)))
            .build()
            .new_agent();
        Replay {
            provider,
            base,
            authorization,
            agent,
            current: BTreeMap::new(),
        }
    }

    /// Sends one request; the status and the JSON answer (null for an empty body).
    fn send(&self, method: &str, path: &str, body: &Value) -> (u16, Value) {
        let builder = ureq::http::Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.base))
            .header("Authorization", &self.authorization);
        let request = match body {
            Value::Null => builder.body(Vec::new()),
            body => builder
                .header("Content-Type", "application/json")
                .body(serde_json::to_vec(body).unwrap()),
        };
        let mut response = self.agent.run(request.unwrap()).unwrap();
        let status = response.status().as_u16();
        let text = response.body_mut().read_to_string().unwrap();
        let json = if text.trim().is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        (status, json)
    }

    /// A request a step needs before its example; it must succeed.
    #[track_caller]
    fn prepare(&mut self, method: &str, path: &str, body: Value) -> Value {
        let (status, answer) = self.send(method, path, &body);
        assert!(
            (200..300).contains(&status),
            "{} preparation {method} {path}: {status} {answer}",
            self.provider
        );
        answer
    }

    fn id(&self, kind: &str) -> String {
        self.current
            .get(kind)
            .cloned()
            .unwrap_or_else(|| panic!("{}: no {kind} made yet", self.provider))
    }

    fn set(&mut self, kind: &str, answer: &Value, key: &str) {
        let id = match &answer[key] {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            other => panic!("{}: no {key} in {other}", self.provider),
        };
        self.current.insert(kind.to_owned(), id);
    }

    /// Makes what `operation` needs beyond the objects the earlier examples made.
    fn prepare_for(&mut self, operation: &str) {
        let tavu = self.provider == "tavu";
        match (tavu, operation) {
            // The SSH keys the examples' bodies and paths name (names are their IDs).
            (true, "ssh_keys.create") => {
                for name in ["API-ssh-key-001", "my-ssh-key-1", "my-ssh-key-2"] {
                    self.prepare(
                        "POST",
                        "/compute/v1/ssh-keys",
                        json!({"ssh_key": {"name": name}}),
                    );
                }
            }
            // The example resizes back; an unconfirmed resize has to be there first.
            (true, "instances.revert_resize") => {
                let path = format!("/compute/v1/instances/{}/action", self.id("instances"));
                let body = json!({"resize": {"configuration_id": TAVU_SSD_1024}});
                self.prepare("POST", &path, body);
            }
            // The example deletes a variable the instance must hold.
            (false, "instances.delete_context_variable") => {
                let path = format!("/instances/{}/context", self.id("instances"));
                self.prepare("PUT", &path, json!({"OLD_VARIABLE": "old"}));
            }
            // An address of the network, if the example's own could not be allocated.
            (false, "ip_addresses.get") if !self.current.contains_key("ip_addresses") => {
                let body = json!({"name": "Web Server IP", "network": self.id("networks")});
                let ip = self.prepare("POST", "/ip_addresses", body);
                self.set("ip_addresses", &ip, "id");
            }
            // A public address to list, on the region's public network.
            (false, "ip_addresses.list_public") => {
                let public = self.prepare("GET", "/networks/public", Value::Null);
                let body = json!({"name": "Public IP", "network": public[0]["id"]});
                self.prepare("POST", "/ip_addresses", body);
            }
            // A resize has to grow the disk: a smaller one from the same template.
            (false, "disks.resize") => {
                let mut body = load("joviam", "disks.create").request;
                body["size"] = json!(50);
                let disk = self.prepare("POST", "/disks", body);
                self.set("disks", &disk, "id");
            }
            // The example groups the instance with another one.
            (false, "instances.create") => {
                let mut body = load("joviam", "instances.create").request;
                for key in ["networks", "public_keys", "availability_group"] {
                    body.as_object_mut().unwrap().remove(key);
                }
                body["name"] = json!("Group Mate");
                let mate = self.prepare("POST", "/instances", body);
                self.set("group", &mate, "id");
            }
            // Assembling takes a disk and an address no instance uses yet.
            (false, "instances.assemble") => {
                let body = load("joviam", "disks.create").request;
                let disk = self.prepare("POST", "/disks", body);
                self.set("disks", &disk, "id");
                let body = json!({"name": "Web Server IP", "network": self.id("networks")});
                let ip = self.prepare("POST", "/ip_addresses", body);
                self.set("ip_addresses", &ip, "id");
            }
            // A network still holding addresses cannot go: an empty one of the same kind.
            (false, "networks.delete") => {
                let body = load("joviam", "networks.create").request;
                let network = self.prepare("POST", "/networks", body);
                self.set("networks", &network, "id");
            }
            _ => {}
        }
    }

    /// The example's path with real IDs in place of the documented ones.
    fn real_path(&self, example: &Example) -> String {
        let segments: Vec<&str> = example.path.split('/').skip(1).collect();
        let mut out = Vec::new();
        match &example.path_template {
            // Joviam: the template names each parameter.
            Some(template) => {
                for (segment, param) in segments.iter().zip(template.split('/').skip(1)) {
                    let kind = match param {
                        "{console_session_id}" => Some("console_sessions"),
                        "{disk_id}" => Some("disks"),
                        "{instance_id}" => Some("instances"),
                        "{ip_address_id}" => Some("ip_addresses"),
                        "{network_id}" => Some("networks"),
                        "{public_key_id}" => Some("public_keys"),
                        "{region_id}" => Some("regions"),
                        "{template_id}" => Some("templates"),
                        _ => None,
                    };
                    out.push(self.real(kind, segment));
                }
            }
            // Tavu: an ID follows its collection (`/compute/v1/instances/{id}/interfaces/{id}`).
            None => {
                let mut previous = "";
                let mut index = 0;
                while index < segments.len() {
                    let collection = segments[index];
                    out.push(collection.to_owned());
                    let next = segments.get(index + 1);
                    let is_id = index >= 2
                        && next.is_some_and(|s| {
                            !["action", "attach", "detach", "audit", "interfaces", "rules"]
                                .contains(s)
                        });
                    if is_id {
                        let kind = match (previous, collection) {
                            ("instances", "interfaces") => "instance_interfaces".to_owned(),
                            ("routers", "interfaces") => "router_interfaces".to_owned(),
                            ("firewalls", "rules") => "firewall_rules".to_owned(),
                            ("security-groups", "rules") => "security_group_rules".to_owned(),
                            (_, c) => c.replace('-', "_"),
                        };
                        out.push(self.real(Some(&kind), next.unwrap()));
                        index += 1;
                    }
                    previous = collection;
                    index += 1;
                }
            }
        }
        format!("/{}", out.join("/"))
    }

    /// The real ID of `kind`, or the documented one where the replay made none (catalogue
    /// objects a new account has under the reference's IDs).
    fn real(&self, kind: Option<&str>, documented: &str) -> String {
        kind.and_then(|k| self.current.get(k))
            .cloned()
            .unwrap_or_else(|| documented.to_owned())
    }

    /// The example's body with real IDs in its ID-valued fields.
    fn real_body(&self, value: &Value, key: &str) -> Value {
        let kind = match key {
            "network_id" | "networks" | "network" => Some("networks"),
            "subnet_id" => Some("subnets"),
            "instance_id" => Some("instances"),
            "volume_id" => Some("volumes"),
            "port_id" => Some("ports"),
            "disks" | "disk" => Some("disks"),
            "ip_addresses" => Some("ip_addresses"),
            "public_keys" if self.provider == "joviam" => Some("public_keys"),
            "availability_group" => Some("group"),
            _ => None,
        };
        match value {
            Value::Object(map) => Value::Object(
                map.iter()
                    .map(|(k, v)| (k.clone(), self.real_body(v, k)))
                    .collect(),
            ),
            Value::Array(items) => items.iter().map(|v| self.real_body(v, key)).collect(),
            Value::String(s) if kind.is_some() && s != "public" => {
                Value::String(self.real(kind, s))
            }
            other => other.clone(),
        }
    }

    /// Remembers the object an example made, for the examples after it.
    fn remember(&mut self, operation: &str, answer: &Value) {
        let (resource, verb) = operation.split_once('.').unwrap();
        match (resource, verb) {
            ("router_interfaces", "create") => self.set(resource, answer, "port_id"),
            ("ssh_keys", "create") => self.set(resource, answer, "name"),
            ("instance_interfaces", "create") => {
                self.set(resource, answer, "id");
                self.set("ports", answer, "id");
            }
            ("instances", "remote_access") => self.set("console_sessions", answer, "id"),
            (_, "create" | "allocate" | "assemble") if answer.get("id").is_some() => {
                self.set(resource, answer, "id")
            }
            (_, verb) if verb.starts_with("list") && !self.current.contains_key(resource) => {
                if let Some(first) = answer.get(0) {
                    self.set(resource, first, "id");
                }
            }
            _ => {}
        }
    }
}

/// The differences in shape between the documented answer and the real one: keys missing or
/// extra at the top level and one level down (in the first element of a list).
fn shape_differences(documented: &Value, actual: &Value) -> Vec<String> {
    match (documented, actual) {
        (Value::Null, Value::Null) => Vec::new(),
        (Value::Null, _) => vec![format!("a body where none is documented: {actual}")],
        (Value::Array(doc), Value::Array(act)) => match (doc.first(), act.first()) {
            (None, _) => Vec::new(),
            (Some(_), None) => vec!["an empty list where the reference shows items".into()],
            (Some(d), Some(a)) => object_differences(d, a, "[0]", 1),
        },
        (d, a) => object_differences(d, a, "", 1),
    }
}

fn object_differences(doc: &Value, act: &Value, at: &str, depth: u8) -> Vec<String> {
    let (Value::Object(doc), Value::Object(act)) = (doc, act) else {
        if kind(doc) == kind(act) || doc.is_null() {
            return Vec::new();
        }
        return vec![format!(
            "{at}: {} where the reference shows {}",
            kind(act),
            kind(doc)
        )];
    };
    let doc_keys: BTreeSet<&String> = doc.keys().collect();
    let act_keys: BTreeSet<&String> = act.keys().collect();
    let mut out = Vec::new();
    for key in doc_keys.difference(&act_keys) {
        out.push(format!("missing {at}.{key}"));
    }
    for key in act_keys.difference(&doc_keys) {
        out.push(format!("extra {at}.{key}"));
    }
    if depth > 0 {
        for key in doc_keys.intersection(&act_keys) {
            if doc[*key].is_object() {
                let inner = format!("{at}.{key}");
                out.extend(object_differences(
                    &doc[*key],
                    &act[*key],
                    &inner,
                    depth - 1,
                ));
            }
        }
    }
    out
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Replays one provider's examples in `order`; each failure as (operation, differences).
fn replay(sandbox: &Sandbox, provider: &'static str, order: &[&str]) -> Vec<(String, String)> {
    let mut replay = Replay::new(sandbox, provider);
    let mut failures = Vec::new();
    for operation in order {
        let example = load(provider, operation);
        assert_eq!(&example.operation, operation);
        replay.prepare_for(operation);
        let path = replay.real_path(&example);
        let body = replay.real_body(&example.request, "");
        let (status, answer) = replay.send(&example.method, &path, &body);
        let mut differences = Vec::new();
        let status_ok = match example.status {
            Some(documented) => status == documented,
            None => [200, 201, 202, 204].contains(&status),
        };
        if !status_ok {
            let documented = example.status.map_or("2xx".into(), |s| s.to_string());
            differences.push(format!(
                "status {status} (documented {documented}): {answer}"
            ));
        } else {
            differences.extend(shape_differences(&example.response, &answer));
            replay.remember(operation, &answer);
        }
        if !differences.is_empty() {
            failures.push((operation.to_string(), differences.join("; ")));
        }
    }
    failures
}

fn fixture_count(provider: &str) -> usize {
    let dir = format!("{}/tests/fixtures/{provider}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            name.to_string_lossy().ends_with(".json")
        })
        .count()
}

#[test]
fn every_reference_example_replays_against_the_sandbox() {
    let sandbox = Sandbox::builder()
        .build_delay(Duration::ZERO)
        .start()
        .unwrap();
    for (provider, order) in [("tavu", TAVU_ORDER), ("joviam", JOVIAM_ORDER)] {
        let unique: BTreeSet<&&str> = order.iter().collect();
        assert_eq!(unique.len(), order.len(), "{provider}: an example twice");
        assert_eq!(
            order.len(),
            fixture_count(provider),
            "{provider}: every example"
        );
    }
    let total = TAVU_ORDER.len() + JOVIAM_ORDER.len();
    let mut failures: Vec<(&str, String, String)> = Vec::new();
    for (provider, order) in [("tavu", TAVU_ORDER), ("joviam", JOVIAM_ORDER)] {
        for (operation, why) in replay(&sandbox, provider, order) {
            failures.push((provider, operation, why));
        }
    }
    let recorded = |provider: &str, operation: &str| {
        EXCEPTIONS
            .iter()
            .find(|(p, o, _)| *p == provider && *o == operation)
    };
    let (expected, unexpected): (Vec<_>, Vec<_>) = failures
        .iter()
        .partition(|(p, o, _)| recorded(p, o).is_some());
    println!(
        "replay: {} of {total} examples pass as documented; {} recorded exceptions:",
        total - failures.len(),
        expected.len()
    );
    for (provider, operation, why) in &expected {
        let (_, _, reason) = recorded(provider, operation).unwrap();
        println!("  {provider} {operation}: {reason}\n      (answer: {why})");
    }
    for (provider, operation, _) in EXCEPTIONS {
        if !failures
            .iter()
            .any(|(p, o, _)| p == provider && o == operation)
        {
            println!("  note: {provider} {operation} now passes; its exception can go");
        }
    }
    for (provider, operation, why) in &unexpected {
        println!("FAIL {provider} {operation}: {why}");
    }
    assert!(
        unexpected.is_empty(),
        "{} examples neither pass nor are recorded exceptions",
        unexpected.len()
    );
}

#[test]
fn the_seeded_catalogue_holds_the_ids_the_examples_name() {
    // The replay keeps catalogue IDs as documented; a new account must have them.
    let sandbox = Sandbox::builder()
        .build_delay(Duration::ZERO)
        .start()
        .unwrap();
    let tavu = Replay::new(&sandbox, "tavu");
    let (_, images) = tavu.send("GET", "/image/v1/operating-systems", &Value::Null);
    assert!(images
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["id"] == TAVU_UBUNTU));
    let joviam = Replay::new(&sandbox, "joviam");
    let (status, _) = joviam.send("GET", &format!("/regions/{JOVIAM_REGION}"), &Value::Null);
    assert_eq!(status, 200);
}
