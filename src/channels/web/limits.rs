//! Limits on HTTP requests: how often one client address may call the API, and how long a
//! request may take. Bodies are limited in `router` (64 KiB) and messages in `chat`
//! (2,000 characters); the per-conversation limit is checked in `chat`, where the
//! conversation is known.

use std::net::{IpAddr, Ipv6Addr, SocketAddr};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use ipnet::IpNet;

use super::error::{ApiError, request_language};
use crate::app::App;

/// Counts a request to the API against its client address; over the limit it is answered
/// with 429 and `Retry-After`. The Telegram webhook is exempt: Telegram calls it from a few
/// addresses for every chat, and its messages are limited per chat instead.
pub async fn per_client_address(State(app): State<App>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if !path.starts_with("/api/") || path == crate::channels::telegram::WEBHOOK_PATH {
        return next.run(request).await;
    }
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(address)| address.ip());
    let client = client_address(peer, request.headers(), &app.safeguards().trusted_proxies);
    if let Some(client) = client
        && let Err(retry) = app.limiters().ip.check(&limit_key(client))
    {
        let lang = request_language(request.headers(), &app);
        return ApiError::TooManyRequests(retry)
            .localized(&app, lang)
            .into_response();
    }
    next.run(request).await
}

/// Answers a request that takes longer than the configured timeout with 503 `timeout`.
/// Dropping the handler is safe: a turn's writes are transactions, and a resend with the
/// same client message id finds what was stored.
pub async fn timeout(State(app): State<App>, request: Request, next: Next) -> Response {
    let Some(limit) = app.safeguards().limits.request_timeout() else {
        return next.run(request).await;
    };
    let lang = request_language(request.headers(), &app);
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => ApiError::Timeout.localized(&app, lang).into_response(),
    }
}

/// The client of a request: the connection's peer, or — when the peer is a trusted proxy —
/// the nearest address in `X-Forwarded-For` that is not a trusted proxy. Each proxy appends
/// the address it was called from, so the list is read from the right, and only as far as
/// the proxies are trusted: anything to the left of that a client could have written.
pub fn client_address(
    peer: Option<IpAddr>,
    headers: &HeaderMap,
    trusted_proxies: &[IpNet],
) -> Option<IpAddr> {
    let trusted = |address: &IpAddr| trusted_proxies.iter().any(|net| net.contains(address));
    let mut client = peer?;
    if !trusted(&client) {
        return Some(client);
    }
    let hops: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .collect();
    for hop in hops.into_iter().rev() {
        let Ok(address) = hop.trim().parse::<IpAddr>() else {
            // A malformed entry ends what can be believed; the last proxy is the client.
            break;
        };
        client = address;
        if !trusted(&client) {
            break;
        }
    }
    Some(client)
}

/// The key an address is limited under: IPv6 clients usually hold a whole /64, so it is
/// counted as one client; an IPv4 address mapped into IPv6 is the IPv4 address.
fn limit_key(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V4(_) => address,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let prefix = u128::from(v6) & !((1u128 << 64) - 1);
                IpAddr::V6(Ipv6Addr::from(prefix))
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(forwarded: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", forwarded.parse().expect("header value"));
        headers
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("an address")
    }

    #[test]
    fn without_trusted_proxies_the_peer_is_the_client() {
        let forged = headers("203.0.113.9");
        assert_eq!(
            client_address(Some(ip("198.51.100.7")), &forged, &[]),
            Some(ip("198.51.100.7"))
        );
        assert_eq!(client_address(None, &forged, &[]), None);
    }

    #[test]
    fn behind_trusted_proxies_the_nearest_untrusted_hop_is_the_client() {
        let proxies: Vec<IpNet> = vec!["10.0.0.0/8".parse().expect("network")];
        // The client forged the first entry; the proxies appended the real one and their own.
        let chain = headers("1.2.3.4, 203.0.113.9, 10.0.0.2");
        assert_eq!(
            client_address(Some(ip("10.0.0.1")), &chain, &proxies),
            Some(ip("203.0.113.9"))
        );
        // No header: the proxy itself is all that is known.
        assert_eq!(
            client_address(Some(ip("10.0.0.1")), &HeaderMap::new(), &proxies),
            Some(ip("10.0.0.1"))
        );
        // A malformed entry stops the walk at the last believable hop.
        assert_eq!(
            client_address(
                Some(ip("10.0.0.1")),
                &headers("203.0.113.9, junk"),
                &proxies
            ),
            Some(ip("10.0.0.1"))
        );
    }

    #[test]
    fn an_ipv6_client_is_limited_by_its_64_prefix() {
        assert_eq!(
            limit_key(ip("2001:db8:1:2:aaaa::1")),
            limit_key(ip("2001:db8:1:2:bbbb::2"))
        );
        assert_ne!(
            limit_key(ip("2001:db8:1:2::1")),
            limit_key(ip("2001:db8:1:3::1"))
        );
        assert_eq!(limit_key(ip("::ffff:192.0.2.1")), ip("192.0.2.1"));
    }
}
