//! vpsclient's benchmark, Rust side (issue 12): `TavuClient::instances().list()` against a bare
//! ureq agent plus `serde_json` into the same `Vec<vpsclient::tavu::Instance>`, and a raw
//! `TcpStream` floor, on a fixed-body HTTP server of its own on 127.0.0.1.
//!
//!     cargo run --release --example bench -- [--quick] [--rounds N] [--big N]
//!
//! `bash bench/run.sh` runs it after the Python side; see bench/README.md. Figures are printed,
//! never asserted. The last line, `SUMMARY key=value ...`, is read by bench/bench.py.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;
use vpsclient::tavu::Instance;
use vpsclient::TavuClient;

#[path = "many_instances.rs"]
mod many_instances;
use many_instances::many_instances;

const PATH: &str = "/compute/v1/instances";
const API_KEY: &str = "bench-key";
const FIXTURE: &str = include_str!("../tests/fixtures/tavu/instances.list.json");
/// The same cap vpsclient applies; ureq's own `read_json` would stop at 10 MB.
const MAX_BODY: u64 = 64 * 1024 * 1024;

type BoxError = Box<dyn std::error::Error + Send + Sync>;
type Call = Box<dyn FnMut() -> Result<usize, BoxError>>;

/// A server answering every request with the same body, keep-alive, one thread per connection.
struct FixedBodyServer {
    port: u16,
    connections: Arc<AtomicUsize>,
}

impl FixedBodyServer {
    fn start(body: &[u8]) -> io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let port = listener.local_addr()?.port();
        let mut response = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: keep-alive\r\n\r\n",
            body.len()
        )
        .into_bytes();
        response.extend_from_slice(body);
        let response = Arc::new(response);
        let connections = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&connections);
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                counter.fetch_add(1, Ordering::Relaxed);
                let response = Arc::clone(&response);
                thread::spawn(move || {
                    // A closed or reset connection just ends its thread.
                    let _ = serve(stream, &response);
                });
            }
        });
        Ok(FixedBodyServer { port, connections })
    }

    fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

fn serve(stream: TcpStream, response: &[u8]) -> io::Result<()> {
    stream.set_nodelay(true)?;
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    loop {
        let mut content_length = 0u64;
        loop {
            line.clear();
            if reader.read_line(&mut line)? == 0 {
                return Ok(());
            }
            if line == "\r\n" || line == "\n" {
                break;
            }
            let lower = line.to_ascii_lowercase();
            if let Some(value) = lower.strip_prefix("content-length:") {
                content_length = value.trim().parse().unwrap_or(0);
            }
        }
        io::copy(&mut (&mut reader).take(content_length), &mut io::sink())?;
        writer.write_all(response)?;
    }
}

/// One kept-alive socket and a hand-written exchange: the floor under any client.
struct RawConnection {
    reader: BufReader<TcpStream>,
    request: Vec<u8>,
}

impl RawConnection {
    fn open(port: u16) -> io::Result<Self> {
        let stream = TcpStream::connect(("127.0.0.1", port))?;
        stream.set_nodelay(true)?;
        let request = format!(
            "GET {PATH} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: {API_KEY}\r\nAccept: application/json\r\n\r\n"
        )
        .into_bytes();
        Ok(RawConnection {
            reader: BufReader::with_capacity(64 * 1024, stream),
            request,
        })
    }

    fn get(&mut self) -> io::Result<Vec<u8>> {
        self.reader.get_mut().write_all(&self.request)?;
        let mut line = String::new();
        let mut length = 0usize;
        loop {
            line.clear();
            if self.reader.read_line(&mut line)? == 0 {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
            if line == "\r\n" {
                break;
            }
            let lower = line.to_ascii_lowercase();
            if let Some(value) = lower.strip_prefix("content-length:") {
                length = value.trim().parse().map_err(io::Error::other)?;
            }
        }
        let mut body = vec![0; length];
        self.reader.read_exact(&mut body)?;
        Ok(body)
    }
}

/// The contenders, each with its own client (and so its own connection) to `base`.
fn contenders(base: &str, port: u16) -> Result<Vec<(&'static str, Call)>, BoxError> {
    let client = TavuClient::builder()
        .api_key(API_KEY)
        .base_url(base)
        .build()?;
    let vpsclient: Call = Box::new(move || Ok(client.instances().list()?.len()));

    let agent = ureq::Agent::new_with_defaults();
    let url = format!("{base}{PATH}");
    let bare_ureq: Call = Box::new(move || {
        let mut response = agent
            .get(&url)
            .header("Authorization", API_KEY)
            .header("Accept", "application/json")
            .call()?;
        read_instances(&mut response)
    });

    // Diagnostics: bare ureq plus only an overall timeout, then ureq with all of vpsclient's
    // agent settings (src/transport/config.rs) sending the request as vpsclient does (an
    // `http::Request` with an empty slice body), both with ureq's default resolver. With a
    // timeout set, that resolver looks the host up on a new thread before every call, even on
    // a kept-alive connection: what vpsclient's own resolver (src/transport/resolve.rs) saves.
    let agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .new_agent();
    let url = format!("{base}{PATH}");
    let ureq_timeout: Call = Box::new(move || {
        let mut response = agent.get(&url).header("Authorization", API_KEY).call()?;
        read_instances(&mut response)
    });
    let agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(Duration::from_secs(30)))
        .timeout_connect(Some(Duration::from_secs(10)))
        .user_agent("vpsclient/bench")
        .accept("application/json")
        .build()
        .new_agent();
    let url = format!("{base}{PATH}");
    let ureq_as_vpsclient: Call = Box::new(move || {
        let request = ureq::http::Request::builder()
            .method(ureq::http::Method::GET)
            .uri(&url)
            .header("authorization", API_KEY)
            .body(&[][..])?;
        let mut response = agent.run(request)?;
        read_instances(&mut response)
    });

    let mut raw = RawConnection::open(port)?;
    let raw_bytes: Call = Box::new(move || Ok(raw.get()?.len()));
    let mut raw = RawConnection::open(port)?;
    let raw_serde: Call = Box::new(move || {
        let instances: Vec<Instance> = serde_json::from_slice(&raw.get()?)?;
        Ok(instances.len())
    });

    Ok(vec![
        ("vpsclient", vpsclient),
        ("bare ureq + serde_json", bare_ureq),
        ("  diag: bare ureq + timeout_global", ureq_timeout),
        (
            "  diag: ureq set up and called as vpsclient",
            ureq_as_vpsclient,
        ),
        ("raw TcpStream, bytes (floor)", raw_bytes),
        ("raw TcpStream + serde_json", raw_serde),
    ])
}

/// Per-call seconds, one sample per round; each round starts one contender further along.
fn interleaved(
    calls: &mut [(&'static str, Call)],
    rounds: usize,
    batch: usize,
) -> Result<Vec<Vec<f64>>, BoxError> {
    let mut samples = vec![Vec::with_capacity(rounds); calls.len()];
    for (_, call) in calls.iter_mut() {
        call()?; // warm-up: the connection, the first allocations
    }
    for round in 0..rounds {
        for k in 0..calls.len() {
            let index = (round + k) % calls.len();
            let call = &mut calls[index].1;
            let start = Instant::now();
            for _ in 0..batch {
                std::hint::black_box(call()?);
            }
            samples[index].push(start.elapsed().as_secs_f64() / batch as f64);
        }
    }
    Ok(samples)
}

fn percentile(values: &[f64], q: f64) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    if sorted.is_empty() {
        return f64::NAN;
    }
    let k = (sorted.len() - 1) as f64 * q;
    let lo = k.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    sorted[lo] + (sorted[hi] - sorted[lo]) * (k - lo as f64)
}

fn fmt_time(seconds: f64) -> String {
    if seconds < 1e-3 {
        format!("{:.1} us", seconds * 1e6)
    } else if seconds < 1.0 {
        format!("{:.2} ms", seconds * 1e3)
    } else {
        format!("{seconds:.2} s")
    }
}

/// Prints the table and returns the medians, in the contenders' order.
fn print_table(names: &[&str], samples: &[Vec<f64>], reference: usize) -> Vec<f64> {
    let medians: Vec<f64> = samples.iter().map(|s| percentile(s, 0.5)).collect();
    let width = names.iter().map(|n| n.len()).max().unwrap_or(0).max(9);
    println!(
        "  {:<width$}  {:>10}  {:>21}  {:>9}",
        "contender", "median", "p10 - p90", "ratio"
    );
    println!(
        "  {}  {}  {}  {}",
        "-".repeat(width),
        "-".repeat(10),
        "-".repeat(21),
        "-".repeat(9)
    );
    for (i, name) in names.iter().enumerate() {
        let spread = format!(
            "{} - {}",
            fmt_time(percentile(&samples[i], 0.1)),
            fmt_time(percentile(&samples[i], 0.9))
        );
        println!(
            "  {:<width$}  {:>10}  {:>21}  {:>8.2}x",
            name,
            fmt_time(medians[i]),
            spread,
            medians[i] / medians[reference]
        );
    }
    medians
}

/// A bare ureq response's body read with vpsclient's size limit and decoded into the same
/// `Vec<Instance>`; the number of instances.
fn read_instances(response: &mut ureq::http::Response<ureq::Body>) -> Result<usize, BoxError> {
    let bytes = response
        .body_mut()
        .with_config()
        .limit(MAX_BODY)
        .read_to_vec()?;
    let instances: Vec<Instance> = serde_json::from_slice(&bytes)?;
    Ok(instances.len())
}

/// One scenario: a server with `body`, every contender interleaved. Returns the medians.
fn scenario(body: &[u8], rounds: usize, batch: usize) -> Result<Vec<f64>, BoxError> {
    let server = FixedBodyServer::start(body)?;
    let mut calls = contenders(&server.base_url(), server.port)?;
    let samples = interleaved(&mut calls, rounds, batch)?;
    let names: Vec<&str> = calls.iter().map(|(name, _)| *name).collect();
    let medians = print_table(&names, &samples, 1);
    println!(
        "  (ratio: time / bare ureq + serde_json; connections accepted: {}, one per contender;\n   diag rows: bare ureq with vpsclient's overall timeout, then with all its settings)",
        server.connections.load(Ordering::Relaxed)
    );
    Ok(medians)
}

/// Decoding alone, on the same bytes: plain serde_json against serde_path_to_error, which
/// vpsclient uses to name the failing field of a body that does not match.
fn decode_only(body: &[u8], rounds: usize, batch: usize) -> Result<(), BoxError> {
    let mut plain = Vec::with_capacity(rounds);
    let mut with_path = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let start = Instant::now();
        for _ in 0..batch {
            let v: Vec<Instance> = serde_json::from_slice(std::hint::black_box(body))?;
            std::hint::black_box(v);
        }
        plain.push(start.elapsed().as_secs_f64() / batch as f64);
        let start = Instant::now();
        for _ in 0..batch {
            let mut de = serde_json::Deserializer::from_slice(std::hint::black_box(body));
            let v: Vec<Instance> =
                serde_path_to_error::deserialize(&mut de).map_err(|e| e.to_string())?;
            std::hint::black_box(v);
        }
        with_path.push(start.elapsed().as_secs_f64() / batch as f64);
    }
    println!(
        "  decode only, no HTTP: serde_json::from_slice {} ; via serde_path_to_error {}",
        fmt_time(percentile(&plain, 0.5)),
        fmt_time(percentile(&with_path, 0.5))
    );
    Ok(())
}

struct Options {
    quick: bool,
    rounds: usize,
    batch: usize,
    big: usize,
    big_rounds: usize,
}

fn options() -> Result<Options, BoxError> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let quick = args.iter().any(|a| a == "--quick");
    let value = |flag: &str| -> Result<Option<usize>, BoxError> {
        match args.iter().position(|a| a == flag) {
            Some(i) => Ok(Some(
                args.get(i + 1)
                    .ok_or_else(|| format!("{flag} needs a number"))?
                    .parse()?,
            )),
            None => Ok(None),
        }
    };
    Ok(Options {
        quick,
        rounds: value("--rounds")?.unwrap_or(if quick { 5 } else { 30 }),
        batch: if quick { 20 } else { 200 },
        big: value("--big")?.unwrap_or(if quick { 1000 } else { 10_000 }),
        big_rounds: if quick { 3 } else { 10 },
    })
}

fn main() -> Result<(), BoxError> {
    let opts = options()?;
    let fixture: Value = serde_json::from_str(FIXTURE)?;
    let examples = fixture["response"]
        .as_array()
        .ok_or("the fixture has no response array")?
        .clone();
    let small = serde_json::to_vec(&Value::Array(examples.clone()))?;
    let big = serde_json::to_vec(&many_instances(&examples, opts.big))?;

    println!(
        "Rust side{}: {} build, ureq agents with default settings, one kept-alive connection each",
        if opts.quick { " (quick mode)" } else { "" },
        if cfg!(debug_assertions) {
            "DEBUG (figures not representative)"
        } else {
            "release"
        }
    );
    println!(
        "\n  small body: the 2-instance example ({} bytes), {} rounds x {} calls",
        small.len(),
        opts.rounds,
        opts.batch
    );
    let small_medians = scenario(&small, opts.rounds, opts.batch)?;
    decode_only(&small, opts.rounds, opts.batch)?;

    println!(
        "\n  big body: {} instances ({:.1} MB), {} rounds x 1 call",
        opts.big,
        big.len() as f64 / 1e6,
        opts.big_rounds
    );
    let big_medians = scenario(&big, opts.big_rounds, 1)?;
    decode_only(&big, opts.big_rounds, 1)?;

    println!(
        "SUMMARY small_ratio={:.2} small_vpsclient={} small_ureq={} big_ratio={:.2} big_vpsclient={} big_ureq={} big_count={}",
        small_medians[0] / small_medians[1],
        fmt_time(small_medians[0]).replace(' ', "_"),
        fmt_time(small_medians[1]).replace(' ', "_"),
        big_medians[0] / big_medians[1],
        fmt_time(big_medians[0]).replace(' ', "_"),
        fmt_time(big_medians[1]).replace(' ', "_"),
        opts.big
    );
    Ok(())
}
