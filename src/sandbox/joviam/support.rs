//! Helpers every Joviam route shares: the clock, lookups that answer 404 or 422, body
//! parsing, and the small validations several resources make.

use serde::de::DeserializeOwned;

use crate::joviam::{
    ConsoleSession, Disk, IpAddress, Network, PerformanceTier, PublicKey, Region, Template,
};
use crate::sandbox::http::{self, Reply, Req};

use super::InstanceRecord;

/// A route's answer: `Err` carries an error reply, so handlers can use `?`.
pub(super) type Answer = Result<Reply, Reply>;

/// An object found by ID; `KIND` names it in error messages.
pub(super) trait Keyed {
    const KIND: &'static str;
    fn key(&self) -> &str;
}

macro_rules! keyed {
    ($($ty:ty => $kind:literal, |$v:ident| $key:expr;)*) => {
        $(impl Keyed for $ty {
            const KIND: &'static str = $kind;
            fn key(&self) -> &str {
                let $v = self;
                $key
            }
        })*
    };
}

keyed! {
    Region => "region", |r| &r.id;
    PerformanceTier => "performance tier", |t| &t.id;
    Template => "template", |t| &t.id;
    Network => "network", |n| &n.id;
    IpAddress => "IP address", |ip| &ip.id;
    PublicKey => "public key", |k| &k.id;
    Disk => "disk", |d| &d.id;
    InstanceRecord => "instance", |r| &r.instance.id;
    ConsoleSession => "console session", |s| &s.id;
}

/// Joviam's 404: `{"error": "not_found", "details": "no disk with ID ..."}`.
pub(super) fn not_found(kind: &str, id: &str) -> Reply {
    http::joviam_error(
        404,
        "not_found",
        Some(format!("no {kind} with ID {id}").into()),
    )
}

/// Joviam's 422 naming one field.
pub(super) fn invalid(field: &str, message: &str) -> Reply {
    http::joviam_invalid(field, message)
}

/// The 422 for an action the object's state does not allow: `{"state": [message]}`.
pub(super) fn wrong_state(message: String) -> Reply {
    http::joviam_invalid("state", &message)
}

/// The index of the object with this ID in a path: 404 when there is none.
pub(super) fn position<T: Keyed>(items: &[T], id: &str) -> Result<usize, Reply> {
    items
        .iter()
        .position(|item| item.key() == id)
        .ok_or_else(|| not_found(T::KIND, id))
}

/// The object with this ID in a path: 404 when there is none.
pub(super) fn find<'a, T: Keyed>(items: &'a [T], id: &str) -> Result<&'a T, Reply> {
    Ok(&items[position(items, id)?])
}

/// The object a request body names in `field`: an unknown ID is a 422 naming the field (the
/// request is wrong, not its URL).
pub(super) fn referenced<'a, T: Keyed>(
    items: &'a [T],
    field: &str,
    id: &str,
) -> Result<&'a T, Reply> {
    items
        .iter()
        .find(|item| item.key() == id)
        .ok_or_else(|| invalid(field, &format!("no {} with ID {id}", T::KIND)))
}

/// Reads a flat JSON body into the client's own request type: 400 for a body that is not
/// JSON, 422 naming the field for a missing or mistyped one.
pub(super) fn body<T: DeserializeOwned>(req: &Req) -> Result<T, Reply> {
    http::parse_body(&req.body).map_err(|e| e.joviam())
}

/// Whether the JSON body has the key at all (for fields the reference calls required but
/// nullable, where `null` is a value and leaving it out is not).
pub(super) fn has_key(req: &Req, key: &str) -> bool {
    serde_json::from_slice::<serde_json::Value>(&req.body)
        .ok()
        .and_then(|value| value.get(key).map(|_| ()))
        .is_some()
}

/// A name that must not be empty.
pub(super) fn not_blank(field: &str, value: &str) -> Result<(), Reply> {
    if value.trim().is_empty() {
        return Err(invalid(field, "can't be blank"));
    }
    Ok(())
}

/// A string enumeration value the reference lists (`boot_device`, `virtualization`, `type`).
pub(super) fn one_of(field: &str, value: &str, allowed: &[&str]) -> Result<(), Reply> {
    if !allowed.contains(&value) {
        return Err(invalid(
            field,
            &format!("must be one of {}, not {value:?}", allowed.join(", ")),
        ));
    }
    Ok(())
}

/// Instance memory, in megabytes: the reference's own example of a 422.
pub(super) fn check_memory(memory: u64) -> Result<(), Reply> {
    if !(512..=65_536).contains(&memory) {
        return Err(invalid("memory", "must be between 512MB and 64GB"));
    }
    Ok(())
}

/// A list of IDs in which each may appear once.
pub(super) fn no_duplicates(field: &str, ids: &[String]) -> Result<(), Reply> {
    for (i, id) in ids.iter().enumerate() {
        if ids[..i].contains(id) {
            return Err(invalid(field, &format!("{id} is listed more than once")));
        }
    }
    Ok(())
}

/// A disk size in gigabytes: above zero, and at least the template's minimum.
pub(super) fn check_size(field: &str, size: u64, template: Option<&Template>) -> Result<(), Reply> {
    if size == 0 {
        return Err(invalid(field, "must be greater than 0"));
    }
    if let Some(minimum) = template.and_then(|t| t.minimum_disk_size) {
        if size < minimum {
            return Err(invalid(
                field,
                &format!("must be at least {minimum}GB for this template"),
            ));
        }
    }
    Ok(())
}

/// A host name from an instance name: `Web Server` gives `web-server`.
pub(super) fn hostname(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-');
    if trimmed.is_empty() {
        "instance".to_owned()
    } else {
        trimmed.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_names_from_instance_names() {
        assert_eq!(hostname("Web Server"), "web-server");
        assert_eq!(hostname("  db #1 (primary) "), "db-1-primary");
        assert_eq!(hostname("!!!"), "instance");
    }

    #[test]
    fn memory_bounds_are_inclusive() {
        assert!(check_memory(512).is_ok());
        assert!(check_memory(65_536).is_ok());
        assert!(check_memory(511).is_err());
        assert!(check_memory(65_537).is_err());
    }
}
