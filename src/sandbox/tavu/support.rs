//! What the Tavu routes share: answers and rejections in Tavu's format, body parsing with the
//! client's own request structs, lookups by ID, IP address arithmetic and fake key material.

use std::collections::HashSet;
use std::fmt::Display;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::sandbox::fresh;
use crate::sandbox::http::{self, tavu_error, Reply};
use crate::sandbox::route::Body;
use crate::tavu::{
    AvailabilityZone, Configuration, Firewall, FloatingIp, InstanceSnapshot, Network, Port, Router,
    SecurityGroup, SecurityGroupRule, SshKey, Subnet, Volume, VolumeSnapshot,
};

/// What a route answers: `Err` carries a rejection, so `?` works on lookups and parsing.
pub(super) type Answer = Result<Reply, Reply>;

/// Fields the API sends only once (generated credentials, a generated private key): left out
/// of an answer when they are null, so later reads never show them at all.
const SENT_ONCE: [&str; 3] = ["username", "password", "private_key"];

/// 200 with `value` as JSON (the reference shows no status for creates; any 2xx will do).
pub(super) fn ok<T: Serialize + ?Sized>(value: &T) -> Answer {
    Ok(Reply::json(200, &to_json(value)))
}

/// `value` as JSON, without the null send-once fields.
pub(super) fn to_json<T: Serialize + ?Sized>(value: &T) -> Value {
    let mut json = serde_json::to_value(value).expect("sandbox models serialise");
    strip_sent_once(&mut json);
    json
}

fn strip_sent_once(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|k, v| !(v.is_null() && SENT_ONCE.contains(&k.as_str())));
            map.values_mut().for_each(strip_sent_once);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_sent_once),
        _ => {}
    }
}

/// 200 with `value` as JSON, leaving out `key` in it (or in each element of a list).
pub(super) fn ok_without<T: Serialize + ?Sized>(value: &T, key: &str) -> Answer {
    let mut json = to_json(value);
    match &mut json {
        Value::Array(items) => items.iter_mut().for_each(|item| remove_key(item, key)),
        other => remove_key(other, key),
    }
    Ok(Reply::json(200, &json))
}

fn remove_key(value: &mut Value, key: &str) {
    if let Value::Object(map) = value {
        map.remove(key);
    }
}

/// The empty 200 of deletes and actions.
pub(super) fn done() -> Answer {
    Ok(Reply::empty(200))
}

/// 404 for an ID in the path that names nothing.
pub(super) fn not_found(what: &str, id: impl Display) -> Reply {
    tavu_error(404, format!("{what} {id} not found"))
}

/// 400 with a hint naming the field at fault, in the form the body parser uses
/// (`field: message`).
pub(super) fn invalid(field: &str, message: impl Display) -> Reply {
    tavu_error(400, format!("{field}: {message}"))
}

/// 400 for a request that is well formed but not possible now (an object in the wrong state,
/// or still in use).
pub(super) fn refused(message: impl Into<String>) -> Reply {
    tavu_error(400, message)
}

/// The 400 for an action on an instance in a state that does not allow it.
pub(super) fn wrong_state(action: &str, what: &str, status: &str) -> Reply {
    refused(format!(
        "Cannot '{action}' {what} while it is in status {status}"
    ))
}

/// Reads a body into a client request struct, unwrapping it from the key its operation
/// declares (`{"<key>": {...}}`), if any.
pub(super) fn decode<T: DeserializeOwned>(body: Body<'_>) -> Result<T, Reply> {
    match body.wrapper {
        Some(key) => http::parse_wrapped(body.raw, key),
        None => http::parse_body(body.raw),
    }
    .map_err(|e| e.tavu())
}

/// Refuses an empty or blank string for a required field.
pub(super) fn not_blank(field: &str, value: &str) -> Result<(), Reply> {
    if value.trim().is_empty() {
        return Err(invalid(field, "can't be blank"));
    }
    Ok(())
}

/// Refuses a value outside a fixed set.
pub(super) fn one_of(field: &str, value: &str, allowed: &[&str]) -> Result<(), Reply> {
    if !allowed.contains(&value) {
        return Err(invalid(
            field,
            format!("'{value}' is not one of: {}", allowed.join(", ")),
        ));
    }
    Ok(())
}

/// Objects found by a string ID.
pub(super) trait Keyed {
    fn key(&self) -> &str;
}

macro_rules! keyed_by {
    ($field:ident: $($ty:ty),*) => {
        $(impl Keyed for $ty {
            fn key(&self) -> &str {
                &self.$field
            }
        })*
    };
}
keyed_by!(id: AvailabilityZone, Configuration, Firewall, FloatingIp, InstanceSnapshot, Network, Port, Router, SecurityGroup,
    SecurityGroupRule, Subnet, Volume, VolumeSnapshot);
keyed_by!(name: SshKey);

/// The object with this ID, or 404 naming `what`.
pub(super) fn find<'a, T: Keyed>(items: &'a [T], id: &str, what: &str) -> Result<&'a T, Reply> {
    items
        .iter()
        .find(|item| item.key() == id)
        .ok_or_else(|| not_found(what, id))
}

/// The object with this ID, mutably, or 404 naming `what`.
pub(super) fn find_mut<'a, T: Keyed>(
    items: &'a mut [T],
    id: &str,
    what: &str,
) -> Result<&'a mut T, Reply> {
    items
        .iter_mut()
        .find(|item| item.key() == id)
        .ok_or_else(|| not_found(what, id))
}

/// Where the object with this ID is, or 404 naming `what`.
pub(super) fn position<T: Keyed>(items: &[T], id: &str, what: &str) -> Result<usize, Reply> {
    items
        .iter()
        .position(|item| item.key() == id)
        .ok_or_else(|| not_found(what, id))
}

/// The object a body field refers to, or 400 naming the field: an unknown ID in a body is a
/// malformed request, not a missing resource.
pub(super) fn referred<'a, T: Keyed>(
    items: &'a [T],
    id: &str,
    field: &str,
    what: &str,
) -> Result<&'a T, Reply> {
    items
        .iter()
        .find(|item| item.key() == id)
        .ok_or_else(|| invalid(field, format!("no {what} with ID {id}")))
}

/// An integer ID from the path (instance users and scripts); anything else names nothing.
pub(super) fn int_id(raw: &str, what: &str) -> Result<u64, Reply> {
    raw.parse().map_err(|_| not_found(what, raw))
}

// ---------------------------------------------------------------------------------------------
// Addresses

/// An IP address as a number, and whether it is IPv6.
pub(super) fn parse_ip(text: &str) -> Option<(u128, bool)> {
    match text.parse::<IpAddr>().ok()? {
        IpAddr::V4(a) => Some((u128::from(u32::from(a)), false)),
        IpAddr::V6(a) => Some((u128::from(a), true)),
    }
}

/// The canonical text of an address (IPv6 compressed, as the reference writes `abc0::5`).
pub(super) fn show_ip(n: u128, v6: bool) -> String {
    if v6 {
        Ipv6Addr::from(n).to_string()
    } else {
        Ipv4Addr::from(n as u32).to_string()
    }
}

/// An address range in CIDR notation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Cidr {
    base: u128,
    prefix: u32,
    pub v6: bool,
}

impl Cidr {
    /// `192.168.2.0/24`, `abc0::/64`; `None` when it is not CIDR notation.
    pub fn parse(text: &str) -> Option<Cidr> {
        let (ip, len) = text.split_once('/')?;
        let (base, v6) = parse_ip(ip)?;
        let prefix: u32 = len.parse().ok()?;
        let cidr = Cidr { base, prefix, v6 };
        (prefix <= cidr.bits()).then_some(cidr)
    }

    /// An address or a CIDR (firewall rules take either).
    pub fn parse_loose(text: &str) -> Option<Cidr> {
        Cidr::parse(text).or_else(|| {
            let (base, v6) = parse_ip(text)?;
            Some(Cidr {
                base,
                prefix: if v6 { 128 } else { 32 },
                v6,
            })
        })
    }

    fn bits(&self) -> u32 {
        if self.v6 {
            128
        } else {
            32
        }
    }

    fn host_mask(&self) -> u128 {
        match self.bits() - self.prefix {
            128 => u128::MAX,
            host_bits => (1u128 << host_bits) - 1,
        }
    }

    /// 4 or 6.
    pub fn version(&self) -> u8 {
        if self.v6 {
            6
        } else {
            4
        }
    }

    /// The network address.
    pub fn network(&self) -> u128 {
        self.base & !self.host_mask()
    }

    /// The last address of the range.
    pub fn last(&self) -> u128 {
        self.network() | self.host_mask()
    }

    /// True when the address part has bits set beyond the prefix (`192.168.2.5/24`).
    pub fn has_host_bits(&self) -> bool {
        self.base & self.host_mask() != 0
    }

    /// The CIDR with its host bits cleared, as text.
    pub fn canonical(&self) -> String {
        format!("{}/{}", show_ip(self.network(), self.v6), self.prefix)
    }

    /// True when the address is inside the range.
    pub fn contains(&self, ip: u128, v6: bool) -> bool {
        v6 == self.v6 && (self.network()..=self.last()).contains(&ip)
    }

    /// True when the ranges share an address.
    pub fn overlaps(&self, other: &Cidr) -> bool {
        self.v6 == other.v6 && self.network() <= other.last() && other.network() <= self.last()
    }

    /// The first usable address (the default gateway).
    pub fn first_host(&self) -> Option<u128> {
        let first = self.network().checked_add(1)?;
        (first <= self.last_host()).then_some(first)
    }

    /// The last usable address (IPv4 keeps its broadcast address).
    pub fn last_host(&self) -> u128 {
        if self.v6 {
            self.last()
        } else {
            self.last().saturating_sub(1)
        }
    }
}

/// The first address of `pools` (inclusive ranges, in order) not in `used`.
pub(super) fn pick_free(pools: &[(u128, u128)], used: &HashSet<u128>) -> Option<u128> {
    for &(start, end) in pools {
        // Among used.len() + 1 consecutive addresses at least one is free, so a huge IPv6
        // pool is never walked far.
        let mut n = start;
        for _ in 0..=used.len() {
            if n > end {
                break;
            }
            if !used.contains(&n) {
                return Some(n);
            }
            match n.checked_add(1) {
                Some(next) => n = next,
                None => break,
            }
        }
    }
    None
}

// ---------------------------------------------------------------------------------------------
// Keys and scripts

/// True for strict Base64: the standard alphabet, padded, no line breaks.
pub(super) fn is_strict_base64(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.is_empty() || bytes.len() % 4 != 0 {
        return false;
    }
    let body = text.trim_end_matches('=');
    bytes.len() - body.len() <= 2
        && body
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
}

/// True when `key` looks like an OpenSSH public key line: a known type and a Base64 blob.
pub(super) fn looks_like_public_key(key: &str) -> bool {
    let mut parts = key.split_whitespace();
    let kind = parts.next().unwrap_or_default();
    let blob = parts.next().unwrap_or_default();
    (kind.starts_with("ssh-") || kind.starts_with("ecdsa-") || kind.starts_with("sk-"))
        && !blob.is_empty()
        && blob
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
}

/// A stable MD5-style fingerprint (`c0:d3:...`, 16 bytes) of a public key. Not MD5: two
/// FNV-1a hashes, which is all a simulator needs (same key, same fingerprint).
pub(super) fn fingerprint(public_key: &str) -> String {
    let fnv = |seed: u64| {
        public_key.bytes().fold(seed, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
    };
    let mut bytes = fnv(0xcbf2_9ce4_8422_2325).to_be_bytes().to_vec();
    bytes.extend_from_slice(&fnv(0x8422_2325_cbf2_9ce4).to_be_bytes());
    bytes
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// A generated key pair: a public key line and a PEM-looking private key. Neither is real key
/// material; they only look the part.
pub(super) fn generated_key_pair() -> (String, String) {
    let public = format!(
        "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ{} Generated-by-Nova",
        fresh::secret(340)
    );
    let lines: Vec<String> = (0..25).map(|_| fresh::secret(64)).collect();
    let private = format!(
        "-----BEGIN RSA PRIVATE KEY-----\n{}\n-----END RSA PRIVATE KEY-----\n",
        lines.join("\n")
    );
    (public, private)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cidr_arithmetic() {
        let net = Cidr::parse("192.168.2.0/24").unwrap();
        assert_eq!(net.version(), 4);
        assert_eq!(show_ip(net.first_host().unwrap(), false), "192.168.2.1");
        assert_eq!(show_ip(net.last_host(), false), "192.168.2.254");
        assert!(!net.has_host_bits());
        assert!(Cidr::parse("192.168.2.5/24").unwrap().has_host_bits());
        assert_eq!(
            Cidr::parse("192.168.2.5/24").unwrap().canonical(),
            "192.168.2.0/24"
        );
        assert!(net.overlaps(&Cidr::parse("192.168.0.0/16").unwrap()));
        assert!(!net.overlaps(&Cidr::parse("192.168.3.0/24").unwrap()));
        let v6 = Cidr::parse("abc0::/64").unwrap();
        assert_eq!(v6.version(), 6);
        assert_eq!(show_ip(v6.first_host().unwrap(), true), "abc0::1");
        assert!(Cidr::parse("0.0.0.0/0").unwrap().contains(1, false));
        assert!(Cidr::parse("::/0").is_some());
        assert!(Cidr::parse("10.0.0.0/33").is_none());
        assert!(Cidr::parse("10.0.0.0").is_none());
        assert!(Cidr::parse_loose("10.0.0.1").is_some());
        assert_eq!(Cidr::parse("10.0.0.1/32").unwrap().first_host(), None);
    }

    #[test]
    fn free_addresses() {
        let used: HashSet<u128> = [2, 3].into();
        assert_eq!(pick_free(&[(2, 10)], &used), Some(4));
        assert_eq!(pick_free(&[(2, 3), (7, 7)], &used), Some(7));
        assert_eq!(pick_free(&[(2, 3)], &used), None);
        assert_eq!(pick_free(&[(0, u128::MAX)], &HashSet::new()), Some(0));
    }

    #[test]
    fn base64_and_keys() {
        assert!(is_strict_base64("aGVsbG8="));
        assert!(!is_strict_base64("aGVsbG8"));
        assert!(!is_strict_base64("aGVs\nbG8="));
        assert!(!is_strict_base64(""));
        assert!(looks_like_public_key("ssh-ed25519 AAAAC3Nz me@host"));
        assert!(!looks_like_public_key("hello"));
        let (public, private) = generated_key_pair();
        assert!(looks_like_public_key(&public));
        assert!(private.starts_with("-----BEGIN RSA PRIVATE KEY-----\n"));
        assert_eq!(fingerprint("a"), fingerprint("a"));
        assert_ne!(fingerprint("a"), fingerprint("b"));
        assert_eq!(fingerprint("a").len(), 47);
    }
}
