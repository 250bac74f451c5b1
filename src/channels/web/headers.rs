//! The security headers of every response, in one place: what a page may load and who may
//! frame it, no content sniffing, no referrer beyond the service, no caching of answers that
//! may hold personal data, and HSTS when the service is reached over HTTPS.
//!
//! The rule for HSTS is the configuration alone (`[web] behind_tls`): the service never
//! terminates TLS itself, and a header a client could forge must not switch it on.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

use crate::app::App;

/// The staff pages and any other server-rendered page: no scripts at all, never framed.
const PAGE_POLICY: &str = "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self'; \
     form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
/// Mina sidor: the chat widget's script from here, never framed (a signed-in page).
const PERSONAL_PAGE_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
     img-src 'self' data:; connect-src 'self'; form-action 'self'; object-src 'none'; \
     frame-ancestors 'none'; base-uri 'none'";
/// One year, the usual HSTS lifetime; without includeSubDomains, because a municipality's
/// other hosts are not this service's to promise.
const HSTS: &str = "max-age=31536000";

/// The headers for one municipality: its web origins may frame the demo page.
#[derive(Debug, Clone)]
pub struct SecurityHeaders {
    /// The demo page's policy: the widget script from here, no inline script, framed only
    /// by this service and the municipality's own web origins.
    demo_page_policy: HeaderValue,
    behind_tls: bool,
}

impl SecurityHeaders {
    pub fn new(allowed_origins: &[String], behind_tls: bool) -> SecurityHeaders {
        // An origin that could break out of the header (a space, `;`, `,`) is left out:
        // `municipality.toml` is trusted, but a typo must not widen the policy.
        let ancestors: Vec<&str> = std::iter::once("'self'")
            .chain(allowed_origins.iter().map(String::as_str).filter(|origin| {
                !origin.is_empty()
                    && origin
                        .chars()
                        .all(|c| c.is_ascii_graphic() && c != ';' && c != ',')
            }))
            .collect();
        let policy = format!(
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
             img-src 'self' data:; connect-src 'self'; form-action 'self'; object-src 'none'; \
             base-uri 'none'; frame-ancestors {}",
            ancestors.join(" ")
        );
        SecurityHeaders {
            demo_page_policy: HeaderValue::from_str(&policy)
                .unwrap_or_else(|_| HeaderValue::from_static(PAGE_POLICY)),
            behind_tls,
        }
    }

    /// Sets the headers of a response to a request for `path`.
    fn apply(&self, path: &str, headers: &mut HeaderMap) {
        headers.insert(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        );
        headers.insert(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        );
        if self.behind_tls {
            headers.insert(
                header::STRICT_TRANSPORT_SECURITY,
                HeaderValue::from_static(HSTS),
            );
        }
        let html = headers
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| value.starts_with("text/html"));
        if html {
            let policy = if path == "/" {
                self.demo_page_policy.clone()
            } else if path.starts_with("/mina-sidor") {
                HeaderValue::from_static(PERSONAL_PAGE_POLICY)
            } else {
                HeaderValue::from_static(PAGE_POLICY)
            };
            headers.insert(header::CONTENT_SECURITY_POLICY, policy);
        }
        // Answers, transcripts and staff pages may hold what residents wrote: no cache
        // (a browser's, a shared proxy's) keeps a copy.
        let personal = path.starts_with("/api/")
            || path.starts_with("/mina-sidor")
            || (html && path.starts_with("/staff"));
        if personal {
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        }
    }
}

/// The middleware: the response's headers by its path and content type, for the request's
/// municipality (its origins may frame the demo page).
pub async fn add(State(app): State<App>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_string();
    let policy = app.security_headers();
    let mut response = next.run(request).await;
    policy.apply(&path, response.headers_mut());
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_page_may_be_framed_by_the_configured_origins_only() {
        let headers = SecurityHeaders::new(
            &[
                "https://www.exempelby.example".into(),
                "https://evil.example; script-src *".into(),
            ],
            false,
        );
        let policy = headers.demo_page_policy.to_str().expect("ASCII");
        assert!(
            policy.ends_with("frame-ancestors 'self' https://www.exempelby.example"),
            "{policy}"
        );
        assert!(!policy.contains("evil"), "{policy}");
        assert!(!policy.contains("script-src 'unsafe-inline'"), "{policy}");
    }

    #[test]
    fn mina_sidor_may_run_the_widget_but_is_never_framed_or_cached() {
        let headers = SecurityHeaders::new(&["https://www.exempelby.example".into()], false);
        let mut response = HeaderMap::new();
        response.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        headers.apply("/mina-sidor", &mut response);
        let policy = response[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .expect("ASCII");
        assert!(policy.contains("script-src 'self';"), "{policy}");
        assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
        assert_eq!(response[header::CACHE_CONTROL], "no-store");
    }
}
