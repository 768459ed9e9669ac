//! The simulated Tavu.io VPS API.

use super::http::{self, Reply, Req};
use super::Settings;

/// Every Tavu object the sandbox holds.
#[derive(Default)]
pub(crate) struct TavuWorld {}

impl TavuWorld {
    /// The world as a new account sees it: the catalogue of the reference (configurations,
    /// operating systems, availability zones) and nothing else.
    pub(crate) fn seeded() -> Self {
        TavuWorld::default()
    }

    /// Answers one request (path relative to the Tavu base URL).
    pub(crate) fn route(&mut self, _settings: &Settings, req: &Req) -> Reply {
        http::tavu_error(
            404,
            format!(
                "no such endpoint: {} /{}",
                req.method(),
                req.path().join("/")
            ),
        )
    }
}
