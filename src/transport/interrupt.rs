//! Calls that an interrupt (Ctrl-C in Python) stops wherever they are blocked, run on the
//! calling thread.
//!
//! On the thread an [`Interrupt`] watches (Python's main thread), and only there:
//! - **reads** wait at most [`SLEEP_SLICE`] at a time: the connection's transport is wrapped
//!   ([`Interruptible`]) and runs the interrupt check between slices, within the call's
//!   overall timeout;
//! - **connecting** and **name lookups** run on a pooled helper thread while the calling
//!   thread polls the check ([`run_interruptibly`]); a connection whose connect was abandoned
//!   is dropped by the helper.
//!
//! Writes are not sliced (a partly written request cannot be resumed): one blocks only while
//! a server stops reading a request larger than the socket buffers, and ends at the timeout.
//!
//! Everything else runs as ureq runs it, so a call on the main thread costs what a call on
//! any other thread does (handing every exchange to a helper thread cost about 25 µs a call).
//! An interrupted call fails with [`Error::Interrupted`](crate::Error::Interrupted): its
//! connection is closed (ureq pools only connections whose exchange completed) and nothing
//! is retried.

use std::cell::Cell;
use std::io;
use std::sync::mpsc;
use std::time::Instant;

use ureq::unversioned::resolver::DefaultResolver;
use ureq::unversioned::transport::time::Duration as UreqDuration;
use ureq::unversioned::transport::{
    Buffers, ConnectionDetails, Connector, Either, NextTimeout, TcpConnector, Transport,
};

use std::sync::Arc;

use ureq::http::Method;

use super::worker::run_on_worker;
use super::{Interrupt, Outcome, Transport as Client, SLEEP_SLICE};
use crate::error::{Error, Result};

thread_local! {
    /// Set when an interrupt stopped this thread's current exchange; read by the caller, which
    /// turns the transport error ureq reports into `Error::Interrupted`.
    static INTERRUPTED: Cell<bool> = const { Cell::new(false) };
}

/// Whether an interrupt stopped this thread's exchange since the last call; clears the mark.
pub(super) fn take_interrupted() -> bool {
    INTERRUPTED.with(|flag| flag.replace(false))
}

/// Marks this thread's exchange as interrupted and returns the error that unwinds ureq.
pub(super) fn interrupted() -> ureq::Error {
    INTERRUPTED.with(|flag| flag.set(true));
    ureq::Error::Io(io::Error::new(
        io::ErrorKind::Interrupted,
        "interrupted by the caller",
    ))
}

impl Client {
    /// One attempt, on the calling thread; [`Error::Interrupted`] when the interrupt check
    /// stopped it.
    pub(super) fn attempt(
        &self,
        method: &Method,
        url: &str,
        body: &Option<Arc<[u8]>>,
    ) -> Result<Outcome> {
        take_interrupted();
        let outcome = self.shared.exchange(method, url, body.as_deref());
        if take_interrupted() {
            return Err(Error::Interrupted);
        }
        Ok(outcome)
    }
}

/// The interrupt if it watches the current thread.
pub(super) fn watching(interrupt: &Option<Interrupt>) -> Option<&Interrupt> {
    interrupt.as_ref().filter(|i| (i.applies)())
}

/// Runs `work` on a helper thread while this thread runs the interrupt check every
/// [`SLEEP_SLICE`]; `None` when the check asked to stop (the helper finishes on its own and
/// its result is dropped). Runs `work` here when no helper thread can be had.
pub(super) fn run_interruptibly<T: Send + 'static>(
    interrupt: &Interrupt,
    work: impl FnOnce() -> T + Send + 'static,
) -> Option<T> {
    let (tx, rx) = mpsc::sync_channel(1);
    let job = Box::new(move || {
        let _ = tx.send(work());
    });
    if let Err(job) = run_on_worker(job) {
        job();
    }
    loop {
        match rx.recv_timeout(SLEEP_SLICE) {
            Ok(value) => return Some(value),
            Err(mpsc::RecvTimeoutError::Timeout) => {
                if (interrupt.check)() {
                    return None;
                }
            }
            // The work panicked: there is nothing to wait for.
            Err(mpsc::RecvTimeoutError::Disconnected) => return None,
        }
    }
}

/// Opens TCP connections as ureq's [`TcpConnector`] does, connecting on a helper thread when
/// the calling thread is watched, and wraps every connection in [`Interruptible`].
#[derive(Clone)]
pub(super) struct InterruptibleTcp {
    pub(super) interrupt: Option<Interrupt>,
}

impl std::fmt::Debug for InterruptibleTcp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InterruptibleTcp").finish_non_exhaustive()
    }
}

impl<In: Transport> Connector<In> for InterruptibleTcp {
    type Out = Interruptible;

    fn connect(
        &self,
        details: &ConnectionDetails,
        chained: Option<In>,
    ) -> Result<Option<Self::Out>, ureq::Error> {
        let inner: Box<dyn Transport> = match (chained, watching(&self.interrupt)) {
            // A CONNECT proxy's tunnel: its own socket came through this connector already.
            (Some(chained), _) => Box::new(chained),
            (None, None) => match TcpConnector::default().connect(details, None::<()>)? {
                Some(Either::B(tcp)) => Box::new(tcp),
                Some(Either::A(())) | None => return Ok(None),
            },
            (None, Some(interrupt)) => connect_on_helper(details, interrupt)?,
        };
        Ok(Some(Interruptible {
            inner,
            interrupt: self.interrupt.clone(),
            used: false,
        }))
    }
}

/// ureq's TCP connect, on a helper thread: the details it needs are copied there (a
/// connect that is abandoned finishes or times out on its own, and its socket is dropped).
fn connect_on_helper(
    details: &ConnectionDetails,
    interrupt: &Interrupt,
) -> Result<Box<dyn Transport>, ureq::Error> {
    let uri = details.uri.clone();
    let config = details.config.clone();
    let addrs = details.addrs.clone();
    let (request_level, now, timeout) = (details.request_level, details.now, details.timeout);
    let current_time = details.current_time.clone();
    let run_connector = details.run_connector.clone();
    let register_shutdown = details.register_shutdown.clone();
    let connected = run_interruptibly(interrupt, move || {
        // TCP needs no name lookups of its own (the addresses are resolved already).
        let resolver = DefaultResolver::default();
        let details = ConnectionDetails {
            uri: &uri,
            addrs,
            config: &config,
            request_level,
            resolver: &resolver,
            now,
            timeout,
            current_time,
            run_connector,
            register_shutdown,
        };
        match TcpConnector::default().connect(&details, None::<()>) {
            Ok(Some(Either::B(tcp))) => Ok(Some(Box::new(tcp) as Box<dyn Transport>)),
            Ok(_) => Ok(None),
            Err(e) => Err(e),
        }
    })
    .ok_or_else(interrupted)??;
    connected.ok_or(ureq::Error::ConnectionFailed)
}

/// `timeout` with a remaining time of a second or more rounded down to a step of 1/32 of
/// itself (about 0.9 s of 30 s). ureq sets a socket's timeout again only when the value
/// changes, and the remaining time of every call is a new value: rounded, consecutive calls
/// share one, and the syscall (one or two a call) is saved. An I/O timeout may so fire up to
/// about 3% of the time limit early, never late.
fn coarse(timeout: NextTimeout) -> NextTimeout {
    let UreqDuration::Exact(after) = timeout.after else {
        return timeout;
    };
    let ms = after.as_millis();
    if ms < 1000 {
        return timeout;
    }
    let shift = (128 - ms.leading_zeros()).saturating_sub(6);
    let rounded = (ms >> shift) << shift;
    NextTimeout {
        after: UreqDuration::Exact(std::time::Duration::from_millis(rounded as u64)),
        ..timeout
    }
}

/// A connection whose reads, on the watched thread, wait at most [`SLEEP_SLICE`] at a time
/// and run the interrupt check in between (see the module docs).
///
/// It also spares the pool one of its two liveness probes per call (three syscalls each):
/// ureq probes a connection when it goes back to the pool and again when it is taken out.
/// Right after an exchange the first probe tells nothing the second will not, so it is
/// answered "open" without probing; the probe before every use still runs.
pub(super) struct Interruptible {
    inner: Box<dyn Transport>,
    interrupt: Option<Interrupt>,
    /// I/O happened since the last liveness probe.
    used: bool,
}

impl std::fmt::Debug for Interruptible {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Interruptible").finish_non_exhaustive()
    }
}

impl Transport for Interruptible {
    fn buffers(&mut self) -> &mut dyn Buffers {
        self.inner.buffers()
    }

    fn transmit_output(&mut self, amount: usize, timeout: NextTimeout) -> Result<(), ureq::Error> {
        self.used = true;
        self.inner.transmit_output(amount, coarse(timeout))
    }

    fn await_input(&mut self, timeout: NextTimeout) -> Result<bool, ureq::Error> {
        self.used = true;
        let Some(interrupt) = watching(&self.interrupt) else {
            return self.inner.await_input(coarse(timeout));
        };
        let slice = UreqDuration::Exact(SLEEP_SLICE);
        // A per-read limit of its own, if one was set, still applies as such.
        let own_limit = timeout.per_read.is_some_and(|limit| limit <= slice);
        let started = Instant::now();
        loop {
            let left = match timeout.after {
                UreqDuration::Exact(after) => {
                    UreqDuration::Exact(after.saturating_sub(started.elapsed()))
                }
                UreqDuration::NotHappening => UreqDuration::NotHappening,
            };
            let sliced = NextTimeout {
                after: left,
                per_read: Some(timeout.per_read.map_or(slice, |limit| limit.min(slice))),
                ..timeout
            };
            match self.inner.await_input(sliced) {
                Err(ureq::Error::Timeout(ureq::Timeout::PerRead)) if !own_limit => {
                    if (interrupt.check)() {
                        return Err(interrupted());
                    }
                }
                other => return other,
            }
        }
    }

    fn is_open(&mut self) -> bool {
        if std::mem::take(&mut self.used) {
            // Going back to the pool right after an exchange; probed when taken out again.
            return true;
        }
        self.inner.is_open()
    }

    fn is_tls(&self) -> bool {
        self.inner.is_tls()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remaining_times_are_rounded_down_by_at_most_a_32nd() {
        let at = |ms: u64| NextTimeout {
            after: UreqDuration::Exact(std::time::Duration::from_millis(ms)),
            ..NextTimeout::default()
        };
        let ms = |t: NextTimeout| match t.after {
            UreqDuration::Exact(d) => d.as_millis() as u64,
            UreqDuration::NotHappening => u64::MAX,
        };
        for remaining in [1_000, 1_087, 1_999, 2_175, 9_999, 29_990, 30_000, 600_000] {
            let rounded = ms(coarse(at(remaining)));
            assert!(
                rounded <= remaining && rounded * 32 >= remaining * 31,
                "{remaining} -> {rounded}"
            );
        }
        // Consecutive calls of a 30 s limit share one value.
        assert_eq!(ms(coarse(at(29_990))), ms(coarse(at(29_700))));
        // Short remaining times are left alone (no early timeouts near the end).
        for remaining in [0, 1, 50, 999] {
            assert_eq!(ms(coarse(at(remaining))), remaining);
        }
        assert!(coarse(NextTimeout::default()).after.is_not_happening());
    }
}
