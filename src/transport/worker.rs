//! Interruptible attempts: the exchange runs on a pooled helper thread while the calling
//! thread polls the interrupt check.

use std::sync::{mpsc, Arc};
use std::time::Duration;

use ureq::http::Method;

use super::{Outcome, Transport, SLEEP_SLICE};
use crate::error::{Error, Result};

/// Work handed to a helper thread.
type Job = Box<dyn FnOnce() + Send>;

/// Idle helper threads of interruptible calls, most recently used last. Reusing one costs a
/// channel hand-off instead of a thread start (about 40 µs on a busy machine).
static IDLE_WORKERS: std::sync::Mutex<Vec<mpsc::Sender<Job>>> = std::sync::Mutex::new(Vec::new());

/// How long a helper thread waits for more work before it ends.
const WORKER_IDLE: Duration = Duration::from_secs(30);

/// Runs `job` on an idle helper thread, or on a new one; gives the job back if no thread can
/// be started.
fn run_on_worker(job: Job) -> std::result::Result<(), Job> {
    let mut job = job;
    while let Some(worker) = IDLE_WORKERS.lock().ok().and_then(|mut idle| idle.pop()) {
        match worker.send(job) {
            Ok(()) => return Ok(()),
            // That thread has ended (idle too long); try the next one.
            Err(mpsc::SendError(back)) => job = back,
        }
    }
    let (tx, rx) = mpsc::channel::<Job>();
    let slot = std::sync::Arc::new(std::sync::Mutex::new(Some(job)));
    let first = std::sync::Arc::clone(&slot);
    let started = std::thread::Builder::new()
        .name("vpsclient-call".into())
        .spawn(move || {
            let mut next = first.lock().ok().and_then(|mut j| j.take());
            while let Some(job) = next.take() {
                job();
                match IDLE_WORKERS.lock() {
                    Ok(mut idle) => idle.push(tx.clone()),
                    Err(_) => return,
                }
                next = rx.recv_timeout(WORKER_IDLE).ok();
            }
        });
    match started {
        Ok(_) => Ok(()),
        Err(_) => match slot.lock().ok().and_then(|mut j| j.take()) {
            Some(job) => Err(job),
            None => Ok(()),
        },
    }
}

impl Transport {
    /// One attempt. On a thread the interrupt check watches, the exchange runs on a helper
    /// thread while this one polls the check, so an interrupt is noticed wherever the exchange
    /// is blocked (connect, send, receive). Elsewhere it runs inline.
    pub(super) fn attempt(
        &self,
        method: &Method,
        url: &str,
        body: &Option<Arc<[u8]>>,
    ) -> Result<Outcome> {
        let Some(interrupt) = self.interrupt.as_ref().filter(|i| (i.applies)()) else {
            return Ok(self.shared.exchange(method, url, body.as_deref()));
        };
        let (tx, rx) = mpsc::sync_channel(1);
        let shared = Arc::clone(&self.shared);
        let (method_owned, url_owned, body_owned) = (method.clone(), url.to_owned(), body.clone());
        let job: Job = Box::new(move || {
            let outcome = shared.exchange(&method_owned, &url_owned, body_owned.as_deref());
            // The receiver is gone when the call was interrupted; the outcome (and with it
            // the connection, unless its body was read to the end) is dropped.
            let _ = tx.send(outcome);
        });
        if let Err(job) = run_on_worker(job) {
            // No thread to be had: run inline, without interrupts.
            drop(job);
            return Ok(self.shared.exchange(method, url, body.as_deref()));
        }
        loop {
            match rx.recv_timeout(SLEEP_SLICE) {
                Ok(outcome) => return Ok(outcome),
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    if (interrupt.check)() {
                        return Err(Error::Interrupted);
                    }
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    return Err(Error::Transport {
                        method: method.to_string(),
                        url: url.to_owned(),
                        message: "the request's worker thread stopped unexpectedly".into(),
                        attempts: 1,
                        retryable: false,
                    })
                }
            }
        }
    }
}
