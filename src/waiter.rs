//! Waiting for asynchronous work: poll objects until they reach a state, fail, or vanish.

use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use crate::transport::Transport;

/// How long a waiter waits and how often it asks.
///
/// ```
/// use std::time::Duration;
/// let options = vpsclient::WaitOptions::default().timeout(Duration::from_secs(120));
/// assert_eq!(options.interval, Duration::from_secs(5));
/// ```
#[derive(Clone)]
#[non_exhaustive]
pub struct WaitOptions {
    /// Give up after this long. Defaults to 600 seconds.
    pub timeout: Duration,
    /// Pause between two polls. Defaults to 5 seconds.
    pub interval: Duration,
    /// Called after every poll with the object's ID, its state (`None` once it is gone) and
    /// the time waited so far; an error it returns stops the wait with that error.
    pub on_poll: Option<PollHook>,
}

/// A progress callback of a waiter: `(id, state, elapsed)`, see [`WaitOptions::on_poll`].
pub type PollHook =
    std::sync::Arc<dyn Fn(&str, Option<&str>, Duration) -> Result<()> + Send + Sync>;

impl Default for WaitOptions {
    fn default() -> Self {
        WaitOptions {
            timeout: Duration::from_secs(600),
            interval: Duration::from_secs(5),
            on_poll: None,
        }
    }
}

impl std::fmt::Debug for WaitOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WaitOptions")
            .field("timeout", &self.timeout)
            .field("interval", &self.interval)
            .field("on_poll", &self.on_poll.as_ref().map(|_| "<callback>"))
            .finish()
    }
}

impl PartialEq for WaitOptions {
    fn eq(&self, other: &Self) -> bool {
        self.timeout == other.timeout
            && self.interval == other.interval
            && self.on_poll.is_none() == other.on_poll.is_none()
    }
}

impl WaitOptions {
    /// Sets how long to wait in all. Defaults to 600 seconds.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sets the pause between polls. Defaults to 5 seconds.
    pub fn interval(mut self, interval: Duration) -> Self {
        self.interval = interval;
        self
    }

    /// Calls `hook(id, state, elapsed)` after every poll (`state` is `None` once the object
    /// is gone), e.g. to show progress; an error it returns stops the wait.
    pub fn on_poll(
        mut self,
        hook: impl Fn(&str, Option<&str>, Duration) -> Result<()> + Send + Sync + 'static,
    ) -> Self {
        self.on_poll = Some(std::sync::Arc::new(hook));
        self
    }
}

/// Polls on behalf of one handler; `resource` names the object in errors (`instance`, `disk`).
pub(crate) struct Waiter<'a> {
    pub transport: &'a Transport,
    pub resource: &'static str,
    pub options: WaitOptions,
}

/// Errors worth polling through: the transport has already retried what it could, and the
/// object may answer on the next round.
fn transient(err: &Error) -> bool {
    err.is_retryable()
}

impl Waiter<'_> {
    /// Polls `fetch` for each ID until `state_of` says `wanted` for all of them. An object in
    /// one of `failures` stops being waited on at once. Returns the objects in the order of
    /// `ids`, or [`Error::WaitMany`] listing every object that failed or timed out.
    pub(crate) fn until_state_all<T>(
        &self,
        ids: &[&str],
        wanted: &str,
        failures: &[&str],
        mut fetch: impl FnMut(&str) -> Result<T>,
        state_of: impl Fn(&T) -> String,
    ) -> Result<Vec<T>> {
        let started = Instant::now();
        let mut done: Vec<Option<T>> = ids.iter().map(|_| None).collect();
        let mut last_state: Vec<Option<String>> = vec![None; ids.len()];
        let mut failed: Vec<(usize, Error)> = Vec::new();
        let mut pending: Vec<usize> = (0..ids.len()).collect();
        loop {
            let mut still = Vec::with_capacity(pending.len());
            for i in pending {
                match fetch(ids[i]) {
                    Ok(object) => {
                        let state = state_of(&object);
                        self.poll(ids[i], Some(&state), started)?;
                        if state == wanted {
                            done[i] = Some(object);
                        } else if failures.contains(&state.as_str()) {
                            failed.push((
                                i,
                                Error::WaitFailed {
                                    resource: self.resource.into(),
                                    id: ids[i].into(),
                                    wanted: wanted.into(),
                                    state,
                                },
                            ));
                        } else {
                            last_state[i] = Some(state);
                            still.push(i);
                        }
                    }
                    Err(e) if transient(&e) => still.push(i),
                    Err(e) => failed.push((i, e)),
                }
            }
            pending = still;
            if pending.is_empty() {
                break;
            }
            let waited = started.elapsed();
            if waited >= self.options.timeout {
                for &i in &pending {
                    failed.push((
                        i,
                        self.timeout_error(ids[i], wanted, last_state[i].take(), waited),
                    ));
                }
                break;
            }
            self.transport
                .sleep(self.options.interval.min(self.options.timeout - waited))?;
        }
        if failed.is_empty() {
            return Ok(done.into_iter().flatten().collect());
        }
        failed.sort_by_key(|(i, _)| *i);
        Err(Error::WaitMany {
            failures: failed
                .into_iter()
                .map(|(i, e)| (ids[i].to_owned(), e))
                .collect(),
        })
    }

    /// [`until_state_all`](Self::until_state_all) for one object: its own error, not a list.
    pub(crate) fn until_state<T>(
        &self,
        id: &str,
        wanted: &str,
        failures: &[&str],
        mut fetch: impl FnMut(&str) -> Result<T>,
        state_of: impl Fn(&T) -> String,
    ) -> Result<T> {
        match self.until_state_all(&[id], wanted, failures, &mut fetch, state_of) {
            Ok(mut objects) => Ok(objects.remove(0)),
            Err(Error::WaitMany { mut failures }) if failures.len() == 1 => {
                Err(failures.remove(0).1)
            }
            Err(e) => Err(e),
        }
    }

    /// Polls `fetch` until it answers 404 or the object's state is one of `gone_states` (a
    /// provider that keeps deleted objects visible as `terminated`).
    pub(crate) fn until_gone<T>(
        &self,
        id: &str,
        gone_states: &[&str],
        mut fetch: impl FnMut(&str) -> Result<T>,
        state_of: impl Fn(&T) -> String,
    ) -> Result<()> {
        let started = Instant::now();
        let mut last_state = None;
        loop {
            match fetch(id) {
                Err(Error::NotFound(_)) => return self.poll(id, None, started),
                Err(e) if transient(&e) => {}
                Err(e) => return Err(e),
                Ok(object) => {
                    let state = state_of(&object);
                    self.poll(id, Some(&state), started)?;
                    if gone_states.contains(&state.as_str()) {
                        return Ok(());
                    }
                    last_state = Some(state);
                }
            }
            let waited = started.elapsed();
            if waited >= self.options.timeout {
                return Err(self.timeout_error(id, "deleted", last_state, waited));
            }
            self.transport
                .sleep(self.options.interval.min(self.options.timeout - waited))?;
        }
    }

    /// Reports one poll to the progress hook, if any.
    fn poll(&self, id: &str, state: Option<&str>, started: Instant) -> Result<()> {
        log::debug!(
            target: "vpsclient::wait",
            "{} {id}: {} after {:.1} s",
            self.resource,
            state.unwrap_or("gone"),
            started.elapsed().as_secs_f64()
        );
        match &self.options.on_poll {
            Some(hook) => hook(id, state, started.elapsed()),
            None => Ok(()),
        }
    }

    fn timeout_error(
        &self,
        id: &str,
        wanted: &str,
        last_state: Option<String>,
        waited: Duration,
    ) -> Error {
        Error::WaitTimeout {
            resource: self.resource.into(),
            id: id.into(),
            wanted: wanted.into(),
            last_state,
            waited,
        }
    }
}
