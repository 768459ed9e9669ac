//! The sandbox's whole world as JSON, out ([`Sandbox::export_state`]) and in
//! ([`SandboxBuilder::state`]), so a test can start from an account built once.
//!
//! # The format
//!
//! ```json
//! {"format": "vpsclient-sandbox-state", "version": 1, "tavu": {...}, "joviam": {...}}
//! ```
//!
//! `tavu` and `joviam` hold every object of each provider by kind, in creation order, as lists
//! named after the API's collections (`instances`, `volumes`, `networks`, `disks`, ...). Most
//! entries are the API's own JSON objects; where the sandbox keeps more than the API shows
//! (an instance's configuration before a resize, a user's password), the entry is a record
//! with those fields. The catalogue (configurations, operating systems, regions, tiers,
//! templates) is part of the state too. `pending` lists the transitions still to come (a
//! build, a start), each with `due_in_ms`: the milliseconds left when the state was exported,
//! counted again from the moment it is loaded.
//!
//! # Versions
//!
//! `version` is raised whenever the layout changes, and a state of every earlier version
//! keeps loading (it is brought up to date on the way in). A state of a later version than
//! this build knows, or one that is not a sandbox state, is refused with
//! [`Error::Config`] saying why.
//!
//! [`Sandbox::export_state`]: super::Sandbox::export_state
//! [`SandboxBuilder::state`]: super::SandboxBuilder::state

use serde_json::{json, Value};

use super::joviam::JoviamWorld;
use super::tavu::TavuWorld;
use crate::error::{Error, Result};

/// The value of the state's `format` key.
pub const STATE_FORMAT: &str = "vpsclient-sandbox-state";
/// The state layout this build writes (and the latest it reads).
pub const STATE_VERSION: u64 = 1;

/// Both worlds as one JSON document.
pub(crate) fn export(tavu: &TavuWorld, joviam: &JoviamWorld) -> Value {
    json!({
        "format": STATE_FORMAT,
        "version": STATE_VERSION,
        "tavu": serde_json::to_value(tavu).expect("the sandbox's world serialises"),
        "joviam": serde_json::to_value(joviam).expect("the sandbox's world serialises"),
    })
}

/// Both worlds from a document [`export`] wrote (this version or an earlier one).
pub(crate) fn import(state: Value) -> Result<(TavuWorld, JoviamWorld)> {
    let refuse = |why: String| Error::Config(format!("state is not a sandbox state: {why}"));
    let Value::Object(mut state) = state else {
        return Err(refuse("it is not a JSON object".into()));
    };
    if state.get("format").and_then(Value::as_str) != Some(STATE_FORMAT) {
        return Err(refuse(format!("its \"format\" is not \"{STATE_FORMAT}\"")));
    }
    let version = state
        .get("version")
        .and_then(Value::as_u64)
        .ok_or_else(|| refuse("it has no whole-number \"version\"".into()))?;
    if version == 0 || version > STATE_VERSION {
        return Err(Error::Config(format!(
            "state has version {version}, and this vpsclient reads versions 1 to \
             {STATE_VERSION}: load it with the vpsclient that saved it, or a later one"
        )));
    }
    // Layout changes will be upgraded here, one version at a time.
    let mut part = |name: &str| state.remove(name).unwrap_or(Value::Null);
    let tavu = part("tavu");
    let joviam = part("joviam");
    let tavu: TavuWorld = serde_path_to_error::deserialize(tavu)
        .map_err(|e| refuse(format!("at tavu.{}: {}", e.path(), e.inner())))?;
    let joviam: JoviamWorld = serde_path_to_error::deserialize(joviam)
        .map_err(|e| refuse(format!("at joviam.{}: {}", e.path(), e.inner())))?;
    Ok((tavu, joviam))
}

/// (De)serialises an `Instant` as the whole milliseconds from now (0 for the past).
pub(crate) mod instant {
    use std::time::{Duration, Instant};

    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(at: &Instant, serializer: S) -> Result<S::Ok, S::Error> {
        let left = at.saturating_duration_since(Instant::now());
        serializer.serialize_u64(u64::try_from(left.as_millis()).unwrap_or(u64::MAX))
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Instant, D::Error> {
        let millis = u64::deserialize(deserializer)?;
        // A day at most: a state is not a calendar.
        Ok(Instant::now() + Duration::from_millis(millis.min(86_400_000)))
    }
}
