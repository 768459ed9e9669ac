//! The sandbox's HTTP/1.1 server: a listener on 127.0.0.1 and one thread per connection.
//!
//! It is its own (rather than a crate's) because fault injection needs the socket itself: a
//! reset is a close with `SO_LINGER` 0, a reset during an answer cuts the body halfway, and a
//! stall holds a connection without blocking the others. It reads requests defensively: a
//! head over 64 KiB, a body over 16 MiB, a malformed request line, header or chunk, or a
//! client that stops sending gets an error answer or a closed connection, never a panic or a
//! thread stuck for good, and the handler runs under `catch_unwind`.

use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::http::{self, Reply};

/// The largest request head (request line and headers) read.
const MAX_HEAD: usize = 64 * 1024;
/// The largest request body read.
const MAX_BODY: usize = 16 * 1024 * 1024;
/// How many connections are served at once; one more gets a 503 and is closed.
const MAX_CONNECTIONS: usize = 1024;
/// How long a kept-alive connection may sit idle between requests.
const IDLE: Duration = Duration::from_secs(60);
/// How long a started request may take to arrive in full.
const RECEIVE: Duration = Duration::from_secs(10);
/// How often a blocked read looks at the stop flag.
const POLL: Duration = Duration::from_millis(100);

/// One request as it arrived.
pub(crate) struct Incoming {
    pub method: String,
    /// The request target: path and query (`/tavu/a/b?x=1`).
    pub target: String,
    /// Header names lower-cased.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Incoming {
    /// The first header with this (lower-case) name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// What to do with a request, after waiting `latency`.
pub(crate) struct Outcome {
    pub latency: Duration,
    pub action: Action,
}

/// How a request is answered (or not).
pub(crate) enum Action {
    Answer(Reply),
    ResetBeforeAnswer,
    ResetDuringAnswer(Reply),
    Stall(Duration),
}

/// Turns a request into an outcome.
pub(crate) type Handler = dyn Fn(Incoming) -> Outcome + Send + Sync;

/// What the accepting thread and every connection share.
struct Shared {
    stop: AtomicBool,
    next_id: AtomicU64,
    /// A clone of each open connection's stream, to shut them down on stop.
    open: Mutex<HashMap<u64, TcpStream>>,
    handler: Box<Handler>,
}

/// A running server; [`Server::stop`] ends it.
pub(crate) struct Server {
    addr: SocketAddr,
    shared: Arc<Shared>,
    accept: Option<JoinHandle<()>>,
}

impl Server {
    /// Listens on `127.0.0.1:port` (0 for any free port) and serves on background threads.
    pub(crate) fn start(port: u16, handler: Box<Handler>) -> io::Result<Server> {
        let listener = listen(port)?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            stop: AtomicBool::new(false),
            next_id: AtomicU64::new(0),
            open: Mutex::new(HashMap::new()),
            handler,
        });
        let accept = {
            let shared = Arc::clone(&shared);
            std::thread::Builder::new()
                .name("vpsclient-sandbox".into())
                .spawn(move || accept_loop(&listener, &shared))?
        };
        Ok(Server {
            addr,
            shared,
            accept: Some(accept),
        })
    }

    /// The port listened on.
    pub(crate) fn port(&self) -> u16 {
        self.addr.port()
    }

    /// Stops accepting, closes every open connection and waits for the accepting thread.
    pub(crate) fn stop(&mut self) {
        let Some(accept) = self.accept.take() else {
            return;
        };
        self.shared.stop.store(true, Ordering::SeqCst);
        // Wake the accepting thread, blocked in accept().
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        let _ = accept.join();
        let open = std::mem::take(&mut *lock(&self.shared.open));
        for stream in open.values() {
            let _ = stream.shutdown(std::net::Shutdown::Both);
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A listening socket on 127.0.0.1 with Nagle's algorithm off (accepted sockets inherit it):
/// with it on, a reply written in two parts waits for the client's delayed ACK, ~40 ms.
fn listen(port: u16) -> io::Result<TcpListener> {
    use socket2::{Domain, Socket, Type};
    let socket = Socket::new(Domain::IPV4, Type::STREAM, None)?;
    socket.set_reuse_address(true)?;
    socket.set_tcp_nodelay(true)?;
    socket.bind(&SocketAddr::from(([127, 0, 0, 1], port)).into())?;
    socket.listen(1024)?;
    Ok(socket.into())
}

fn accept_loop(listener: &TcpListener, shared: &Arc<Shared>) {
    for stream in listener.incoming() {
        if shared.stop.load(Ordering::SeqCst) {
            return;
        }
        let Ok(mut stream) = stream else {
            // Out of file descriptors, typically: let the backlog wait a moment.
            std::thread::sleep(Duration::from_millis(10));
            continue;
        };
        let id = shared.next_id.fetch_add(1, Ordering::Relaxed);
        {
            let mut open = lock(&shared.open);
            if open.len() >= MAX_CONNECTIONS {
                drop(open);
                let reply = http::tavu_error(503, "the sandbox is serving too many connections");
                let _ = write_reply(&mut stream, &reply, true, None);
                continue;
            }
            match stream.try_clone() {
                Ok(clone) => {
                    open.insert(id, clone);
                }
                Err(_) => continue,
            }
        }
        let _ = stream.set_nodelay(true);
        let conn_shared = Arc::clone(shared);
        let spawned = std::thread::Builder::new()
            .name("vpsclient-sandbox-conn".into())
            .spawn(move || {
                let mut conn = Conn {
                    stream,
                    buf: Vec::new(),
                    shared: &conn_shared,
                };
                let reset = conn.serve();
                lock(&conn_shared.open).remove(&id);
                if reset {
                    // The clone is gone, so this drop closes the socket: with linger 0, a RST.
                    let _ = socket2::SockRef::from(&conn.stream).set_linger(Some(Duration::ZERO));
                }
            });
        if spawned.is_err() {
            lock(&shared.open).remove(&id);
        }
    }
}

/// Why reading a request stopped.
enum ReadError {
    /// The client closed, went quiet, or the server is stopping: close without a word.
    Gone,
    /// The request is malformed: answer this status and close.
    Bad(u16, &'static str),
}

struct Conn<'a> {
    stream: TcpStream,
    /// Bytes received and not consumed yet.
    buf: Vec<u8>,
    shared: &'a Shared,
}

impl Conn<'_> {
    /// Serves requests until the connection ends; true when it is to end with a reset.
    fn serve(&mut self) -> bool {
        if self.stream.set_read_timeout(Some(POLL)).is_err()
            || self
                .stream
                .set_write_timeout(Some(Duration::from_secs(10)))
                .is_err()
        {
            return false;
        }
        loop {
            let incoming = match self.read_request() {
                Ok(incoming) => incoming,
                Err(ReadError::Gone) => return false,
                Err(ReadError::Bad(status, message)) => {
                    let reply = http::tavu_error(status, message);
                    let _ = write_reply(&mut self.stream, &reply, true, None);
                    return false;
                }
            };
            let close = wants_close(&incoming);
            let handler = &self.shared.handler;
            let outcome =
                catch_unwind(AssertUnwindSafe(|| handler(incoming))).unwrap_or_else(|_| Outcome {
                    latency: Duration::ZERO,
                    action: Action::Answer(http::tavu_error(500, "the sandbox failed")),
                });
            if !self.pause(outcome.latency) {
                return false;
            }
            match outcome.action {
                Action::Answer(reply) => {
                    if write_reply(&mut self.stream, &reply, close, None).is_err() || close {
                        return false;
                    }
                }
                Action::ResetBeforeAnswer => return true,
                Action::ResetDuringAnswer(reply) => {
                    let cut = reply.body.as_ref().map_or(0, |b| b.len() / 2);
                    let _ = write_reply(&mut self.stream, &reply, false, Some(cut));
                    // Let the client take in the head before the reset arrives.
                    std::thread::sleep(Duration::from_millis(20));
                    return true;
                }
                Action::Stall(duration) => {
                    self.pause(duration);
                    return false;
                }
            }
        }
    }

    /// Sleeps `duration` unless the server stops first; false if it did.
    fn pause(&self, duration: Duration) -> bool {
        let end = Instant::now() + duration;
        while Instant::now() < end {
            if self.shared.stop.load(Ordering::SeqCst) {
                return false;
            }
            std::thread::sleep((end - Instant::now()).min(Duration::from_millis(50)));
        }
        !self.shared.stop.load(Ordering::SeqCst)
    }

    /// Reads more bytes into `buf`, waiting until `deadline`.
    fn fill(&mut self, deadline: Instant) -> Result<(), ReadError> {
        let mut chunk = [0u8; 16 * 1024];
        loop {
            if self.shared.stop.load(Ordering::SeqCst) {
                return Err(ReadError::Gone);
            }
            match self.stream.read(&mut chunk) {
                Ok(0) => return Err(ReadError::Gone),
                Ok(n) => {
                    self.buf.extend_from_slice(&chunk[..n]);
                    return Ok(());
                }
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::WouldBlock
                            | io::ErrorKind::TimedOut
                            | io::ErrorKind::Interrupted
                    ) =>
                {
                    if Instant::now() >= deadline {
                        return Err(ReadError::Gone);
                    }
                }
                Err(_) => return Err(ReadError::Gone),
            }
        }
    }

    /// Takes `n` bytes from the front of `buf`, reading more as needed.
    fn take(&mut self, n: usize, deadline: Instant) -> Result<Vec<u8>, ReadError> {
        while self.buf.len() < n {
            self.fill(deadline)?;
        }
        let rest = self.buf.split_off(n);
        Ok(std::mem::replace(&mut self.buf, rest))
    }

    /// Takes one line (without its CRLF or LF), at most `max` bytes long.
    fn line(&mut self, deadline: Instant, max: usize) -> Result<Vec<u8>, ReadError> {
        loop {
            if let Some(end) = self.buf.iter().position(|&b| b == b'\n') {
                let mut line = self.take(end + 1, deadline)?;
                line.pop();
                if line.last() == Some(&b'\r') {
                    line.pop();
                }
                return Ok(line);
            }
            if self.buf.len() > max {
                return Err(ReadError::Bad(400, "a line of the request is too long"));
            }
            self.fill(deadline)?;
        }
    }

    fn read_request(&mut self) -> Result<Incoming, ReadError> {
        // Blank lines between requests are allowed (RFC 9112 2.2).
        let mut deadline = Instant::now() + IDLE;
        let request_line = loop {
            let line = self.line(deadline, MAX_HEAD)?;
            deadline = Instant::now() + RECEIVE;
            if !line.is_empty() {
                break line;
            }
        };
        let (method, target) = parse_request_line(&request_line)?;
        let mut headers = Vec::new();
        let mut head_size = request_line.len();
        loop {
            let line = self.line(deadline, MAX_HEAD)?;
            if line.is_empty() {
                break;
            }
            head_size += line.len() + 2;
            if head_size > MAX_HEAD || headers.len() >= 200 {
                return Err(ReadError::Bad(431, "the request's headers are too large"));
            }
            headers.push(parse_header(&line)?);
        }
        let mut incoming = Incoming {
            method,
            target,
            headers,
            body: Vec::new(),
        };
        let chunked = incoming
            .header("transfer-encoding")
            .map(|te| te.to_ascii_lowercase());
        match chunked.as_deref() {
            Some("chunked") => incoming.body = self.chunked_body(deadline)?,
            Some(_) => {
                return Err(ReadError::Bad(
                    501,
                    "only chunked transfer coding is understood",
                ))
            }
            None => {
                let lengths: Vec<&str> = incoming
                    .headers
                    .iter()
                    .filter(|(n, _)| n == "content-length")
                    .map(|(_, v)| v.trim())
                    .collect();
                let length = match lengths.split_first() {
                    None => 0,
                    Some((first, rest)) if rest.iter().all(|l| l == first) => {
                        match first.parse::<u64>() {
                            Ok(n) if first.bytes().all(|b| b.is_ascii_digit()) => n,
                            _ => {
                                return Err(ReadError::Bad(
                                    400,
                                    "the Content-Length is not a number",
                                ))
                            }
                        }
                    }
                    Some(_) => {
                        return Err(ReadError::Bad(400, "the Content-Length headers disagree"))
                    }
                };
                if length > MAX_BODY as u64 {
                    return Err(ReadError::Bad(413, "the request body is over 16 MiB"));
                }
                incoming.body = self.take(length as usize, deadline)?;
            }
        }
        Ok(incoming)
    }

    fn chunked_body(&mut self, deadline: Instant) -> Result<Vec<u8>, ReadError> {
        let mut body = Vec::new();
        loop {
            let line = self.line(deadline, 1024)?;
            let size = line.split(|&b| b == b';').next().unwrap_or_default();
            let size = std::str::from_utf8(size)
                .ok()
                .and_then(|s| usize::from_str_radix(s.trim(), 16).ok())
                .ok_or(ReadError::Bad(400, "a chunk size is malformed"))?;
            if size == 0 {
                // Trailers, up to the blank line.
                while !self.line(deadline, MAX_HEAD)?.is_empty() {}
                return Ok(body);
            }
            if body.len() + size > MAX_BODY {
                return Err(ReadError::Bad(413, "the request body is over 16 MiB"));
            }
            body.extend(self.take(size, deadline)?);
            if !self.line(deadline, 2)?.is_empty() {
                return Err(ReadError::Bad(400, "a chunk is longer than its size"));
            }
        }
    }
}

fn parse_request_line(line: &[u8]) -> Result<(String, String), ReadError> {
    const BAD: ReadError = ReadError::Bad(400, "the request line is malformed");
    let text = std::str::from_utf8(line).map_err(|_| BAD)?;
    let mut parts = text.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(BAD);
    };
    if method.is_empty()
        || !method.bytes().all(|b| b.is_ascii_uppercase())
        || !target.starts_with('/')
        || !target.bytes().all(|b| b.is_ascii_graphic())
    {
        return Err(BAD);
    }
    if version != "HTTP/1.1" && version != "HTTP/1.0" {
        return Err(ReadError::Bad(505, "only HTTP/1.1 and HTTP/1.0 are served"));
    }
    Ok((method.to_owned(), target.to_owned()))
}

fn parse_header(line: &[u8]) -> Result<(String, String), ReadError> {
    const BAD: ReadError = ReadError::Bad(400, "a header is malformed");
    let colon = line.iter().position(|&b| b == b':').ok_or(BAD)?;
    let name = std::str::from_utf8(&line[..colon]).map_err(|_| BAD)?;
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(BAD);
    }
    // Values are opaque bytes to HTTP; the sandbox only reads ASCII ones.
    let value = String::from_utf8_lossy(&line[colon + 1..])
        .trim()
        .to_owned();
    Ok((name.to_ascii_lowercase(), value))
}

fn wants_close(incoming: &Incoming) -> bool {
    incoming
        .header("connection")
        .is_some_and(|c| c.eq_ignore_ascii_case("close"))
}

/// Writes `reply`; with `cut`, only that many bytes of its body (the head still announces all).
fn write_reply(
    stream: &mut TcpStream,
    reply: &Reply,
    close: bool,
    cut: Option<usize>,
) -> io::Result<()> {
    let body = reply.body.as_deref().unwrap_or_default();
    let mut out = format!(
        "HTTP/1.1 {} {}\r\nContent-Length: {}\r\n",
        reply.status,
        reason(reply.status),
        body.len()
    );
    if reply.body.is_some() {
        out.push_str("Content-Type: application/json\r\n");
    }
    for (name, value) in &reply.headers {
        if !value.contains(['\r', '\n']) {
            out.push_str(&format!("{name}: {value}\r\n"));
        }
    }
    if close {
        out.push_str("Connection: close\r\n");
    }
    out.push_str("\r\n");
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(&body[..cut.unwrap_or(body.len()).min(body.len())]);
    stream.write_all(&bytes)?;
    stream.flush()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        413 => "Content Too Large",
        422 => "Unprocessable Content",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        _ => "Status",
    }
}
