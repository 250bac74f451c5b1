//! The service's Prometheus metrics: what it counts and how long it takes, for the operator's
//! dashboards and alerts. `channels::web` renders them at `GET /metrics`; this module only
//! records and renders, it knows no HTTP.
//!
//! Every label is a closed set — a channel, a language code, a decision, a route template, an
//! HTTP method and status, a kind of deleted record — never a message, an id or a path with an
//! id in it, so the metrics hold no personal data and their number of series stays bounded.
//!
//! The registry is process-wide, as Prometheus counts per process: jobs without an `App` (the
//! retention job) record through the same functions as the handlers.

use std::sync::LazyLock;
use std::time::Duration;

use prometheus::{
    Histogram, HistogramOpts, HistogramVec, IntCounter, IntCounterVec, IntGauge, Opts, Registry,
    TextEncoder,
};

use crate::chat::Decision;
use crate::conversation::Channel;
use crate::language::Lang;

/// The content type of the text exposition format `render` writes.
pub const CONTENT_TYPE: &str = prometheus::TEXT_FORMAT;

/// Counts one resident message the assistant replied to, and how long the turn took (stored
/// message to stored reply).
pub fn record_chat_turn(channel: Channel, language: Lang, decision: Decision, elapsed: Duration) {
    let metrics = &*METRICS;
    metrics
        .chat_messages
        .with_label_values(&[channel.as_str(), language.code(), decision.as_str()])
        .inc();
    metrics
        .chat_turn_seconds
        .with_label_values(&[channel.as_str()])
        .observe(elapsed.as_secs_f64());
}

/// Times one HTTP request; `route` is the route's template (`/api/v1/conversations/{id}`),
/// never the path a client sent.
pub fn record_http_request(method: &str, route: &str, status: u16, elapsed: Duration) {
    METRICS
        .http_request_seconds
        .with_label_values(&[method, route, &status.to_string()])
        .observe(elapsed.as_secs_f64());
}

/// Counts one new content version swapped in (an index rebuilt).
pub fn record_index_reload() {
    METRICS.index_reloads.inc();
}

/// Counts `count` records of `kind` (`messages`, `conversations`, …) deleted by the retention
/// job; `kind` is a fixed word chosen by the caller, never data.
pub fn record_retention_deleted(kind: &str, count: u64) {
    METRICS
        .retention_deleted
        .with_label_values(&[kind])
        .inc_by(count);
}

/// Counts one commit of the SQLite writer and how many turns' writes it carried.
pub fn record_writes_committed_together(count: usize) {
    METRICS.writes_per_commit.observe(count as f64);
}

/// Sets how many outbox rows wait to be sent (read from the store when scraped).
pub fn set_outbox_pending(depth: i64) {
    METRICS.outbox_pending.set(depth);
}

/// Every metric in the text exposition format.
pub fn render() -> String {
    TextEncoder::new()
        .encode_to_string(&METRICS.registry.gather())
        // Encoding fails only on a metric family without metrics or a malformed name, which
        // the fixed definitions below cannot produce; an empty page is still a valid scrape.
        .unwrap_or_default()
}

/// Upper bounds of the latency buckets, in seconds: a turn takes milliseconds, a slow store
/// seconds.
const LATENCY_BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

struct Metrics {
    registry: Registry,
    chat_messages: IntCounterVec,
    chat_turn_seconds: HistogramVec,
    http_request_seconds: HistogramVec,
    outbox_pending: IntGauge,
    index_reloads: IntCounter,
    retention_deleted: IntCounterVec,
    writes_per_commit: Histogram,
}

static METRICS: LazyLock<Metrics> = LazyLock::new(Metrics::register);

impl Metrics {
    fn register() -> Metrics {
        let registry = Registry::new();
        let metrics = Metrics {
            chat_messages: IntCounterVec::new(
                Opts::new(
                    "civic_chat_messages_total",
                    "Resident messages replied to, by channel, language and decision.",
                ),
                &["channel", "language", "decision"],
            )
            .expect("a valid metric definition"),
            chat_turn_seconds: HistogramVec::new(
                HistogramOpts::new(
                    "civic_chat_turn_duration_seconds",
                    "Time from a resident's message to the stored reply, by channel.",
                )
                .buckets(LATENCY_BUCKETS.to_vec()),
                &["channel"],
            )
            .expect("a valid metric definition"),
            http_request_seconds: HistogramVec::new(
                HistogramOpts::new(
                    "civic_http_request_duration_seconds",
                    "Time to answer an HTTP request (to the first byte of a stream), by method, \
                     route and status.",
                )
                .buckets(LATENCY_BUCKETS.to_vec()),
                &["method", "route", "status"],
            )
            .expect("a valid metric definition"),
            outbox_pending: IntGauge::new(
                "civic_outbox_pending",
                "Channel messages stored and not yet sent.",
            )
            .expect("a valid metric definition"),
            index_reloads: IntCounter::new(
                "civic_index_reloads_total",
                "Content versions (knowledge index and templates) swapped in.",
            )
            .expect("a valid metric definition"),
            retention_deleted: IntCounterVec::new(
                Opts::new(
                    "civic_retention_deleted_total",
                    "Records deleted by the retention job, by kind.",
                ),
                &["kind"],
            )
            .expect("a valid metric definition"),
            writes_per_commit: Histogram::with_opts(
                HistogramOpts::new(
                    "civic_store_writes_per_commit",
                    "Write transactions committed together by the SQLite writer, per commit.",
                )
                .buckets(vec![1.0, 2.0, 4.0, 8.0, 16.0, 32.0]),
            )
            .expect("a valid metric definition"),
            registry,
        };
        let collectors: [Box<dyn prometheus::core::Collector>; 7] = [
            Box::new(metrics.chat_messages.clone()),
            Box::new(metrics.chat_turn_seconds.clone()),
            Box::new(metrics.http_request_seconds.clone()),
            Box::new(metrics.outbox_pending.clone()),
            Box::new(metrics.index_reloads.clone()),
            Box::new(metrics.retention_deleted.clone()),
            Box::new(metrics.writes_per_commit.clone()),
        ];
        for collector in collectors {
            metrics
                .registry
                .register(collector)
                .expect("each metric registered once");
        }
        metrics
    }
}

/// The value of the series `name{labels}` (labels in alphabetical order) in `text`, 0 when
/// it does not exist yet.
#[cfg(test)]
pub(crate) fn value(text: &str, series: &str) -> f64 {
    text.lines()
        .find_map(|line| line.strip_prefix(series)?.trim().parse().ok())
        .unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recorded_values_appear_in_the_exposition() {
        let series = r#"civic_retention_deleted_total{kind="unit-test"}"#;
        let before = value(&render(), series);
        record_retention_deleted("unit-test", 3);
        let text = render();
        assert_eq!(value(&text, series), before + 3.0, "{text}");
        assert!(
            text.contains("# TYPE civic_chat_messages_total counter"),
            "{text}"
        );
        assert!(text.contains("# TYPE civic_outbox_pending gauge"), "{text}");
    }

    #[test]
    fn a_turn_is_counted_by_its_closed_labels_and_timed() {
        let series = r#"civic_chat_messages_total{channel="cli",decision="flow",language="ti"}"#;
        let before = value(&render(), series);
        record_chat_turn(
            Channel::Cli,
            Lang::Ti,
            Decision::Flow,
            Duration::from_millis(3),
        );
        let text = render();
        assert_eq!(value(&text, series), before + 1.0, "{text}");
        assert!(
            text.contains(r#"civic_chat_turn_duration_seconds_bucket{channel="cli",le="0.005"}"#),
            "{text}"
        );
    }
}
