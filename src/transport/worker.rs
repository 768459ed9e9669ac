//! Pooled helper threads: where a call on an interrupt-watched thread connects and looks names
//! up (see `interrupt.rs`), so that thread stays free to run the interrupt check.

use std::sync::mpsc;
use std::time::Duration;

/// Work handed to a helper thread.
pub(super) type Job = Box<dyn FnOnce() + Send>;

/// Idle helper threads of interruptible calls, most recently used last. Reusing one costs a
/// channel hand-off instead of a thread start (about 40 µs on a busy machine).
static IDLE_WORKERS: std::sync::Mutex<Vec<mpsc::Sender<Job>>> = std::sync::Mutex::new(Vec::new());

/// How long a helper thread waits for more work before it ends.
const WORKER_IDLE: Duration = Duration::from_secs(30);

/// Runs `job` on an idle helper thread, or on a new one; gives the job back if no thread can
/// be started.
pub(super) fn run_on_worker(job: Job) -> std::result::Result<(), Job> {
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
