//! Which municipality a request is for: the host name it was sent to, else the widget key a
//! page embedding the chat from a shared host sends (a header, or `?key=` where a header
//! cannot be set, as for the live stream), else the deployment's default. Everything the
//! request does then runs for that municipality (`app::in_tenant`).

use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;

use crate::app::{App, in_tenant};

/// The header the widget sends its key in.
pub const WIDGET_KEY_HEADER: &str = "x-civic-widget-key";

pub async fn scope(State(app): State<App>, request: Request, next: Next) -> Response {
    let headers = request.headers();
    let host = headers
        .get(header::HOST)
        .and_then(|value| value.to_str().ok())
        .or_else(|| request.uri().host());
    let key = headers
        .get(WIDGET_KEY_HEADER)
        .and_then(|value| value.to_str().ok())
        .map(str::to_string)
        .or_else(|| key_in_query(request.uri().query()));
    let tenant = app.tenant_for(host, key.as_deref());
    in_tenant(tenant, next.run(request)).await
}

/// The `key` parameter of a query string.
fn key_in_query(query: Option<&str>) -> Option<String> {
    query?
        .split('&')
        .find_map(|pair| pair.strip_prefix("key="))
        .filter(|key| !key.is_empty())
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_key_is_read_from_the_query() {
        let cases = [
            (Some("after=3&key=wk_abc"), Some("wk_abc")),
            (Some("key=wk_abc"), Some("wk_abc")),
            (Some("monkey=1"), None),
            (Some("key="), None),
            (None, None),
        ];
        for (query, expected) in cases {
            assert_eq!(super::key_in_query(query).as_deref(), expected, "{query:?}");
        }
    }
}
