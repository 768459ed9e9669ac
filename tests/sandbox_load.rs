//! The sandbox under load and under abuse: 16 threads of mixed operations on both providers
//! lose and duplicate nothing and every reply decodes; garbage on the wire (malformed HTTP,
//! bodies that lie about their length, random bytes, invalid JSON) never panics or hangs the
//! server, which answers correctly afterwards.
#![cfg(feature = "sandbox")]

use std::collections::HashSet;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use vpsclient::joviam::CreatePublicKey;
use vpsclient::sandbox::Sandbox;
use vpsclient::tavu::{CreateNetwork, CreateSshKey, CreateVolume, UpdateNetwork};

const THREADS: usize = 16;

/// What one thread kept: network, volume and Joviam public key IDs.
type Kept = (Vec<String>, Vec<String>, Vec<String>);
const ROUNDS: usize = 25;

#[test]
fn sixteen_threads_of_mixed_operations_lose_and_duplicate_nothing() {
    let sandbox = Sandbox::builder()
        .build_delay(Duration::from_millis(5))
        .start()
        .unwrap();
    let started = Instant::now();
    let kept: Vec<Kept> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..THREADS)
            .map(|t| {
                let sandbox = &sandbox;
                scope.spawn(move || {
                    let tavu = sandbox.tavu_client().unwrap();
                    let joviam = sandbox.joviam_client().unwrap();
                    let (mut networks, mut volumes, mut keys) =
                        (Vec::new(), Vec::new(), Vec::new());
                    for r in 0..ROUNDS {
                        let name = format!("t{t}-r{r}");
                        let network = tavu.networks().create(&CreateNetwork::new(&name)).unwrap();
                        assert_eq!(tavu.networks().get(&network.id).unwrap().name, name);
                        let renamed = UpdateNetwork {
                            name: Some(format!("{name}-x")),
                            ..Default::default()
                        };
                        tavu.networks().update(&network.id, &renamed).unwrap();
                        if r % 3 == 0 {
                            tavu.networks().delete(&network.id).unwrap();
                        } else {
                            networks.push(network.id);
                        }
                        let volume = tavu
                            .volumes()
                            .create(&CreateVolume::new(1u64, &name))
                            .unwrap();
                        volumes.push(volume.id);
                        let _ = tavu.volumes().list().unwrap();
                        let key = joviam
                            .public_keys()
                            .create(&CreatePublicKey::new(
                                &name,
                                format!("ssh-ed25519 AAAA{t}x{r} {name}"),
                            ))
                            .unwrap();
                        if r % 4 == 1 {
                            joviam.public_keys().delete(&key.id).unwrap();
                        } else {
                            keys.push(key.id);
                        }
                        let _ = joviam.regions().list().unwrap();
                        if r % 5 == 0 {
                            let ssh = CreateSshKey::new(&name);
                            let created = tavu.ssh_keys().create(&ssh).unwrap();
                            tavu.ssh_keys().delete(&created.name).unwrap();
                        }
                    }
                    (networks, volumes, keys)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let elapsed = started.elapsed();
    let requests = sandbox.requests();
    assert!(requests.iter().all(|r| matches!(r.status, Some(200..=299))));
    let tavu = sandbox.tavu_client().unwrap();
    let joviam = sandbox.joviam_client().unwrap();
    let expect = |pick: fn(&Kept) -> &Vec<String>| {
        let ids: Vec<&String> = kept.iter().flat_map(pick).collect();
        let set: HashSet<&String> = ids.iter().copied().collect();
        assert_eq!(set.len(), ids.len(), "an ID was handed out twice");
        set.into_iter().cloned().collect::<HashSet<String>>()
    };
    let listed = |ids: Vec<String>| {
        let set: HashSet<String> = ids.iter().cloned().collect();
        assert_eq!(set.len(), ids.len(), "a list holds an object twice");
        set
    };
    let networks = listed(
        tavu.networks()
            .list()
            .unwrap()
            .into_iter()
            .map(|n| n.id)
            .collect(),
    );
    assert_eq!(networks, expect(|k| &k.0));
    let volumes = listed(
        tavu.volumes()
            .list()
            .unwrap()
            .into_iter()
            .map(|v| v.id)
            .collect(),
    );
    assert_eq!(volumes, expect(|k| &k.1));
    let keys = listed(
        joviam
            .public_keys()
            .list()
            .unwrap()
            .into_iter()
            .map(|k| k.id)
            .collect(),
    );
    assert_eq!(keys, expect(|k| &k.2));
    assert!(tavu.ssh_keys().list().unwrap().is_empty());
    let per_second = requests.len() as f64 / elapsed.as_secs_f64();
    println!(
        "load: {} requests from {THREADS} threads in {elapsed:.2?}: {per_second:.0} requests/s",
        requests.len()
    );
}

/// Sends `bytes` on a new connection and returns whatever comes back before the server
/// closes or goes quiet for a second.
fn send_raw(url: &str, bytes: &[u8]) -> Vec<u8> {
    let addr = url.trim_start_matches("http://");
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(1)))
        .unwrap();
    let _ = stream.write_all(bytes);
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let mut out = Vec::new();
    let _ = stream.read_to_end(&mut out);
    out
}

/// A tiny deterministic generator for the random garbage.
fn xorshift(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

#[test]
fn garbage_on_the_wire_never_takes_the_server_down() {
    let sandbox = Sandbox::start().unwrap();
    let url = sandbox.url().to_owned();
    let key = sandbox.tavu_key().to_owned();
    let huge_header = format!(
        "GET /tavu/x HTTP/1.1\r\nX-Big: {}\r\n\r\n",
        "a".repeat(100_000)
    );
    let long_url = format!("GET /tavu/{} HTTP/1.1\r\n\r\n", "b".repeat(70_000));
    let mut cases: Vec<Vec<u8>> = vec![
        b"\r\n\r\n".to_vec(),
        b"HELLO\r\n\r\n".to_vec(),
        b"GET\r\n\r\n".to_vec(),
        b"get /tavu HTTP/1.1\r\n\r\n".to_vec(),
        b"GET tavu HTTP/1.1\r\n\r\n".to_vec(),
        b"GET /tavu HTTP/9.9\r\n\r\n".to_vec(),
        b"GET /tavu/\xff\xfe HTTP/1.1\r\n\r\n".to_vec(),
        b"GET /tavu HTTP/1.1\r\nno colon here\r\n\r\n".to_vec(),
        b"GET /tavu HTTP/1.1\r\n: empty name\r\n\r\n".to_vec(),
        b"POST /tavu/compute/v1/ssh-keys HTTP/1.1\r\nContent-Length: -5\r\n\r\n".to_vec(),
        b"POST /tavu/compute/v1/ssh-keys HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\n".to_vec(),
        b"POST /tavu/compute/v1/ssh-keys HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab".to_vec(),
        b"POST /tavu/compute/v1/ssh-keys HTTP/1.1\r\nContent-Length: 500\r\n\r\n{\"short\"".to_vec(),
        b"POST /tavu/compute/v1/ssh-keys HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n".to_vec(),
        b"POST /tavu/compute/v1/ssh-keys HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabcdefgh\r\n0\r\n\r\n".to_vec(),
        b"POST /tavu/compute/v1/ssh-keys HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n".to_vec(),
        b"GET /tavu/compute/v1/ssh-keys HTTP/1.1\r\nAuthorization: \xff\xff\r\n\r\n".to_vec(),
        b"\0\0\0\0\0\0\0\0".to_vec(),
        huge_header.into_bytes(),
        long_url.into_bytes(),
    ];
    // Well-formed HTTP with bodies that are not what the routes expect, on both providers.
    for (path, auth) in [
        ("/tavu/compute/v1/instances", key.clone()),
        ("/tavu/networking/v1/subnets", key.clone()),
        (
            "/joviam/instances",
            format!("Bearer {}", sandbox.joviam_token()),
        ),
        (
            "/joviam/disks",
            format!("Bearer {}", sandbox.joviam_token()),
        ),
    ] {
        for body in [
            &b"{"[..],
            b"[]",
            b"null",
            b"\"text\"",
            b"{\"instance\": 5}",
            b"{\"name\": {\"deep\": [[[[[]]]]]}}",
            b"\xff\xfe\xfd",
            b"{\"size\": 1e400}",
            b"{\"network\": {\"name\": \"\\ud800\"}}",
        ] {
            let mut request = format!(
                "POST {path} HTTP/1.1\r\nAuthorization: {auth}\r\nContent-Length: {}\r\n\r\n",
                body.len()
            )
            .into_bytes();
            request.extend_from_slice(body);
            cases.push(request);
        }
    }
    let mut seed = 0x5eed_u64;
    for _ in 0..60 {
        let len = (xorshift(&mut seed) % 2048) as usize;
        let mut bytes: Vec<u8> = (0..len).map(|_| xorshift(&mut seed) as u8).collect();
        if xorshift(&mut seed) % 2 == 0 {
            let mut framed = b"POST /tavu/compute/v1/instances HTTP/1.1\r\n".to_vec();
            framed.append(&mut bytes);
            bytes = framed;
        }
        cases.push(bytes);
    }
    let tavu = sandbox.tavu_client().unwrap();
    let started = Instant::now();
    for (i, case) in cases.iter().enumerate() {
        let answer = send_raw(&url, case);
        if !answer.is_empty() {
            assert!(
                answer.starts_with(b"HTTP/1.1 "),
                "case {i}: {:?}",
                String::from_utf8_lossy(&answer)
            );
        }
        // The server still answers a correct request, on a fresh connection and correctly.
        assert!(tavu.networks().list().unwrap().is_empty(), "after case {i}");
    }
    assert!(started.elapsed() < Duration::from_secs(60));
    let statuses: HashSet<u16> = sandbox.requests().iter().filter_map(|r| r.status).collect();
    assert!(statuses.contains(&400), "{statuses:?}");
    assert!(
        !statuses.iter().any(|s| *s >= 500),
        "no request made the sandbox fail"
    );
}
