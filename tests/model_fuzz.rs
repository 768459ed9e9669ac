//! Property test: arbitrary bytes fed to every model's parser never panic; they parse or fail
//! with an error. Inputs are the references' example responses mutated (bytes flipped,
//! truncated, spliced, values swapped for random JSON) plus random JSON documents and random
//! bytes, from a seeded generator so a failure can be replayed.
//!
//! `VPSCLIENT_FUZZ_INPUTS` (default 5000) sets how many inputs; `VPSCLIENT_FUZZ_SEED` the seed.
//! Run long with: `VPSCLIENT_FUZZ_INPUTS=200000 cargo test --release --test model_fuzz -- --nocapture`

use std::collections::BTreeMap;
use std::time::Instant;

use vpsclient::{joviam, tavu};

type Parser = (&'static str, fn(&[u8]) -> bool);

/// Parses the way the client does (serde_json through serde_path_to_error); true if it parsed.
fn parse<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> bool {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let parsed: Result<T, _> = serde_path_to_error::deserialize(&mut de);
    parsed.is_ok() && de.end().is_ok()
}

macro_rules! parsers {
    ($($t:ty),* $(,)?) => {
        vec![$(
            (stringify!($t), parse::<$t> as fn(&[u8]) -> bool),
            (concat!("Vec<", stringify!($t), ">"), parse::<Vec<$t>> as fn(&[u8]) -> bool),
        )*]
    };
}

fn all_parsers() -> Vec<Parser> {
    let mut all: Vec<Parser> = parsers![
        tavu::AvailabilityZone,
        tavu::SecurityGroupRule,
        tavu::SecurityGroup,
        tavu::VolumeAttachment,
        tavu::VolumeSnapshot,
        tavu::Volume,
        tavu::Configuration,
        tavu::Image,
        tavu::IpAllocation,
        tavu::Port,
        tavu::Instance,
        tavu::SshKey,
        tavu::InstanceUser,
        tavu::InstanceScript,
        tavu::InstanceSnapshot,
        tavu::VolumeAttachResult,
        tavu::Network,
        tavu::AllocationPool,
        tavu::Route,
        tavu::Subnet,
        tavu::Firewall,
        tavu::FirewallRule,
        tavu::Router,
        tavu::RouterInterface,
        tavu::FloatingIp,
        joviam::Region,
        joviam::PerformanceTier,
        joviam::Template,
        joviam::Disk,
        joviam::PublicKey,
        joviam::Network,
        joviam::IpAddress,
        joviam::NetworkAdapter,
        joviam::Instance,
        joviam::ConsoleSession,
        joviam::DiskState,
        joviam::InstanceState,
        joviam::NetworkState,
        joviam::ConsoleSessionState,
        joviam::ConsoleSessionType,
        joviam::BootDevice,
        joviam::Virtualization,
        String,
    ];
    all.push((
        "BTreeMap<String, String>",
        parse::<BTreeMap<String, String>>,
    ));
    all
}

/// xorshift64*: small, fast, and reproducible from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const TOKENS: &[&str] = &[
    "null",
    "true",
    "false",
    "0",
    "1",
    "-1",
    "1e309",
    "-0",
    "18446744073709551616",
    "3.5",
    "\"\"",
    "\"x\"",
    "\"\\ud800\"",
    "[]",
    "{}",
    "[null]",
    "{\"id\":null}",
    "\"active\"",
    "\"2017-10-31T14:00:03.919355\"",
    "\"dhcp\"",
];

fn random_json(rng: &mut Rng, depth: usize) -> String {
    match rng.below(if depth > 3 { 5 } else { 7 }) {
        0 => "null".into(),
        1 => (rng.below(2) == 0).to_string(),
        2 => (rng.next() as i64 >> rng.below(64)).to_string(),
        3 => format!(
            "{:?}",
            ["id", "name", "state", "status", "é", "", "a\"b"][rng.below(7)]
        ),
        4 => TOKENS[rng.below(TOKENS.len())].into(),
        5 => {
            let items: Vec<String> = (0..rng.below(4))
                .map(|_| random_json(rng, depth + 1))
                .collect();
            format!("[{}]", items.join(","))
        }
        _ => {
            let keys = [
                "id",
                "name",
                "status",
                "state",
                "size",
                "ports",
                "region",
                "disks",
                "admin_state_up",
                "x",
            ];
            let fields: Vec<String> = (0..rng.below(5))
                .map(|_| {
                    format!(
                        "\"{}\":{}",
                        keys[rng.below(keys.len())],
                        random_json(rng, depth + 1)
                    )
                })
                .collect();
            format!("{{{}}}", fields.join(","))
        }
    }
}

fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for _ in 0..=rng.below(4) {
        if bytes.is_empty() {
            bytes.push(rng.next() as u8);
        }
        let at = rng.below(bytes.len());
        match rng.below(6) {
            0 => bytes[at] = rng.next() as u8,
            1 => bytes.truncate(at),
            2 => {
                let end = (at + rng.below(32)).min(bytes.len());
                let slice = bytes[at..end].to_vec();
                let to = rng.below(bytes.len());
                bytes.splice(to..to, slice);
            }
            3 => bytes.insert(at, b"{}[],:\"0\\ "[rng.below(10)]),
            _ => {
                // Replace one JSON value (after a colon) with a random one.
                if let Some(colon) = bytes[at..].iter().position(|&b| b == b':') {
                    let start = at + colon + 1;
                    let end = bytes[start..]
                        .iter()
                        .position(|&b| b == b',' || b == b'}' || b == b']')
                        .map_or(bytes.len(), |p| start + p);
                    bytes.splice(start..end, random_json(rng, 2).into_bytes());
                }
            }
        }
    }
    bytes
}

fn seeds() -> Vec<Vec<u8>> {
    let mut seeds = Vec::new();
    for provider in ["tavu", "joviam"] {
        let dir = format!("{}/tests/fixtures/{provider}", env!("CARGO_MANIFEST_DIR"));
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        paths.sort();
        for path in paths
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
        {
            let fixture: serde_json::Value =
                serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
            if !fixture["response"].is_null() {
                seeds.push(serde_json::to_vec(&fixture["response"]).unwrap());
            }
        }
    }
    seeds
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn every_model_parser_survives_arbitrary_input() {
    let inputs = env_number("VPSCLIENT_FUZZ_INPUTS", 5000);
    let seed = env_number("VPSCLIENT_FUZZ_SEED", 0x5EED_1234_ABCD_0001) | 1;
    let parsers = all_parsers();
    let seeds = seeds();
    assert!(seeds.len() > 100, "fixtures missing: {}", seeds.len());
    let mut rng = Rng(seed);
    let started = Instant::now();
    let (mut parsed, mut rejected) = (0u64, 0u64);
    for n in 0..inputs {
        let input = match n % 10 {
            0 => (0..rng.below(64)).map(|_| rng.next() as u8).collect(),
            1 | 2 => random_json(&mut rng, 0).into_bytes(),
            _ => {
                let base = seeds[rng.below(seeds.len())].clone();
                mutate(&mut rng, &base)
            }
        };
        for (name, parser) in &parsers {
            let outcome = std::panic::catch_unwind(|| parser(&input));
            match outcome {
                Ok(true) => parsed += 1,
                Ok(false) => rejected += 1,
                Err(_) => panic!(
                    "{name} panicked on input #{n} (seed {seed:#x}): {:?}",
                    String::from_utf8_lossy(&input)
                ),
            }
        }
    }
    // The unmutated examples must all parse as something: a sanity check that the harness
    // really exercises the models.
    for example in &seeds {
        assert!(
            parsers.iter().any(|(_, p)| p(example)),
            "{}",
            String::from_utf8_lossy(example)
        );
    }
    println!(
        "model fuzz: {inputs} inputs x {} parsers = {} parses ({parsed} parsed, {rejected} rejected) in {:.2?}, seed {seed:#x}, no panic",
        parsers.len(),
        parsed + rejected,
        started.elapsed()
    );
}
