//! The declared Joviam operations against the reference: one per documented operation, with
//! the same method and path template, and a fixture for each (tests/operations.rs calls every
//! operation with its fixture and checks that each has a row there).

mod common;

use std::collections::BTreeSet;

use vpsclient::JoviamClient;

/// `IpAddressesHandler` -> `ip_addresses`.
fn resource_of(handler: &str) -> String {
    let name = handler.strip_suffix("Handler").unwrap();
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// `/disks/{disk_id}/state` -> `/disks/{}/state`.
fn unnamed(template: &str) -> String {
    let mut out = String::new();
    let mut in_param = false;
    for c in template.chars() {
        match c {
            '{' => {
                in_param = true;
                out.push_str("{}");
            }
            '}' => in_param = false,
            _ if in_param => {}
            _ => out.push(c),
        }
    }
    out
}

#[test]
fn operations_match_the_reference() {
    let declared: BTreeSet<(String, String, String)> = JoviamClient::operations()
        .iter()
        .map(|op| {
            (
                format!("{}.{}", resource_of(op.handler), op.name),
                op.method.to_owned(),
                op.path.to_owned(),
            )
        })
        .collect();
    assert_eq!(JoviamClient::operations().len(), 54);
    assert_eq!(declared.len(), 54, "operations are declared once each");

    let dir = format!("{}/tests/fixtures/joviam", env!("CARGO_MANIFEST_DIR"));
    let documented: BTreeSet<(String, String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| {
            let name = entry.unwrap().file_name().into_string().unwrap();
            let fx = common::fixture("joviam", name.strip_suffix(".json").unwrap());
            let template = fx.path_template.as_deref().expect("path_template");
            (fx.operation.clone(), fx.method.clone(), unnamed(template))
        })
        .collect();
    assert_eq!(documented.len(), 54);

    let missing: Vec<_> = documented.difference(&declared).collect();
    let extra: Vec<_> = declared.difference(&documented).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "documented but not declared: {missing:?}; declared but not documented: {extra:?}"
    );
}
