//! Timestamps, unknown fields, and what reading them costs.
//!
//! The decode measurement is ignored by default; run it in release mode:
//!
//!     cargo test --release --test timestamps -- --ignored --nocapture decode_cost

use std::time::Instant;

use serde_json::{json, Value};
use time::UtcOffset;
use vpsclient::tavu::{Port, Router, Volume};
use vpsclient::Timestamp;

#[path = "../bench/many_instances.rs"]
mod many_instances;

fn offset(hours: i8, minutes: i8) -> UtcOffset {
    UtcOffset::from_hms(hours, minutes, 0).unwrap()
}

#[test]
fn every_offset_form_of_the_references_is_read() {
    for (text, unix, nanos, off) in [
        (
            "2017-10-27T12:44:04.000+03:00",
            1_509_097_444,
            0,
            offset(3, 0),
        ),
        (
            "2017-10-30T09:38:24.000+02:00",
            1_509_349_104,
            0,
            offset(2, 0),
        ),
        (
            "2018-05-07T07:42:09.000+00:00",
            1_525_678_929,
            0,
            UtcOffset::UTC,
        ),
        (
            "2018-04-25T09:42:26.410Z",
            1_524_649_346,
            410_000_000,
            UtcOffset::UTC,
        ),
        (
            "2017-11-10T09:56:44.951817",
            1_510_307_804,
            951_817_000,
            UtcOffset::UTC,
        ),
        (
            "2017-10-30T11:32:07.000000",
            1_509_363_127,
            0,
            UtcOffset::UTC,
        ),
        (
            "2017-10-27T12:44:04.5-05:30",
            1_509_128_044,
            500_000_000,
            offset(-5, -30),
        ),
    ] {
        let t = Timestamp::new(text);
        let value = t.value().unwrap_or_else(|| panic!("{text} not read"));
        assert_eq!(value.unix_timestamp(), unix, "{text}");
        assert_eq!(value.nanosecond(), nanos, "{text}");
        assert_eq!(value.offset(), off, "{text}");
        assert_eq!(t.as_str(), text);
        assert_eq!(t.to_string(), text);
    }
}

#[test]
fn an_unreadable_timestamp_keeps_its_text_and_fails_nothing() {
    let volume: Volume = serde_json::from_value(json!({
        "id": "v1", "name": "data", "size": 10, "status": "available",
        "created_at": "last Tuesday", "detach_time": "2017-13-45T99:00:00Z",
    }))
    .unwrap();
    let created = volume.created_at.as_ref().unwrap();
    assert_eq!((created.value(), created.as_str()), (None, "last Tuesday"));
    assert_eq!(volume.detach_time.as_ref().unwrap().value(), None);
    assert_eq!(
        serde_json::to_value(&volume).unwrap()["created_at"],
        "last Tuesday"
    );
}

#[test]
fn timestamps_serialise_as_the_servers_text() {
    let body = json!({
        "id": "v1", "name": "data", "size": 10, "status": "in-use",
        "created_at": "2017-11-10T09:56:44.951817", "detach_time": null,
        "attachment": {"instance_id": "i1", "attach_time": "2017-10-30T09:38:24.000+02:00"},
    });
    let volume: Volume = serde_json::from_value(body.clone()).unwrap();
    let attach = volume
        .attachment
        .as_ref()
        .unwrap()
        .attach_time
        .as_ref()
        .unwrap();
    assert_eq!(attach.value().unwrap().offset(), offset(2, 0));
    let back = serde_json::to_value(&volume).unwrap();
    assert_eq!(back["created_at"], body["created_at"]);
    assert_eq!(
        back["attachment"]["attach_time"],
        body["attachment"]["attach_time"]
    );
    let again: Volume = serde_json::from_str(&serde_json::to_string(&volume).unwrap()).unwrap();
    assert_eq!(again, volume);
}

#[test]
fn unknown_fields_are_kept_in_extra_and_serialised_back() {
    let body = json!({
        "id": "v1", "name": "data", "size": 10, "status": "available",
        "zone": "fi-1", "tags": {"team": "ops"},
        "snapshots": [{"id": "s1", "volume_id": "v1", "progress": "100%"}],
    });
    let volume: Volume = serde_json::from_value(body.clone()).unwrap();
    assert_eq!(volume.extra.len(), 2);
    assert_eq!(volume.extra["zone"], "fi-1");
    assert_eq!(volume.extra["tags"], json!({"team": "ops"}));
    assert_eq!(volume.snapshots[0].extra["progress"], "100%");
    let back = serde_json::to_value(&volume).unwrap();
    assert_eq!(back["zone"], "fi-1");
    assert_eq!(back["snapshots"][0]["progress"], "100%");
    assert!(back.get("extra").is_none());
    let again: Volume = serde_json::from_value(back).unwrap();
    assert_eq!(again, volume);
}

#[test]
fn declared_field_attributes_still_apply() {
    // `alias`: the update answer's `external_gateway_port` is the declared field, not extra.
    let router: Router = serde_json::from_value(json!({
        "id": "r1", "name": "edge", "external_gateway_port": {"id": "p1", "network_id": "n1"},
    }))
    .unwrap();
    assert_eq!(router.external_gateway_info.unwrap().id, "p1");
    assert!(router.extra.is_empty());
    // `deserialize_with` and `default`.
    let port: Port = serde_json::from_value(json!({
        "id": "p1", "network_id": "n1", "admin_state_up": 1, "ip_allocations": null, "vnic": "x",
    }))
    .unwrap();
    assert_eq!(port.admin_state_up, Some(true));
    assert!(port.ip_allocations.is_empty());
    assert_eq!(port.extra["vnic"], "x");
    // A missing required field is still an error.
    assert!(serde_json::from_value::<Port>(json!({"id": "p1"})).is_err());
}

#[test]
fn a_decode_error_still_names_the_field() {
    let body = br#"[{"id": "v1", "name": "data", "zone": "fi-1", "size": "ten", "status": "x"}]"#;
    let mut de = serde_json::Deserializer::from_slice(body);
    let err = serde_path_to_error::deserialize::<_, Vec<Volume>>(&mut de).unwrap_err();
    assert_eq!(err.path().to_string(), "[0].size");
    let body = br#"{"id": "v1", "name": "data", "size": 1, "status": "x", "odd": [1, {"a": }]}"#;
    assert!(serde_json::from_slice::<Volume>(body).is_err());
}

const FIXTURE: &str = include_str!("fixtures/tavu/instances.list.json");

/// The benchmark's big body: the reference's two example instances in turn, each with its
/// own ids.
fn big_body(count: usize) -> Vec<u8> {
    let fixture: Value = serde_json::from_str(FIXTURE).unwrap();
    let examples = fixture["response"].as_array().unwrap();
    serde_json::to_vec(&many_instances::many_instances(examples, count)).unwrap()
}

/// Nanoseconds this thread has run on a CPU (Linux), so that other work on a busy machine
/// counts less than in wall time; `None` elsewhere.
fn thread_cpu_ns() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    text.split_whitespace().next()?.parse().ok()
}

/// Decoding the 10,000-instance list as the transport does (through `serde_path_to_error`),
/// 31 rounds (`DECODE_ROUNDS`): the median and minimum of wall and on-CPU time. Prints them; asserts nothing.
#[test]
#[ignore = "a measurement: run with --release --ignored --nocapture"]
fn decode_cost() {
    let body = big_body(10_000);
    let (mut wall, mut cpu) = (Vec::new(), Vec::new());
    let rounds = std::env::var("DECODE_ROUNDS").map_or(31, |n| n.parse().unwrap());
    for _ in 0..rounds {
        let (start, cpu_start) = (Instant::now(), thread_cpu_ns());
        let mut de = serde_json::Deserializer::from_slice(std::hint::black_box(&body));
        let list: Vec<vpsclient::tavu::Instance> =
            serde_path_to_error::deserialize(&mut de).unwrap();
        wall.push(start.elapsed().as_secs_f64() * 1e3);
        if let (Some(a), Some(b)) = (cpu_start, thread_cpu_ns()) {
            cpu.push((b - a) as f64 / 1e6);
        }
        assert_eq!(std::hint::black_box(list).len(), 10_000);
    }
    let summary = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        match v.len() {
            0 => "n/a".to_owned(),
            n => format!("median {:.1} ms, min {:.1} ms", v[n / 2], v[0]),
        }
    };
    println!(
        "decode 10,000 instances ({:.1} MB): wall {}; on-CPU {}",
        body.len() as f64 / 1e6,
        summary(wall),
        summary(cpu)
    );
}
