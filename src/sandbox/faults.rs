//! Fault injection: rules that make the sandbox misbehave the way a real cloud sometimes does
//! (an error status, a slow answer, a reset connection, a request that never gets an answer),
//! for the next N matching requests or with a probability drawn from a seeded generator, so a
//! test that uses them is repeatable.

use std::fmt;
use std::time::Duration;

/// What a matching request gets instead of (or on top of) its normal answer.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum FaultEffect {
    /// Only the fault's latency is added; the request is then answered normally.
    Latency,
    /// This status, with a body in the provider's error format (and `Retry-After: 1` for a
    /// 429), instead of the normal answer. The request does not reach the simulated cloud.
    Status(u16),
    /// The connection is reset (TCP RST, `SO_LINGER` 0) before anything is answered. The
    /// request does not reach the simulated cloud.
    ResetBeforeAnswer,
    /// The request is carried out, then the connection is reset halfway through the body
    /// of its answer.
    ResetDuringAnswer,
    /// Nothing is answered for this long (past the client's timeout, typically); then the
    /// connection is closed. The request does not reach the simulated cloud.
    Stall(Duration),
}

/// A rule that makes matching requests fail: see [`Sandbox::inject_fault`].
///
/// ```
/// # #[cfg(feature = "sandbox")] {
/// use vpsclient::sandbox::{Fault, Sandbox};
///
/// let sandbox = Sandbox::start()?;
/// // The next instance create answers 503; the one after succeeds.
/// sandbox.inject_fault(Fault::operation("tavu", "instances.create")?.status(503).times(1));
/// # }
/// # Ok::<_, vpsclient::Error>(())
/// ```
///
/// [`Sandbox::inject_fault`]: super::Sandbox::inject_fault
#[derive(Clone, PartialEq)]
pub struct Fault {
    pub(crate) provider: String,
    pub(crate) method: String,
    pub(crate) path: String,
    pub(crate) effect: FaultEffect,
    pub(crate) latency: Duration,
    pub(crate) times: Option<u64>,
    pub(crate) probability: Option<(f64, u64)>,
}

impl fmt::Debug for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Fault")
            .field("provider", &self.provider)
            .field("method", &self.method)
            .field("path", &self.path)
            .field("effect", &self.effect)
            .field("latency", &self.latency)
            .field("times", &self.times)
            .field("probability", &self.probability)
            .finish()
    }
}

impl Fault {
    /// A rule for requests to `provider` (`"tavu"`, `"joviam"` or `"*"`) with `method`
    /// (`"POST"`, or `"*"` for any) on paths matching `path`, relative to the provider's base
    /// URL and without the query. In `path`, `*` stands for any text within one segment and
    /// `**` for any text at all (`"/**"` matches every request). For one operation,
    /// [`Fault::operation`] reads the method and path from its declaration.
    ///
    /// On its own the rule changes nothing; give it an effect ([`status`](Self::status),
    /// [`reset_before_answer`](Self::reset_before_answer),
    /// [`reset_during_answer`](Self::reset_during_answer), [`stall`](Self::stall)) and/or a
    /// [`latency`](Self::latency). It applies to every matching request until removed, unless
    /// limited by [`times`](Self::times) or [`probability`](Self::probability).
    pub fn new(
        provider: impl Into<String>,
        method: impl Into<String>,
        path: impl Into<String>,
    ) -> Self {
        Fault {
            provider: provider.into(),
            method: method.into().to_ascii_uppercase(),
            path: path.into(),
            effect: FaultEffect::Latency,
            latency: Duration::ZERO,
            times: None,
            probability: None,
        }
    }

    /// A rule for one declared operation, named as in Python: `"<resource>.<method>"`, such as
    /// `"instances.create"`. Its HTTP method and path template come from the declaration,
    /// each path parameter matching any one segment.
    ///
    /// Fails with [`Error::InvalidArgument`](crate::Error::InvalidArgument) for a provider
    /// other than `"tavu"` and `"joviam"` or an operation it does not declare.
    pub fn operation(provider: &str, operation: &str) -> crate::Result<Self> {
        let resources = match provider {
            "tavu" => crate::TavuClient::resources(),
            "joviam" => crate::JoviamClient::resources(),
            other => {
                return Err(crate::Error::InvalidArgument(format!(
                    "provider must be \"tavu\" or \"joviam\" for an operation, not {other:?}"
                )))
            }
        };
        let found = operation.split_once('.').and_then(|(attribute, name)| {
            resources
                .iter()
                .filter(|r| r.attribute == attribute)
                .flat_map(|r| r.operations)
                .find(|op| op.name == name)
        });
        match found {
            Some(op) => Ok(Fault::new(provider, op.method, op.path.replace("{}", "*"))),
            None => Err(crate::Error::InvalidArgument(format!(
                "{provider} declares no operation {operation:?} (expected \"<resource>.<method>\", such as \"instances.create\")"
            ))),
        }
    }

    /// Answer this status instead, with a body in the provider's error format and, for a
    /// 429, `Retry-After: 1`. The request does not reach the simulated cloud.
    pub fn status(mut self, status: u16) -> Self {
        self.effect = FaultEffect::Status(status);
        self
    }

    /// Wait this long before doing anything else. Defaults to no latency.
    pub fn latency(mut self, latency: Duration) -> Self {
        self.latency = latency;
        self
    }

    /// Reset the connection before answering; the request is not carried out.
    pub fn reset_before_answer(mut self) -> Self {
        self.effect = FaultEffect::ResetBeforeAnswer;
        self
    }

    /// Carry the request out, then reset the connection in the middle of the answer's body.
    pub fn reset_during_answer(mut self) -> Self {
        self.effect = FaultEffect::ResetDuringAnswer;
        self
    }

    /// Answer nothing for `duration`, then close the connection; the request is not carried
    /// out. Pick a duration longer than the client's timeout.
    pub fn stall(mut self, duration: Duration) -> Self {
        self.effect = FaultEffect::Stall(duration);
        self
    }

    /// Apply to the next `n` matching requests only (after which the rule is removed).
    /// Defaults to every matching request.
    pub fn times(mut self, n: u64) -> Self {
        self.times = Some(n);
        self
    }

    /// Apply to each matching request with probability `p` (0 to 1), drawn from a generator
    /// seeded with `seed`: the same seed and the same requests fault the same way every run.
    /// Defaults to always.
    pub fn probability(mut self, p: f64, seed: u64) -> Self {
        self.probability = Some((p.clamp(0.0, 1.0), seed));
        self
    }

    /// The provider the rule is for.
    pub fn provider(&self) -> &str {
        &self.provider
    }

    /// The method the rule is for.
    pub fn method(&self) -> &str {
        &self.method
    }

    /// The path pattern.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What the rule does.
    pub fn effect(&self) -> &FaultEffect {
        &self.effect
    }

    fn matches(&self, provider: &str, method: &str, path: &str) -> bool {
        (self.provider == "*" || self.provider.eq_ignore_ascii_case(provider))
            && (self.method == "*" || self.method.eq_ignore_ascii_case(method))
            && glob(self.path.as_bytes(), path.as_bytes())
    }
}

/// `*` matches any run of bytes but `/`, `**` any run at all; everything else literally.
fn glob(pattern: &[u8], text: &[u8]) -> bool {
    match pattern {
        [] => text.is_empty(),
        [b'*', b'*', rest @ ..] => (0..=text.len()).any(|i| glob(rest, &text[i..])),
        [b'*', rest @ ..] => {
            let segment = text.iter().position(|&b| b == b'/').unwrap_or(text.len());
            (0..=segment).any(|i| glob(rest, &text[i..]))
        }
        [p, rest @ ..] => text.first() == Some(p) && glob(rest, &text[1..]),
    }
}

/// A rule in force, with what is left of it.
struct ActiveFault {
    fault: Fault,
    remaining: Option<u64>,
    rng: u64,
}

/// The rules in force, in the order given; the first that fires applies.
#[derive(Default)]
pub(crate) struct Faults {
    active: Vec<ActiveFault>,
}

/// What a fired rule asks of the connection.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Fired {
    pub effect: FaultEffect,
    pub latency: Duration,
}

impl Faults {
    pub(crate) fn add(&mut self, fault: Fault) {
        let remaining = fault.times;
        let rng = fault.probability.map(|(_, seed)| seed).unwrap_or_default();
        if remaining == Some(0) {
            return;
        }
        self.active.push(ActiveFault {
            fault,
            remaining,
            rng,
        });
    }

    pub(crate) fn clear(&mut self) {
        self.active.clear();
    }

    /// The rules still in force.
    pub(crate) fn list(&self) -> Vec<Fault> {
        self.active.iter().map(|a| a.fault.clone()).collect()
    }

    /// The rule a request fires, if any, counting it down.
    pub(crate) fn fire(&mut self, provider: &str, method: &str, path: &str) -> Option<Fired> {
        let index = self.active.iter_mut().position(|active| {
            if !active.fault.matches(provider, method, path) {
                return false;
            }
            match active.fault.probability {
                Some((p, _)) => unit(splitmix64(&mut active.rng)) < p,
                None => true,
            }
        })?;
        let active = &mut self.active[index];
        let fired = Fired {
            effect: active.fault.effect.clone(),
            latency: active.fault.latency,
        };
        if let Some(left) = active.remaining.as_mut() {
            *left -= 1;
            if *left == 0 {
                self.active.remove(index);
            }
        }
        Some(fired)
    }
}

/// The next number of a SplitMix64 sequence: small, fast, and the same everywhere.
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A number in `[0, 1)` from 53 random bits.
fn unit(bits: u64) -> f64 {
    (bits >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob(b"/a/v1/things", b"/a/v1/things"));
        assert!(!glob(b"/a/v1/things", b"/a/v1/things/x"));
        assert!(glob(b"/a/v1/things/*", b"/a/v1/things/x"));
        assert!(!glob(b"/a/v1/things/*", b"/a/v1/things/x/action"));
        assert!(glob(b"/a/**", b"/a/v1/things/x/action"));
        assert!(glob(b"/**", b"/"));
        assert!(glob(b"/things/*/copy", b"/things/abc/copy"));
    }

    #[test]
    fn times_count_down_and_probability_is_repeatable() {
        let mut faults = Faults::default();
        faults.add(Fault::new("tavu", "post", "/x").status(503).times(2));
        assert!(faults.fire("tavu", "GET", "/x").is_none());
        assert!(faults.fire("joviam", "POST", "/x").is_none());
        assert!(faults.fire("tavu", "POST", "/x").is_some());
        assert!(faults.fire("tavu", "POST", "/x").is_some());
        assert!(faults.fire("tavu", "POST", "/x").is_none());
        let draw = |seed| {
            let mut faults = Faults::default();
            faults.add(
                Fault::new("*", "*", "/**")
                    .status(500)
                    .probability(0.5, seed),
            );
            (0..64)
                .map(|_| faults.fire("tavu", "GET", "/a").is_some())
                .collect::<Vec<_>>()
        };
        assert_eq!(draw(7), draw(7));
        assert_ne!(draw(7), draw(8));
        let hits = draw(7).iter().filter(|h| **h).count();
        assert!((16..48).contains(&hits), "{hits}");
    }
}
