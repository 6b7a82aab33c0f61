//! The agent's metrics: counters and timing samples recorded where things happen (HTTP requests,
//! Raft commits, gossip probes, DNS queries), and gauges read at scrape time (Raft state,
//! members by status, KV and catalog sizes). `/v1/agent/metrics` renders them in Consul's JSON
//! shape or, with `?format=prometheus`, in Prometheus' text format.
//!
//! Deviation from Consul: counters and samples are cumulative since the agent started rather
//! than reset every 10 s, so two scrapes can always be differenced and nothing recorded between
//! scrapes is lost; `Rate` is the per-second average since start.

use std::collections::BTreeMap;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use serde::Serialize;

/// Labels as (name, value) pairs, sorted by name.
pub type Labels = Vec<(&'static str, String)>;

type Key = (&'static str, Labels);

/// A timing or size distribution.
#[derive(Debug, Clone, Copy, Default)]
struct Summary {
    count: u64,
    sum: f64,
    sum_sq: f64,
    min: f64,
    max: f64,
}

impl Summary {
    fn add(&mut self, v: f64) {
        if self.count == 0 || v < self.min {
            self.min = v;
        }
        if self.count == 0 || v > self.max {
            self.max = v;
        }
        self.count += 1;
        self.sum += v;
        self.sum_sq += v * v;
    }

    fn mean(&self) -> f64 {
        if self.count == 0 {
            0.0
        } else {
            self.sum / self.count as f64
        }
    }

    fn stddev(&self) -> f64 {
        if self.count < 2 {
            return 0.0;
        }
        let n = self.count as f64;
        ((self.sum_sq - self.sum * self.sum / n) / (n - 1.0))
            .max(0.0)
            .sqrt()
    }
}

/// Every counter and sample of this process.
pub struct Registry {
    started: Instant,
    counters: Mutex<BTreeMap<Key, u64>>,
    samples: Mutex<BTreeMap<Key, Summary>>,
}

/// The process-wide registry (one agent per process).
pub fn global() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(|| Registry {
        started: Instant::now(),
        counters: Mutex::new(BTreeMap::new()),
        samples: Mutex::new(BTreeMap::new()),
    })
}

fn sorted(mut labels: Labels) -> Labels {
    labels.sort_by(|a, b| a.0.cmp(b.0));
    labels
}

/// Adds `n` to a counter.
pub fn incr(name: &'static str, labels: Labels, n: u64) {
    let mut c = global().counters.lock().unwrap_or_else(|p| p.into_inner());
    *c.entry((name, sorted(labels))).or_default() += n;
}

/// Records one timing, in milliseconds as Consul reports them.
pub fn time(name: &'static str, labels: Labels, d: Duration) {
    let mut s = global().samples.lock().unwrap_or_else(|p| p.into_inner());
    s.entry((name, sorted(labels)))
        .or_default()
        .add(d.as_secs_f64() * 1000.0);
}

/// A gauge read at scrape time.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Gauge {
    pub name: String,
    pub value: f64,
    pub labels: BTreeMap<String, String>,
}

impl Gauge {
    pub fn new(name: &str, value: f64, labels: &[(&str, &str)]) -> Gauge {
        Gauge {
            name: name.to_string(),
            value,
            labels: labels
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }
}

/// A counter or sample in Consul's JSON shape.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Aggregate {
    pub name: String,
    pub count: u64,
    pub rate: f64,
    pub sum: f64,
    pub min: f64,
    pub max: f64,
    pub mean: f64,
    pub stddev: f64,
    pub labels: BTreeMap<String, String>,
}

/// `GET /v1/agent/metrics`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Report {
    pub timestamp: String,
    pub gauges: Vec<Gauge>,
    pub points: Vec<serde_json::Value>,
    pub counters: Vec<Aggregate>,
    pub samples: Vec<Aggregate>,
}

fn label_map(labels: &Labels) -> BTreeMap<String, String> {
    labels
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

impl Registry {
    /// Everything recorded so far, with `gauges` read by the caller.
    pub fn report(&self, gauges: Vec<Gauge>) -> Report {
        let elapsed = self.started.elapsed().as_secs_f64().max(1e-9);
        let counters = self
            .counters
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
            .map(|((name, labels), &n)| Aggregate {
                name: name.to_string(),
                count: n,
                rate: n as f64 / elapsed,
                sum: n as f64,
                min: 1.0,
                max: 1.0,
                mean: 1.0,
                stddev: 0.0,
                labels: label_map(labels),
            })
            .collect();
        let samples = self
            .samples
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
            .map(|((name, labels), s)| Aggregate {
                name: name.to_string(),
                count: s.count,
                rate: s.sum / elapsed,
                sum: s.sum,
                min: s.min,
                max: s.max,
                mean: s.mean(),
                stddev: s.stddev(),
                labels: label_map(labels),
            })
            .collect();
        Report {
            timestamp: crate::tls::generate::rfc3339(
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs() as i64),
            ),
            gauges,
            points: Vec::new(),
            counters,
            samples,
        }
    }
}

/// A metric name as Prometheus allows it (`consul.raft.commitTime` → `consul_raft_commitTime`).
fn prom_name(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

fn prom_labels(labels: &BTreeMap<String, String>, extra: Option<(&str, &str)>) -> String {
    let mut parts: Vec<String> = labels
        .iter()
        .map(|(k, v)| format!("{}=\"{}\"", prom_name(k), escape(v)))
        .collect();
    if let Some((k, v)) = extra {
        parts.push(format!("{k}=\"{v}\""));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("{{{}}}", parts.join(","))
    }
}

fn escape(v: &str) -> String {
    v.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

impl Report {
    /// Prometheus' text exposition format: gauges, counters (`_total`), and samples as
    /// summaries (`_sum`, `_count`, with min and max as quantiles 0 and 1).
    pub fn prometheus(&self) -> String {
        let mut out = String::new();
        let mut typed = std::collections::BTreeSet::new();
        let mut header = |out: &mut String, name: &str, kind: &str| {
            if typed.insert(name.to_string()) {
                out.push_str(&format!("# TYPE {name} {kind}\n"));
            }
        };
        for g in &self.gauges {
            let n = prom_name(&g.name);
            header(&mut out, &n, "gauge");
            out.push_str(&format!(
                "{n}{} {}\n",
                prom_labels(&g.labels, None),
                g.value
            ));
        }
        for c in &self.counters {
            let n = format!("{}_total", prom_name(&c.name));
            header(&mut out, &n, "counter");
            out.push_str(&format!(
                "{n}{} {}\n",
                prom_labels(&c.labels, None),
                c.count
            ));
        }
        for s in &self.samples {
            let n = prom_name(&s.name);
            header(&mut out, &n, "summary");
            out.push_str(&format!(
                "{n}{} {}\n",
                prom_labels(&s.labels, Some(("quantile", "0"))),
                s.min
            ));
            out.push_str(&format!(
                "{n}{} {}\n",
                prom_labels(&s.labels, Some(("quantile", "1"))),
                s.max
            ));
            let l = prom_labels(&s.labels, None);
            out.push_str(&format!("{n}_sum{l} {}\n{n}_count{l} {}\n", s.sum, s.count));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_track_count_min_max_mean_and_spread() {
        let mut s = Summary::default();
        for v in [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0] {
            s.add(v);
        }
        assert_eq!((s.count, s.min, s.max), (8, 2.0, 9.0));
        assert!((s.mean() - 5.0).abs() < 1e-9);
        assert!((s.stddev() - 2.138).abs() < 1e-3, "{}", s.stddev());
    }

    #[test]
    fn prometheus_text_has_types_labels_and_summaries() {
        let r = Report {
            timestamp: String::new(),
            gauges: vec![Gauge::new(
                "consul.serf.members",
                3.0,
                &[("status", "alive")],
            )],
            points: Vec::new(),
            counters: vec![Aggregate {
                name: "consul.http.requests".into(),
                count: 7,
                rate: 0.0,
                sum: 7.0,
                min: 1.0,
                max: 1.0,
                mean: 1.0,
                stddev: 0.0,
                labels: BTreeMap::from([("path".into(), "/v1/kv/{*key}".into())]),
            }],
            samples: Vec::new(),
        };
        let text = r.prometheus();
        assert!(
            text.contains("# TYPE consul_serf_members gauge\n"),
            "{text}"
        );
        assert!(
            text.contains("consul_serf_members{status=\"alive\"} 3\n"),
            "{text}"
        );
        assert!(
            text.contains("consul_http_requests_total{path=\"/v1/kv/{*key}\"} 7\n"),
            "{text}"
        );
    }
}
