//! The simulated Joviam API.

use super::http::{self, Reply, Req};
use super::Settings;

/// Every Joviam object the sandbox holds.
#[derive(Default)]
pub(crate) struct JoviamWorld {}

impl JoviamWorld {
    /// The world as a new organization sees it: the catalogue of the reference (regions,
    /// performance tiers, templates) and nothing else.
    pub(crate) fn seeded() -> Self {
        JoviamWorld::default()
    }

    /// Answers one request (path relative to the Joviam base URL).
    pub(crate) fn route(&mut self, _settings: &Settings, req: &Req) -> Reply {
        http::joviam_error(
            404,
            "not_found",
            Some(
                format!(
                    "no such endpoint: {} /{}",
                    req.method(),
                    req.path().join("/")
                )
                .into(),
            ),
        )
    }
}
