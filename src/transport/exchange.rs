//! One attempt: the request, the same-origin redirects it leads to, the body read within its
//! limit, and the DEBUG record of each attempt.

use std::time::Duration;

use ureq::http::{header, Method, Request, Uri};

use super::decode::Body;
use super::errors::{parse_api_error, request_id};
use super::retry::{is_connect_failure, is_idempotent, parse_retry_after};
use super::{Origin, Outcome, Reply, Shared, MAX_REDIRECTS};
use crate::error::ApiError;

/// One DEBUG record per attempt (target `vpsclient::http`, Python logger `vpsclient.http`):
/// method, URL without its query, status or failure, elapsed time, attempt number and the
/// server's request ID. Never a header value or a body.
pub(super) fn log_attempt(
    method: &Method,
    url: &str,
    outcome: &Outcome,
    elapsed: Duration,
    attempt: u32,
) {
    if !log::log_enabled!(target: "vpsclient::http", log::Level::Debug) {
        return;
    }
    let ms = elapsed.as_secs_f64() * 1000.0;
    let url = without_query(url);
    match outcome {
        Outcome::Reply(reply) => log::debug!(
            target: "vpsclient::http",
            "{method} {url} -> {} in {ms:.1} ms (attempt {attempt}){}",
            reply.status,
            request_id_note(reply.request_id.as_deref())
        ),
        Outcome::Api(api) => log::debug!(
            target: "vpsclient::http",
            "{method} {url} -> {} in {ms:.1} ms (attempt {attempt}){}",
            api.status,
            request_id_note(api.request_id.as_deref())
        ),
        Outcome::Failed { err, .. } => log::debug!(
            target: "vpsclient::http",
            "{method} {url} -> failed in {ms:.1} ms (attempt {attempt}): {}",
            failure_kind(err)
        ),
    }
}

fn request_id_note(id: Option<&str>) -> String {
    id.map(|id| format!(" [request id {id}]"))
        .unwrap_or_default()
}

/// A failure's kind for a log line, without any text the server sent.
fn failure_kind(err: &ureq::Error) -> String {
    match err {
        ureq::Error::Timeout(which) => format!("the {which} timeout fired"),
        ureq::Error::Io(io) => format!("I/O error ({:?})", io.kind()),
        ureq::Error::BodyExceedsLimit(limit) => format!("body over {limit} bytes"),
        ureq::Error::ConnectionFailed => "connection failed".into(),
        ureq::Error::HostNotFound => "host not found".into(),
        _ => "transport error".into(),
    }
}

/// `url` without its query string, for log lines.
pub(super) fn without_query(url: &str) -> &str {
    url.split(['?', '#']).next().unwrap_or(url)
}

impl Shared {
    /// One attempt: the request, and for GET/HEAD the same-origin redirects it leads to.
    pub(super) fn exchange(&self, method: &Method, url: &str, body: Option<&[u8]>) -> Outcome {
        let follows = matches!(*method, Method::GET | Method::HEAD);
        let mut current = url.to_owned();
        let mut hops = 0;
        loop {
            let (status, location, request_id) = match self.send_once(method, &current, body) {
                Ok(Hop::Done(outcome)) => return outcome,
                Ok(Hop::Redirect {
                    status,
                    location,
                    request_id,
                }) => (status, location, request_id),
                Err(err) => {
                    let connected = hops > 0 || !is_connect_failure(&err);
                    return Outcome::Failed { err, connected };
                }
            };
            let target = resolve_location(&current, &location);
            let refusal = if !follows {
                Some(format!(
                    "the server redirected this {method}; only GET and HEAD follow redirects, so it was not followed (the request was sent once)"
                ))
            } else if target.as_ref().and_then(Origin::of).as_ref() != Some(&self.origin) {
                Some(
                    "the server redirected to another origin; redirects are followed only within the base URL's scheme, host and port, so nothing was sent there"
                        .to_owned(),
                )
            } else if hops >= MAX_REDIRECTS {
                Some(format!("more than {MAX_REDIRECTS} redirects in a row"))
            } else {
                None
            };
            match (refusal, target) {
                (None, Some(target)) => {
                    current = target.to_string();
                    hops += 1;
                }
                (refusal, _) => {
                    return Outcome::Api(ApiError {
                        status,
                        method: method.to_string(),
                        url: current,
                        code: None,
                        message: refusal.unwrap_or_default(),
                        details: None,
                        retry_after: None,
                        request_id,
                        attempts: 1,
                        location: Some(self.redact(&strip_userinfo(&location))),
                        retryable: false,
                    })
                }
            }
        }
    }

    /// One HTTP exchange, no redirect followed.
    fn send_once(
        &self,
        method: &Method,
        url: &str,
        body: Option<&[u8]>,
    ) -> Result<Hop, ureq::Error> {
        let mut builder = Request::builder().method(method.clone()).uri(url);
        for (name, value) in &self.headers {
            builder = builder.header(name, value);
        }
        if body.is_some() {
            builder = builder.header(header::CONTENT_TYPE, "application/json");
        }
        let request = builder
            .body(body.unwrap_or_default())
            .map_err(ureq::Error::Http)?;
        let mut response = self.agent.run(request)?;
        let status = response.status().as_u16();
        let request_id = request_id(response.headers());
        let retry_after = response
            .headers()
            .get(header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(parse_retry_after);
        let location = response
            .headers()
            .get(header::LOCATION)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
        let body = Body::read(
            response
                .body_mut()
                .with_config()
                .limit(self.max_response_bytes)
                .reader(),
        )
        .map_err(ureq::Error::from)?;
        if (200..300).contains(&status) {
            return Ok(Hop::Done(Outcome::Reply(Reply {
                status,
                body,
                request_id,
            })));
        }
        let bytes = body.into_vec();
        if let (301 | 302 | 303 | 307 | 308, Some(location)) = (status, location) {
            return Ok(Hop::Redirect {
                status,
                location,
                request_id,
            });
        }
        let mut api = parse_api_error(
            status,
            method.as_str(),
            url,
            &bytes,
            retry_after,
            request_id,
        );
        api.message = self.redact(&api.message);
        if let Some(details) = &mut api.details {
            self.redact_json(details);
        }
        api.retryable =
            status == 429 || (is_idempotent(method) && (status == 408 || status >= 500));
        Ok(Hop::Done(Outcome::Api(api)))
    }
}

/// One hop of an exchange: done, or a redirect to decide on.
enum Hop {
    Done(Outcome),
    Redirect {
        status: u16,
        location: String,
        request_id: Option<String>,
    },
}

/// Resolves a `Location` against the URL it answered: absolute, scheme-relative (`//host/x`),
/// absolute-path (`/x`) or relative (`x`) references.
fn resolve_location(current: &str, location: &str) -> Option<Uri> {
    let location = location.trim();
    if location.contains("://") {
        return location.parse().ok();
    }
    let base: Uri = current.parse().ok()?;
    let scheme = base.scheme_str()?;
    let authority = base.authority()?.as_str();
    if let Some(rest) = location.strip_prefix("//") {
        return format!("{scheme}://{rest}").parse().ok();
    }
    if location.starts_with('/') {
        return format!("{scheme}://{authority}{location}").parse().ok();
    }
    let dir = base.path().rsplit_once('/').map_or("", |(dir, _)| dir);
    format!("{scheme}://{authority}{dir}/{location}")
        .parse()
        .ok()
}

/// A URL without `user:password@`, for messages.
pub(super) fn strip_userinfo(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => {
            let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
            match rest[..end].rfind('@') {
                Some(at) => format!("{scheme}://{}", &rest[at + 1..]),
                None => url.to_owned(),
            }
        }
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_resolve_against_the_current_url() {
        let r =
            |loc| resolve_location("http://127.0.0.1:9/api/v1/things", loc).map(|u| u.to_string());
        assert_eq!(r("http://h:1/x").as_deref(), Some("http://h:1/x"));
        assert_eq!(r("/other").as_deref(), Some("http://127.0.0.1:9/other"));
        assert_eq!(r("//h2/p").as_deref(), Some("http://h2/p"));
        assert_eq!(
            r("sibling").as_deref(),
            Some("http://127.0.0.1:9/api/v1/sibling")
        );
        assert_eq!(strip_userinfo("https://u:p@h/x@y"), "https://h/x@y");
        assert_eq!(strip_userinfo("/relative"), "/relative");
    }
}
