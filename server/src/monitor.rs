//! Live log streaming for `/v1/agent/monitor` (`ctl monitor`): a tracing layer that formats
//! each event once, as text or JSON, and broadcasts it to whoever is watching, at the most
//! verbose level any watcher asked for — which may be more verbose than the agent's own log.
//! Nothing is formatted while nobody watches.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use tokio::sync::broadcast;
use tracing::field::{Field, Visit};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::Layer;
use tracing_subscriber::layer::Context;

/// Lines buffered per watcher before a slow one starts losing them.
const BUFFER: usize = 4096;

/// One formatted log event.
#[derive(Debug, Clone)]
pub struct Line {
    pub level: Level,
    pub text: String,
    pub json: String,
}

/// A watcher's verbosity: 1 error … 5 trace.
fn rank(level: Level) -> u8 {
    match level {
        Level::ERROR => 1,
        Level::WARN => 2,
        Level::INFO => 3,
        Level::DEBUG => 4,
        Level::TRACE => 5,
    }
}

/// Parses Consul's level names (`trace`, `debug`, `info`, `warn`, `err`/`error`).
pub fn parse_level(s: &str) -> Option<Level> {
    Some(match s.to_ascii_lowercase().as_str() {
        "trace" => Level::TRACE,
        "debug" => Level::DEBUG,
        "" | "info" => Level::INFO,
        "warn" | "warning" => Level::WARN,
        "err" | "error" => Level::ERROR,
        _ => return None,
    })
}

struct Hub {
    tx: broadcast::Sender<Arc<Line>>,
    /// The most verbose rank any watcher wants (0: nobody watches).
    max: AtomicU8,
    /// How many watchers want each rank.
    watchers: Mutex<[usize; 6]>,
}

fn hub() -> &'static Hub {
    static HUB: OnceLock<Hub> = OnceLock::new();
    HUB.get_or_init(|| Hub {
        tx: broadcast::channel(BUFFER).0,
        max: AtomicU8::new(0),
        watchers: Mutex::new([0; 6]),
    })
}

impl Hub {
    fn recompute(&self, w: &[usize; 6]) {
        let max = (1..6).rev().find(|&r| w[r] > 0).unwrap_or(0);
        self.max.store(max as u8, Ordering::Relaxed);
    }
}

/// A watcher: receives lines at its level or above; unregisters when dropped.
pub struct Watch {
    pub rx: broadcast::Receiver<Arc<Line>>,
    pub level: Level,
}

impl Watch {
    pub fn new(level: Level) -> Watch {
        let h = hub();
        let mut w = h.watchers.lock().unwrap_or_else(|p| p.into_inner());
        w[rank(level) as usize] += 1;
        h.recompute(&w);
        Watch {
            rx: h.tx.subscribe(),
            level,
        }
    }

    /// Whether a line is for this watcher.
    pub fn wants(&self, line: &Line) -> bool {
        rank(line.level) <= rank(self.level)
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let h = hub();
        let mut w = h.watchers.lock().unwrap_or_else(|p| p.into_inner());
        let r = rank(self.level) as usize;
        w[r] = w[r].saturating_sub(1);
        h.recompute(&w);
    }
}

/// The most verbose level watchers may ask for (set by [`layer`]).
static CEILING: AtomicU8 = AtomicU8::new(4);

/// The most verbose level a watcher can get from this agent.
pub fn ceiling() -> Level {
    match CEILING.load(Ordering::Relaxed) {
        5 => Level::TRACE,
        _ => Level::DEBUG,
    }
}

/// Whether a watcher wants this event now (spans are never streamed).
pub fn wants(meta: &tracing::Metadata<'_>) -> bool {
    meta.is_event() && rank(*meta.level()) <= hub().max.load(Ordering::Relaxed)
}

/// The layer the agent installs next to its own log output. Watchers may ask for up to
/// `ceiling` (debug, or trace when the agent itself logs at trace): a dynamic filter keeps the
/// callsites up to that level live, and trace callsites everywhere in the libraries would
/// otherwise cost every hot path a check.
pub fn layer<S>(ceiling: Level) -> impl Layer<S>
where
    S: Subscriber + for<'a> tracing_subscriber::registry::LookupSpan<'a>,
{
    let ceiling = if ceiling == Level::TRACE {
        Level::TRACE
    } else {
        Level::DEBUG
    };
    CEILING.store(rank(ceiling), Ordering::Relaxed);
    MonitorLayer.with_filter(
        tracing_subscriber::filter::dynamic_filter_fn(|meta, _cx| wants(meta))
            .with_max_level_hint(tracing_subscriber::filter::LevelFilter::from_level(ceiling)),
    )
}

struct MonitorLayer;

#[derive(Default)]
struct Fields {
    message: String,
    text: String,
    json: serde_json::Map<String, serde_json::Value>,
}

impl Visit for Fields {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.put(field, value.to_string(), serde_json::Value::from(value));
    }

    fn record_i64(&mut self, field: &Field, value: i64) {
        self.put(field, value.to_string(), value.into());
    }

    fn record_u64(&mut self, field: &Field, value: u64) {
        self.put(field, value.to_string(), value.into());
    }

    fn record_bool(&mut self, field: &Field, value: bool) {
        self.put(field, value.to_string(), value.into());
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let s = format!("{value:?}");
        self.put(field, s.clone(), s.into());
    }
}

impl Fields {
    fn put(&mut self, field: &Field, text: String, json: serde_json::Value) {
        if field.name() == "message" {
            self.message = text;
        } else {
            let _ = write!(self.text, " {}={text}", field.name());
            self.json.insert(field.name().to_string(), json);
        }
    }
}

impl<S: Subscriber> Layer<S> for MonitorLayer {
    fn on_event(&self, event: &Event<'_>, _ctx: Context<'_, S>) {
        let h = hub();
        if h.tx.receiver_count() == 0 {
            return;
        }
        let meta = event.metadata();
        let mut f = Fields::default();
        event.record(&mut f);
        let at = humantime::format_rfc3339_millis(std::time::SystemTime::now()).to_string();
        let level = *meta.level();
        // The module is the crate part of the target (`ctl_server::gossip::pool` → gossip).
        let module = meta
            .target()
            .split("::")
            .nth(1)
            .unwrap_or(meta.target())
            .to_string();
        let text = format!(
            "{at} [{}] {module}: {}{}",
            level.as_str(),
            f.message,
            f.text
        );
        let mut json = f.json;
        json.insert("@level".into(), level.as_str().to_ascii_lowercase().into());
        json.insert("@message".into(), f.message.into());
        json.insert("@module".into(), module.into());
        json.insert("@timestamp".into(), at.into());
        let line = Line {
            level,
            text,
            json: serde_json::Value::Object(json).to_string(),
        };
        let _ = h.tx.send(Arc::new(line));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tracing_subscriber::prelude::*;

    #[test]
    fn watchers_get_their_level_as_text_and_json() {
        let subscriber = tracing_subscriber::registry().with(layer(Level::DEBUG));
        tracing::subscriber::with_default(subscriber, || {
            tracing::info!("nobody is watching yet");
            let mut watch = Watch::new(Level::DEBUG);
            tracing::debug!(node = "s1", "probe sent");
            tracing::trace!("too verbose for the watcher");
            let line = watch.rx.try_recv().expect("a line");
            assert!(watch.wants(&line));
            assert!(line.text.contains("[DEBUG]"), "{}", line.text);
            assert!(line.text.ends_with("probe sent node=s1"), "{}", line.text);
            let v: serde_json::Value = serde_json::from_str(&line.json).unwrap();
            assert_eq!(v["@level"], "debug");
            assert_eq!(v["node"], "s1");
            assert!(watch.rx.try_recv().is_err(), "trace went through");
        });
        assert_eq!(hub().max.load(Ordering::Relaxed), 0);
    }

    #[test]
    fn levels_parse_like_consul() {
        assert_eq!(parse_level("ERR"), Some(Level::ERROR));
        assert_eq!(parse_level("warn"), Some(Level::WARN));
        assert_eq!(parse_level("loud"), None);
    }
}
