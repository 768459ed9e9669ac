//! The request journal: what the sandbox received, so a test can assert what its code sent.

use std::collections::VecDeque;

use serde::Serialize;

/// How many entries the journal keeps; older ones are dropped first.
const CAPACITY: usize = 100_000;

/// One request the sandbox received, as [`Sandbox::requests`] lists it. Headers are not kept,
/// so no credential is ever recorded.
///
/// [`Sandbox::requests`]: super::Sandbox::requests
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct JournalEntry {
    /// `"tavu"` or `"joviam"` (the first path segment, whatever it was).
    pub provider: String,
    /// `GET`, `POST`, ...
    pub method: String,
    /// The path relative to the provider's base URL, without the query (`/a/b`).
    pub path: String,
    /// The query string without its `?`, if there was one.
    pub query: Option<String>,
    /// The body parsed as JSON; `None` when it was empty or not JSON.
    pub body: Option<serde_json::Value>,
    /// The status answered; `None` when the connection was reset or stalled instead.
    pub status: Option<u16>,
}

/// The entries, oldest first.
#[derive(Default)]
pub(crate) struct Journal {
    entries: VecDeque<JournalEntry>,
}

impl Journal {
    pub(crate) fn push(&mut self, entry: JournalEntry) {
        if self.entries.len() == CAPACITY {
            self.entries.pop_front();
        }
        self.entries.push_back(entry);
    }

    pub(crate) fn list(&self) -> Vec<JournalEntry> {
        self.entries.iter().cloned().collect()
    }

    pub(crate) fn clear(&mut self) {
        self.entries.clear();
    }
}
