//! How often a client may ask: per client address (the HTTP API), per conversation (chat
//! messages) and per Telegram chat. Each limit is a GCRA token bucket (the `governor` crate)
//! kept in this instance's memory; it does not know the channels, only keys and a clock.
//!
//! State is per instance on purpose: behind a load balancer with N instances a client gets
//! at most N times its allowance, which still stops floods without a shared store on the
//! path of every request.

use std::hash::Hash;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};
use serde::Deserialize;

use crate::conversation::ConversationId;

/// The allowances, from `[limits]` in `municipality.toml` and the operator's overrides.
/// A rate of 0 turns that limit off (load tests).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// Requests to the HTTP API per minute from one client address.
    pub requests_per_minute_per_ip: u32,
    /// Chat messages per minute in one web conversation.
    pub messages_per_minute_per_conversation: u32,
    /// Messages per minute from one Telegram chat.
    pub messages_per_minute_per_telegram_chat: u32,
    /// How long an HTTP request may take before it is answered with an error (not the
    /// conversation stream, which stays open by design).
    pub request_timeout_seconds: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            requests_per_minute_per_ip: 120,
            messages_per_minute_per_conversation: 30,
            messages_per_minute_per_telegram_chat: 30,
            request_timeout_seconds: 30,
        }
    }
}

impl Limits {
    /// The request timeout; `None` when it is turned off (0).
    pub fn request_timeout(&self) -> Option<Duration> {
        (self.request_timeout_seconds > 0)
            .then(|| Duration::from_secs(self.request_timeout_seconds))
    }
}

/// Over the limit: wait this long before the next request is allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryAfter(pub Duration);

impl RetryAfter {
    /// Whole seconds, rounded up and at least one, as `Retry-After` and the messages say.
    pub fn seconds(self) -> u64 {
        (self.0.as_secs() + u64::from(self.0.subsec_nanos() > 0)).max(1)
    }
}

/// One keyed limit: `per_minute` events per key per minute, the whole allowance usable
/// at once (a burst), refilled evenly over the minute.
pub struct RateLimit<K: Hash + Eq + Clone> {
    /// `None` when the limit is turned off.
    limiter: Option<DefaultKeyedRateLimiter<K>>,
}

impl<K: Hash + Eq + Clone> RateLimit<K> {
    pub fn per_minute(per_minute: u32) -> RateLimit<K> {
        RateLimit {
            limiter: NonZeroU32::new(per_minute)
                .map(|rate| governor::RateLimiter::keyed(Quota::per_minute(rate))),
        }
    }

    /// Takes one event from `key`'s allowance, or says how long until there is one.
    pub fn check(&self, key: &K) -> Result<(), RetryAfter> {
        let Some(limiter) = &self.limiter else {
            return Ok(());
        };
        limiter.check_key(key).map_err(|not_until| {
            RetryAfter(not_until.wait_time_from(DefaultClock::default().now()))
        })
    }

    /// Forgets keys whose allowance is full again, so memory follows the active clients
    /// rather than every client ever seen.
    pub fn forget_idle(&self) {
        if let Some(limiter) = &self.limiter {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
    }
}

/// Every limit of this instance.
pub struct Limiters {
    /// Requests to the HTTP API per client address.
    pub ip: RateLimit<IpAddr>,
    /// Chat messages per web conversation.
    pub conversation: RateLimit<ConversationId>,
    /// Messages per Telegram chat.
    pub telegram_chat: RateLimit<i64>,
    /// The polite "please wait" to a Telegram chat over its limit: once a minute, so a
    /// flood is answered once rather than with silence or with a flood.
    pub telegram_notice: RateLimit<i64>,
}

impl Limiters {
    pub fn new(limits: &Limits) -> Limiters {
        Limiters {
            ip: RateLimit::per_minute(limits.requests_per_minute_per_ip),
            conversation: RateLimit::per_minute(limits.messages_per_minute_per_conversation),
            telegram_chat: RateLimit::per_minute(limits.messages_per_minute_per_telegram_chat),
            telegram_notice: RateLimit::per_minute(u32::from(
                limits.messages_per_minute_per_telegram_chat > 0,
            )),
        }
    }

    /// Forgets idle keys of every limit.
    pub fn forget_idle(&self) {
        self.ip.forget_idle();
        self.conversation.forget_idle();
        self.telegram_chat.forget_idle();
        self.telegram_notice.forget_idle();
    }
}

/// Forgets idle keys once a minute until `shutdown` turns true.
pub async fn forget_idle_until(
    limiters: std::sync::Arc<Limiters>,
    mut shutdown: tokio::sync::watch::Receiver<bool>,
) {
    let mut every_minute = tokio::time::interval(Duration::from_secs(60));
    while !*shutdown.borrow() {
        tokio::select! {
            _ = every_minute.tick() => limiters.forget_idle(),
            _ = shutdown.changed() => break,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_gets_its_allowance_then_waits_and_others_are_unaffected() {
        let limit = RateLimit::per_minute(3);
        for _ in 0..3 {
            assert_eq!(limit.check(&"a"), Ok(()));
        }
        let RetryAfter(wait) = limit.check(&"a").expect_err("the fourth is over the limit");
        // One event comes back every 20 s (3 a minute).
        assert!(
            wait > Duration::ZERO && wait <= Duration::from_secs(20),
            "{wait:?}"
        );
        assert_eq!(limit.check(&"b"), Ok(()));
    }

    #[test]
    fn zero_turns_a_limit_off() {
        let limit = RateLimit::per_minute(0);
        for _ in 0..1000 {
            assert_eq!(limit.check(&1), Ok(()));
        }
    }

    #[test]
    fn retry_after_rounds_up_to_whole_seconds() {
        assert_eq!(RetryAfter(Duration::from_millis(1)).seconds(), 1);
        assert_eq!(RetryAfter(Duration::from_millis(2000)).seconds(), 2);
        assert_eq!(RetryAfter(Duration::from_millis(2001)).seconds(), 3);
        assert_eq!(RetryAfter(Duration::ZERO).seconds(), 1);
    }
}
