//! Routing from the declarations: a request is matched against the operations the client
//! declares (`TavuClient::operations()`, `JoviamClient::operations()`), so no route, path or
//! wrapper key is restated in the sandbox. Each world then dispatches on the matched
//! operation's `(handler, name)`.

use crate::operation::{BodyInfo, OperationInfo};

/// A request matched to one declared operation.
pub(crate) struct Route<'a> {
    /// The operation's handler, e.g. `InstancesHandler`.
    pub handler: &'static str,
    /// The operation's method name, e.g. `create`.
    pub name: &'static str,
    /// The path parameters, in the declared order, percent-decoded.
    pub params: Vec<&'a str>,
    /// The request body, with the declared wrapper key.
    pub body: Body<'a>,
}

impl Route<'_> {
    /// The `n`th path parameter (the declaration guarantees it is there).
    pub fn param(&self, n: usize) -> &str {
        self.params.get(n).copied().unwrap_or_default()
    }
}

/// A request body as the matched operation declares it.
#[derive(Clone, Copy)]
pub(crate) struct Body<'a> {
    /// The raw bytes.
    pub raw: &'a [u8],
    /// The key the body is wrapped in (`{"instance": {...}}`), if the operation declares one.
    pub wrapper: Option<&'static str>,
}

/// The operation `method` and the path `segments` (relative to the provider's base URL) name,
/// if any. A literal segment beats a parameter (a `public` segment is not a network ID);
/// operations that share a method and path (Tavu's instance actions) are told apart by the
/// body's one key, the first declared winning when it names none of them.
pub(crate) fn find<'a>(
    operations: &[OperationInfo],
    method: &str,
    segments: &'a [String],
    body: &'a [u8],
) -> Option<Route<'a>> {
    let matches: Vec<(&OperationInfo, Vec<&'a str>)> = operations
        .iter()
        .filter(|op| op.method == method)
        .filter_map(|op| Some((op, match_template(op.path, segments)?)))
        .collect();
    let fewest = matches.iter().map(|(_, params)| params.len()).min()?;
    let mut candidates = matches
        .into_iter()
        .filter(|(_, params)| params.len() == fewest);
    let first = candidates.next()?;
    let rest: Vec<_> = candidates.collect();
    let best = if rest.is_empty() {
        first
    } else {
        let key = sole_key(body);
        let named = |op: &OperationInfo| key.is_some() && body_key(op) == key.as_deref();
        if named(first.0) {
            first
        } else {
            rest.into_iter().find(|(op, _)| named(op)).unwrap_or(first)
        }
    };
    let (op, params) = best;
    Some(Route {
        handler: op.handler,
        name: op.name,
        params,
        body: Body {
            raw: body,
            wrapper: match op.body {
                BodyInfo::Fields { wrapper, .. } => wrapper,
                _ => None,
            },
        },
    })
}

/// The path parameters when `segments` fit `template` (`{}` is one segment), else `None`.
fn match_template<'a>(template: &str, segments: &'a [String]) -> Option<Vec<&'a str>> {
    let parts: Vec<&str> = template.split('/').filter(|s| !s.is_empty()).collect();
    if parts.len() != segments.len() {
        return None;
    }
    let mut params = Vec::new();
    for (part, segment) in parts.iter().zip(segments) {
        if *part == "{}" {
            params.push(segment.as_str());
        } else if *part != segment {
            return None;
        }
    }
    Some(params)
}

/// The key that tells an operation apart in the body: an action's key or a wrapper.
fn body_key(op: &OperationInfo) -> Option<&'static str> {
    match op.body {
        BodyInfo::Action { key } => Some(key),
        BodyInfo::Fields { wrapper, .. } => wrapper,
        _ => None,
    }
}

/// The one key of a JSON object body, if it is one with exactly one key.
fn sole_key(body: &[u8]) -> Option<String> {
    match serde_json::from_slice(body).ok()? {
        serde_json::Value::Object(map) if map.len() == 1 => map.keys().next().cloned(),
        _ => None,
    }
}
