//! Request ids and the request's log span. Every request carries an `x-request-id` — the
//! caller's (a proxy's) when it is a sane token, else a new UUID — which is echoed in the
//! response and recorded on the span, so one request's log lines can be found together and
//! matched with the proxy's.
//!
//! The span names the route's template, never the path or the query a client sent: a path
//! may hold a conversation id (which opens its transcript) and a query a token. Headers are
//! not recorded (cookies, Authorization).

use axum::Router;
use axum::extract::{MatchedPath, Request};
use axum::http::HeaderValue;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

/// The header the id travels in.
pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// The longest id taken from a caller; longer ones are replaced, as they bloat every log line.
const MAX_REQUEST_ID_CHARS: usize = 128;

/// Wraps `router` so every request has an id and a span. Layers added later run first: an
/// unusable incoming id is dropped, a new one set where none is left, the span opened with
/// it, and the id copied to the response.
pub fn layer(router: Router) -> Router {
    router
        .layer(TraceLayer::new_for_http().make_span_with(span))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .layer(axum::middleware::map_request(drop_unusable_request_id))
}

/// Whether a caller's request id can be used as it is: 1 to 128 characters of letters,
/// digits and `-_.:`, nothing that could forge a log line or carry data.
pub fn is_usable(value: &HeaderValue) -> bool {
    let bytes = value.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= MAX_REQUEST_ID_CHARS
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
}

async fn drop_unusable_request_id(mut request: Request) -> Request {
    let values = request
        .headers()
        .get_all(REQUEST_ID_HEADER)
        .iter()
        .collect::<Vec<_>>();
    // Exactly one usable value is kept; several values are as unusable as a bad one.
    if !(values.len() == 1 && is_usable(values[0])) {
        request.headers_mut().remove(REQUEST_ID_HEADER);
    }
    request
}

fn span(request: &Request) -> tracing::Span {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(MatchedPath::as_str)
        .unwrap_or("unmatched");
    let request_id = request
        .headers()
        .get(REQUEST_ID_HEADER)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("-");
    tracing::info_span!(
        "request",
        method = %request.method(),
        route,
        request_id,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sane_tokens_are_kept_and_everything_else_replaced() {
        for kept in ["abc", "0b6e3f1c-7d0a-4c8e-9f1e-2a3b4c5d6e7f", "lb:1234.5_x"] {
            assert!(is_usable(&HeaderValue::from_static(kept)), "{kept}");
        }
        let too_long = "a".repeat(MAX_REQUEST_ID_CHARS + 1);
        for replaced in [
            "",
            "has space",
            "line\tbreak",
            "quote\"",
            "ä",
            too_long.as_str(),
        ] {
            let value = HeaderValue::from_bytes(replaced.as_bytes()).expect("a header value");
            assert!(!is_usable(&value), "{replaced:?}");
        }
    }
}
