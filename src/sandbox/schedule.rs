//! Delayed state changes, shared by both worlds. Nothing runs in the background: work that
//! takes time is queued with the moment it is due, and every request first takes whatever has
//! come due and applies it.

use std::time::{Duration, Instant};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// The changes still to come, each with its moment. In a saved state it is a list of the
/// world's entries (`E`'s fields), each with `due_in_ms` (see [`super::state`]).
#[derive(Serialize, Deserialize)]
#[serde(
    transparent,
    bound(serialize = "E: Serialize", deserialize = "E: DeserializeOwned")
)]
pub(crate) struct Schedule<E> {
    entries: Vec<Scheduled<E>>,
}

/// One change and when it is due.
#[derive(Serialize, Deserialize)]
#[serde(bound(serialize = "E: Serialize", deserialize = "E: DeserializeOwned"))]
struct Scheduled<E> {
    #[serde(rename = "due_in_ms", with = "super::state::instant")]
    due: Instant,
    #[serde(flatten)]
    change: E,
}

impl<E> Default for Schedule<E> {
    fn default() -> Self {
        Schedule {
            entries: Vec::new(),
        }
    }
}

impl<E> Schedule<E> {
    /// Queues `change` to take effect at `due`.
    pub fn at(&mut self, due: Instant, change: E) {
        self.entries.push(Scheduled { due, change });
    }

    /// Drops the queued changes `keep` refuses (a new action replaces the old one's).
    pub fn retain(&mut self, mut keep: impl FnMut(&E) -> bool) {
        self.entries.retain(|entry| keep(&entry.change));
    }

    /// Takes every change due by `now` out of the queue, oldest first (ties in the order
    /// queued).
    pub fn take_due(&mut self, now: Instant) -> Vec<E> {
        if !self.entries.iter().any(|entry| entry.due <= now) {
            return Vec::new();
        }
        let (mut due, later): (Vec<_>, Vec<_>) = std::mem::take(&mut self.entries)
            .into_iter()
            .partition(|entry| entry.due <= now);
        self.entries = later;
        due.sort_by_key(|entry| entry.due);
        due.into_iter().map(|entry| entry.change).collect()
    }
}

/// The time of the request being answered, and how long asynchronous work takes.
#[derive(Clone, Copy)]
pub(crate) struct Clock {
    pub now: Instant,
    pub delay: Duration,
}

impl Clock {
    /// When work started now is done after `steps` build delays.
    pub fn after(&self, steps: u32) -> Instant {
        self.now + self.delay * steps
    }
}
