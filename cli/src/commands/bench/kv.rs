//! `ctl bench kv`: N concurrent clients putting or getting random keys through `/v1/kv`, against
//! any Consul-compatible agent; reports throughput and latency percentiles.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use clap::{Args, ValueEnum};
use ctl_server::client::{Client, Consistency};
use rand::RngExt;
use serde::Serialize;

use crate::CliError;
use crate::flags::ConnectionFlags;
use crate::output::{self, Format};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Put,
    Get,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ReadConsistency {
    Default,
    Consistent,
    Stale,
}

#[derive(Debug, Args)]
pub struct KvBenchArgs {
    #[command(flatten)]
    pub conn: ConnectionFlags,
    /// Concurrent clients.
    #[arg(long, default_value_t = 16, value_parser = clap::value_parser!(u32).range(1..=4096))]
    pub clients: u32,
    /// How long to run (e.g. 10s, 1m).
    #[arg(long, conflicts_with = "requests", value_parser = parse_duration, value_name = "D")]
    pub duration: Option<Duration>,
    /// Stop after this many requests instead of a duration.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub requests: Option<u64>,
    /// Bytes per value.
    #[arg(long, default_value_t = 100, value_name = "B", value_parser = clap::value_parser!(u32).range(0..=524_288))]
    pub value_size: u32,
    /// Keys chosen from at random.
    #[arg(long, default_value_t = 100_000, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=100_000_000))]
    pub keys: u64,
    #[arg(long, value_enum, default_value_t = Mode::Put)]
    pub mode: Mode,
    /// Read consistency for --mode get.
    #[arg(long, value_enum, default_value_t = ReadConsistency::Default)]
    pub consistency: ReadConsistency,
    /// Key prefix.
    #[arg(long, default_value = "bench/")]
    pub prefix: String,
}

fn parse_duration(s: &str) -> Result<Duration, String> {
    ctl_server::duration::parse(s).map_err(|e| e.to_string())
}

/// Latency in milliseconds.
#[derive(Debug, Serialize)]
struct Latency {
    p50: f64,
    p90: f64,
    p99: f64,
    max: f64,
    mean: f64,
}

#[derive(Debug, Serialize)]
struct Report {
    target: String,
    mode: Mode,
    consistency: ReadConsistency,
    clients: u32,
    value_size: u32,
    requests: u64,
    errors: u64,
    seconds: f64,
    throughput: f64,
    latency_ms: Latency,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_error: Option<String>,
}

fn percentile(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    f64::from(sorted[rank.clamp(1, sorted.len()) - 1]) / 1000.0
}

/// Shared counters the workers bump and the progress line reads.
#[derive(Default)]
struct Counters {
    started: AtomicU64,
    done: AtomicU64,
    errors: AtomicU64,
}

struct Plan {
    mode: Mode,
    keys: u64,
    prefix: String,
    value: Vec<u8>,
    limit: Option<u64>,
    deadline: Option<Instant>,
}

async fn worker(
    client: Client,
    plan: Arc<Plan>,
    counters: Arc<Counters>,
) -> (Vec<u32>, Option<String>) {
    let mut lat = Vec::with_capacity(4096);
    let mut first_error = None;
    loop {
        if let Some(limit) = plan.limit
            && counters.started.fetch_add(1, Ordering::Relaxed) >= limit
        {
            break;
        }
        if plan.deadline.is_some_and(|d| Instant::now() >= d) {
            break;
        }
        let key = format!("{}{}", plan.prefix, rand::rng().random_range(0..plan.keys));
        let t0 = Instant::now();
        let result = match plan.mode {
            Mode::Put => client
                .kv_put(&key, plan.value.clone(), 0, None)
                .await
                .map(|_| ()),
            Mode::Get => client.kv_get(&key).await.map(|_| ()),
        };
        let micros = t0.elapsed().as_micros().min(u128::from(u32::MAX)) as u32;
        match result {
            Ok(()) => lat.push(micros),
            Err(e) => {
                counters.errors.fetch_add(1, Ordering::Relaxed);
                first_error.get_or_insert_with(|| e.to_string());
            }
        }
        counters.done.fetch_add(1, Ordering::Relaxed);
    }
    (lat, first_error)
}

/// Writes every key once so gets find values.
async fn populate(client: &Client, plan: &Plan, clients: u32) -> Result<(), CliError> {
    let next = Arc::new(AtomicU64::new(0));
    let mut tasks = Vec::new();
    for _ in 0..clients.min(64) {
        let (client, next, prefix, value, keys) = (
            client.clone(),
            next.clone(),
            plan.prefix.clone(),
            plan.value.clone(),
            plan.keys,
        );
        tasks.push(tokio::spawn(async move {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= keys {
                    return Ok(());
                }
                client
                    .kv_put(&format!("{prefix}{i}"), value.clone(), 0, None)
                    .await?;
            }
        }));
    }
    for t in tasks {
        t.await
            .map_err(|e| CliError::Failed(format!("populating keys: {e}")))?
            .map_err(|e| CliError::client("populating keys: ", e))?;
    }
    Ok(())
}

pub async fn run(a: KvBenchArgs, format: Format) -> Result<(), CliError> {
    let mut opts = a.conn.options();
    opts.pool = a.clients as usize;
    opts.consistency = match a.consistency {
        ReadConsistency::Default if a.conn.stale => Consistency::Stale,
        ReadConsistency::Default => Consistency::Default,
        ReadConsistency::Consistent => Consistency::Consistent,
        ReadConsistency::Stale => Consistency::Stale,
    };
    let client = Client::new(opts)?;
    client
        .status_leader()
        .await
        .map_err(|e| CliError::client("Error querying agent: ", e))?;
    let mut plan = Plan {
        mode: a.mode,
        keys: a.keys,
        prefix: a.prefix.clone(),
        value: vec![b'v'; a.value_size as usize],
        limit: a.requests,
        deadline: None,
    };
    if a.mode == Mode::Get {
        output::progress(&format!("populating {} keys…", a.keys));
        populate(&client, &plan, a.clients).await?;
    }
    let duration = if a.requests.is_none() {
        Some(a.duration.unwrap_or(Duration::from_secs(10)))
    } else {
        None
    };
    let start = Instant::now();
    plan.deadline = duration.map(|d| start + d);
    let plan = Arc::new(plan);
    let counters = Arc::new(Counters::default());
    let workers: Vec<_> = (0..a.clients)
        .map(|_| tokio::spawn(worker(client.clone(), plan.clone(), counters.clone())))
        .collect();
    let ticker = {
        let counters = counters.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(1));
            tick.tick().await;
            loop {
                tick.tick().await;
                let done = counters.done.load(Ordering::Relaxed);
                let secs = start.elapsed().as_secs_f64();
                output::progress(&format!(
                    "{done} requests, {:.0}/s, {} errors",
                    done as f64 / secs,
                    counters.errors.load(Ordering::Relaxed)
                ));
            }
        })
    };
    let mut all = Vec::new();
    let mut first_error = None;
    for w in workers {
        let (lat, err) = w
            .await
            .map_err(|e| CliError::Failed(format!("benchmark worker: {e}")))?;
        all.extend(lat);
        if first_error.is_none() {
            first_error = err;
        }
    }
    let elapsed = start.elapsed().as_secs_f64();
    ticker.abort();
    output::progress_done();
    all.sort_unstable();
    let ok = all.len() as u64;
    let mean = if all.is_empty() {
        0.0
    } else {
        all.iter().map(|&v| f64::from(v)).sum::<f64>() / all.len() as f64 / 1000.0
    };
    let report = Report {
        target: client.base().to_string(),
        mode: a.mode,
        consistency: a.consistency,
        clients: a.clients,
        value_size: a.value_size,
        requests: ok,
        errors: counters.errors.load(Ordering::Relaxed),
        seconds: elapsed,
        throughput: ok as f64 / elapsed,
        latency_ms: Latency {
            p50: percentile(&all, 50.0),
            p90: percentile(&all, 90.0),
            p99: percentile(&all, 99.0),
            max: all.last().map_or(0.0, |&v| f64::from(v) / 1000.0),
            mean,
        },
        first_error,
    };
    if format == Format::Json {
        return output::json(&report);
    }
    let l = &report.latency_ms;
    output::aligned(&[
        ("Target", report.target.clone()),
        ("Mode", format!("{:?}", report.mode).to_lowercase()),
        ("Clients", report.clients.to_string()),
        ("Requests", report.requests.to_string()),
        ("Errors", report.errors.to_string()),
        ("Duration", format!("{:.2}s", report.seconds)),
        ("Throughput", format!("{:.1} req/s", report.throughput)),
        ("Latency p50", format!("{:.3} ms", l.p50)),
        ("Latency p90", format!("{:.3} ms", l.p90)),
        ("Latency p99", format!("{:.3} ms", l.p99)),
        ("Latency max", format!("{:.3} ms", l.max)),
    ])?;
    if let Some(e) = &report.first_error {
        eprintln!("first error: {e}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Nearest-rank percentiles over sorted microseconds, in milliseconds.
    #[test]
    fn percentiles() {
        let v: Vec<u32> = (1..=100).map(|i| i * 1000).collect();
        assert_eq!(percentile(&v, 50.0), 50.0);
        assert_eq!(percentile(&v, 99.0), 99.0);
        assert_eq!(percentile(&v, 100.0), 100.0);
        assert_eq!(percentile(&[], 50.0), 0.0);
    }
}
