//! Service and check definitions as agents receive them — `/v1/agent/service/register`,
//! `/v1/agent/check/register` — in either of Consul's spellings (`DeregisterCriticalServiceAfter`
//! or `deregister_critical_service_after`): keys are matched ignoring case and underscores, as
//! Consul's decoder does, except inside user maps (`Meta`, `Header`) whose keys are data.
//!
//! A check definition names one way of deciding its status — TTL, HTTP, TCP, UDP, gRPC health,
//! alias (the health of another service) or a script — and [`CheckDefinition::probe`] turns it
//! into a [`Probe`]; running the probe is `runner`'s (and `alias`'s) job. Addresses are not
//! resolved here: a malformed one makes the check critical at run time, with an output naming it.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::catalog::records::Weights;
use crate::duration;

/// Maps whose keys belong to the user and are kept as given.
const USER_MAPS: &[&str] = &[
    "meta",
    "header",
    "nodemeta",
    "servicemeta",
    "taggedaddresses",
];

/// Lower-cases keys and drops underscores, recursively, except inside user maps.
pub fn normalize_keys(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .map(|(k, v)| {
                    let key: String = k
                        .chars()
                        .filter(|c| *c != '_')
                        .flat_map(char::to_lowercase)
                        .collect();
                    let v = if USER_MAPS.contains(&key.as_str()) {
                        v
                    } else {
                        normalize_keys(v)
                    };
                    (key, v)
                })
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(normalize_keys).collect()),
        other => other,
    }
}

/// A check as registered (the definition; its status lives in the runner).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CheckDefinition {
    #[serde(alias = "checkid")]
    pub id: String,
    pub name: String,
    pub notes: String,
    #[serde(rename = "serviceid")]
    pub service_id: String,
    /// Initial status (`critical` when empty, as Consul).
    pub status: String,
    pub http: String,
    pub method: String,
    pub header: BTreeMap<String, Vec<String>>,
    pub body: String,
    #[serde(rename = "tlsskipverify")]
    pub tls_skip_verify: bool,
    pub tcp: String,
    pub udp: String,
    pub grpc: String,
    #[serde(rename = "grpcusetls")]
    pub grpc_use_tls: bool,
    #[serde(rename = "aliasnode")]
    pub alias_node: String,
    #[serde(rename = "aliasservice")]
    pub alias_service: String,
    pub ttl: String,
    pub args: Vec<String>,
    pub interval: String,
    pub timeout: String,
    #[serde(rename = "deregistercriticalserviceafter")]
    pub deregister_critical_service_after: String,
    #[serde(rename = "successbeforepassing")]
    pub success_before_passing: u32,
    #[serde(rename = "failuresbeforecritical")]
    pub failures_before_critical: u32,
}

/// How a check decides its status.
#[derive(Debug, Clone, PartialEq)]
pub enum Probe {
    Ttl(Duration),
    Http {
        url: String,
        method: String,
        header: BTreeMap<String, Vec<String>>,
        body: String,
        tls_skip_verify: bool,
    },
    Tcp(String),
    /// A datagram to `host:port`; any reply or silence until the timeout passes.
    Udp(String),
    /// `grpc.health.v1.Health/Check` at `host:port[/service]`.
    Grpc {
        target: String,
        tls: bool,
        tls_skip_verify: bool,
    },
    /// Mirrors the health of `service` on `node` (this agent's node when empty); with an empty
    /// `service`, the node's own checks.
    Alias {
        node: String,
        service: String,
    },
    Script(Vec<String>),
}

impl Probe {
    /// The check `Type` the catalog shows.
    pub fn kind(&self) -> &'static str {
        match self {
            Probe::Ttl(_) => "ttl",
            Probe::Http { .. } => "http",
            Probe::Tcp(_) => "tcp",
            Probe::Udp(_) => "udp",
            Probe::Grpc { .. } => "grpc",
            Probe::Alias { .. } => "alias",
            Probe::Script(_) => "script",
        }
    }
}

fn dur(field: &str, s: &str) -> Result<Option<Duration>, String> {
    if s.is_empty() {
        return Ok(None);
    }
    duration::parse(s)
        .map(Some)
        .map_err(|e| format!("invalid {field} {s:?}: {}", e.reason))
}

impl CheckDefinition {
    /// The probe, interval and timeout, or Consul's message for a definition that cannot run.
    /// Alias checks need no interval: theirs is how often a local alias re-reads this agent's
    /// checks ([`super::alias::LOCAL_POLL`]).
    pub fn probe(&self) -> Result<(Probe, Duration, Duration), String> {
        let interval = dur("Interval", &self.interval)?;
        let timeout = dur("Timeout", &self.timeout)?.unwrap_or(Duration::from_secs(10));
        let needs_interval = || match interval {
            Some(i) if i >= Duration::from_millis(10) => Ok(i),
            _ => Err("Interval must be > 0 for Script, HTTP, TCP, UDP or gRPC checks".to_string()),
        };
        let probe = if let Some(ttl) = dur("TTL", &self.ttl)? {
            (Probe::Ttl(ttl), ttl, timeout)
        } else if !self.http.is_empty() {
            (
                Probe::Http {
                    url: self.http.clone(),
                    method: if self.method.is_empty() {
                        "GET".into()
                    } else {
                        self.method.to_ascii_uppercase()
                    },
                    header: self.header.clone(),
                    body: self.body.clone(),
                    tls_skip_verify: self.tls_skip_verify,
                },
                needs_interval()?,
                timeout,
            )
        } else if !self.tcp.is_empty() {
            (Probe::Tcp(self.tcp.clone()), needs_interval()?, timeout)
        } else if !self.udp.is_empty() {
            (Probe::Udp(self.udp.clone()), needs_interval()?, timeout)
        } else if !self.grpc.is_empty() {
            (
                Probe::Grpc {
                    target: self.grpc.clone(),
                    tls: self.grpc_use_tls,
                    tls_skip_verify: self.tls_skip_verify,
                },
                needs_interval()?,
                timeout,
            )
        } else if !self.alias_service.is_empty() || !self.alias_node.is_empty() {
            (
                Probe::Alias {
                    node: self.alias_node.clone(),
                    service: self.alias_service.clone(),
                },
                super::alias::LOCAL_POLL,
                timeout,
            )
        } else if !self.args.is_empty() {
            (Probe::Script(self.args.clone()), needs_interval()?, timeout)
        } else {
            return Err(
                "Invalid check: TTL, HTTP, TCP, UDP, GRPC, AliasService or Args (a script) must be specified"
                    .into(),
            );
        };
        dur(
            "DeregisterCriticalServiceAfter",
            &self.deregister_critical_service_after,
        )?;
        if !self.status.is_empty() && crate::catalog::Status::parse(&self.status).is_none() {
            return Err(format!("Invalid check status {:?}", self.status));
        }
        Ok(probe)
    }
}

/// A service as registered on an agent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ServiceDefinition {
    pub id: String,
    pub name: String,
    pub tags: Vec<String>,
    pub address: String,
    pub port: u16,
    pub meta: BTreeMap<String, String>,
    pub weights: Option<WeightsDef>,
    #[serde(rename = "enabletagoverride")]
    pub enable_tag_override: bool,
    pub kind: String,
    pub check: Option<CheckDefinition>,
    pub checks: Vec<CheckDefinition>,
}

/// `Weights` in a definition (lower-cased keys after normalisation).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct WeightsDef {
    pub passing: i64,
    pub warning: i64,
}

impl Default for WeightsDef {
    fn default() -> WeightsDef {
        WeightsDef {
            passing: 1,
            warning: 1,
        }
    }
}

impl ServiceDefinition {
    /// Parses a request body or config block in either spelling.
    pub fn parse(v: Value) -> Result<ServiceDefinition, String> {
        let v = normalize_keys(v);
        let mut d: ServiceDefinition = serde_path_to_error::deserialize(v)
            .map_err(|e| format!("Request decode failed: at {}: {}", e.path(), e.inner()))?;
        if d.name.is_empty() {
            return Err("Missing service name".into());
        }
        if d.id.is_empty() {
            d.id = d.name.clone();
        }
        crate::catalog::check_name("Service", &d.name).map_err(|e| e.to_string())?;
        crate::catalog::check_name("Service ID", &d.id).map_err(|e| e.to_string())?;
        Ok(d)
    }

    /// The service's checks with Consul's IDs (`service:<id>`, or `service:<id>:<n>` when it has
    /// several) and names, each checked.
    pub fn service_checks(&self) -> Result<Vec<CheckDefinition>, String> {
        let all: Vec<&CheckDefinition> = self.check.iter().chain(self.checks.iter()).collect();
        let many = all.len() > 1;
        all.into_iter()
            .enumerate()
            .map(|(i, c)| {
                let mut c = c.clone();
                if c.id.is_empty() {
                    c.id = if many {
                        format!("service:{}:{}", self.id, i + 1)
                    } else {
                        format!("service:{}", self.id)
                    };
                }
                if c.name.is_empty() {
                    c.name = format!("Service '{}' check", self.name);
                }
                c.service_id = self.id.clone();
                c.probe()?;
                Ok(c)
            })
            .collect()
    }

    /// The catalog record for this service.
    pub fn record(&self) -> crate::catalog::Service {
        let w = self.weights.clone().unwrap_or_default();
        crate::catalog::Service {
            id: self.id.clone(),
            service: self.name.clone(),
            tags: self.tags.clone(),
            address: self.address.clone(),
            meta: self.meta.clone(),
            port: self.port,
            weights: Weights {
                passing: w.passing,
                warning: w.warning,
            },
            enable_tag_override: self.enable_tag_override,
            kind: self.kind.clone(),
            ..Default::default()
        }
    }
}

impl CheckDefinition {
    /// Parses `/v1/agent/check/register`'s body in either spelling.
    pub fn parse(v: Value) -> Result<CheckDefinition, String> {
        let v = normalize_keys(v);
        let mut d: CheckDefinition = serde_path_to_error::deserialize(v)
            .map_err(|e| format!("Request decode failed: at {}: {}", e.path(), e.inner()))?;
        if d.name.is_empty() {
            return Err("Missing check name".into());
        }
        if d.id.is_empty() {
            d.id = d.name.clone();
        }
        crate::catalog::check_name("CheckID", &d.id).map_err(|e| e.to_string())?;
        d.probe()?;
        Ok(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn both_spellings_parse_and_user_maps_keep_their_keys() {
        let camel = ServiceDefinition::parse(json!({
            "Name": "redis", "Port": 8000, "Meta": {"Redis_Version": "4"},
            "Checks": [{"HTTP": "http://x/health", "Interval": "10s"}, {"TTL": "30s"}]
        }))
        .unwrap();
        let snake = ServiceDefinition::parse(json!({
            "name": "redis", "port": 8000, "meta": {"Redis_Version": "4"},
            "checks": [{"http": "http://x/health", "interval": "10s"}, {"ttl": "30s"}]
        }))
        .unwrap();
        assert_eq!(camel, snake);
        assert_eq!(camel.id, "redis");
        assert_eq!(
            camel.meta.get("Redis_Version").map(String::as_str),
            Some("4")
        );
        let checks = camel.service_checks().unwrap();
        assert_eq!(checks[0].id, "service:redis:1");
        assert_eq!(checks[1].id, "service:redis:2");
        assert_eq!(checks[1].name, "Service 'redis' check");
        assert_eq!(checks[0].probe().unwrap().0.kind(), "http");
    }

    #[test]
    fn bad_definitions_name_the_problem() {
        assert!(
            ServiceDefinition::parse(json!({"Port": 1}))
                .unwrap_err()
                .contains("name")
        );
        let e = ServiceDefinition::parse(json!({"Name": "a", "Port": "x"})).unwrap_err();
        assert!(e.contains("port"), "{e}");
        let no_interval =
            CheckDefinition::parse(json!({"Name": "c", "TCP": "127.0.0.1:1"})).unwrap_err();
        assert!(no_interval.contains("Interval"), "{no_interval}");
        let bad_ttl = CheckDefinition::parse(json!({"Name": "c", "TTL": "soon"})).unwrap_err();
        assert!(bad_ttl.contains("soon"), "{bad_ttl}");
        let nothing = CheckDefinition::parse(json!({"Name": "c"})).unwrap_err();
        assert!(nothing.contains("TTL, HTTP, TCP"), "{nothing}");
    }

    /// UDP, gRPC and alias checks parse from either spelling into their probes and types.
    #[test]
    fn udp_grpc_and_alias_parse_in_both_spellings() {
        let udp = CheckDefinition::parse(
            json!({"Name": "u", "UDP": "127.0.0.1:53", "Interval": "5s", "Timeout": "1s"}),
        )
        .unwrap();
        let udp_snake = CheckDefinition::parse(
            json!({"name": "u", "udp": "127.0.0.1:53", "interval": "5s", "timeout": "1s"}),
        )
        .unwrap();
        assert_eq!(udp, udp_snake);
        let (probe, interval, timeout) = udp.probe().unwrap();
        assert_eq!(probe, Probe::Udp("127.0.0.1:53".into()));
        assert_eq!(probe.kind(), "udp");
        assert_eq!(
            (interval, timeout),
            (Duration::from_secs(5), Duration::from_secs(1))
        );

        let grpc = CheckDefinition::parse(json!({
            "Name": "g", "GRPC": "127.0.0.1:5000/my.Service", "GRPCUseTLS": true,
            "TLSSkipVerify": true, "Interval": "10s"
        }))
        .unwrap();
        let grpc_snake = CheckDefinition::parse(json!({
            "name": "g", "grpc": "127.0.0.1:5000/my.Service", "grpc_use_tls": true,
            "tls_skip_verify": true, "interval": "10s"
        }))
        .unwrap();
        assert_eq!(grpc, grpc_snake);
        let probe = grpc.probe().unwrap().0;
        assert_eq!(
            probe,
            Probe::Grpc {
                target: "127.0.0.1:5000/my.Service".into(),
                tls: true,
                tls_skip_verify: true,
            }
        );
        assert_eq!(probe.kind(), "grpc");
        let plain = CheckDefinition::parse(
            json!({"Name": "g", "GRPC": "localhost:5000", "Interval": "1s"}),
        )
        .unwrap();
        assert!(matches!(
            plain.probe().unwrap().0,
            Probe::Grpc {
                tls: false,
                tls_skip_verify: false,
                ..
            }
        ));

        // Alias checks need no interval.
        let alias =
            CheckDefinition::parse(json!({"Name": "a", "AliasService": "web", "AliasNode": "n1"}))
                .unwrap();
        let alias_snake = CheckDefinition::parse(
            json!({"name": "a", "alias_service": "web", "alias_node": "n1"}),
        )
        .unwrap();
        assert_eq!(alias, alias_snake);
        let probe = alias.probe().unwrap().0;
        assert_eq!(
            probe,
            Probe::Alias {
                node: "n1".into(),
                service: "web".into()
            }
        );
        assert_eq!(probe.kind(), "alias");

        // The same kinds inside a service definition.
        let svc = ServiceDefinition::parse(json!({
            "Name": "db",
            "Checks": [
                {"UDP": "127.0.0.1:53", "Interval": "1s"},
                {"GRPC": "127.0.0.1:5000", "Interval": "1s"},
                {"AliasService": "web"}
            ]
        }))
        .unwrap();
        let kinds: Vec<&str> = svc
            .service_checks()
            .unwrap()
            .iter()
            .map(|c| c.probe().unwrap().0.kind())
            .collect();
        assert_eq!(kinds, ["udp", "grpc", "alias"]);
    }

    /// UDP and gRPC checks without a usable interval, and bad durations, are refused with
    /// Consul's wording; a malformed address is left for the runner to report.
    #[test]
    fn udp_and_grpc_need_an_interval() {
        let want = "Interval must be > 0 for Script, HTTP, TCP, UDP or gRPC checks";
        for body in [
            json!({"Name": "u", "UDP": "127.0.0.1:53"}),
            json!({"Name": "g", "GRPC": "127.0.0.1:5000"}),
            json!({"Name": "g", "GRPC": "127.0.0.1:5000", "Interval": "0s"}),
        ] {
            let e = CheckDefinition::parse(body.clone()).unwrap_err();
            assert_eq!(e, want, "{body}");
        }
        let bad = CheckDefinition::parse(
            json!({"Name": "u", "UDP": "127.0.0.1:53", "Interval": "often"}),
        )
        .unwrap_err();
        assert!(bad.contains("often"), "{bad}");
        let bad =
            CheckDefinition::parse(json!({"Name": "a", "AliasService": "web", "Timeout": "later"}))
                .unwrap_err();
        assert!(bad.contains("later"), "{bad}");
        let nothing = CheckDefinition::parse(json!({"Name": "c", "Notes": "x"})).unwrap_err();
        assert_eq!(
            nothing,
            "Invalid check: TTL, HTTP, TCP, UDP, GRPC, AliasService or Args (a script) must be specified"
        );
        let e = CheckDefinition::parse(json!({"Name": "u", "UDP": 53})).unwrap_err();
        assert!(e.contains("udp"), "{e}");
        assert!(
            CheckDefinition::parse(json!({"Name": "u", "UDP": "no port", "Interval": "1s"}))
                .is_ok()
        );
    }
}
