//! The checks a rollout makes before going on: it observes the cluster (members, every agent's
//! runtime report, the keyring, the Raft configuration) and judges the observation against a
//! stage's expectations, then proves the data path with a canary KV write and read through a
//! client agent. Nothing here changes the cluster except the canary key.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use ctl_server::api::agent::Member;
use ctl_server::api::operator::{KeyringResponse, RaftConfiguration};
use ctl_server::api::runtime::{ClusterReport, ROLLOUT_PREFIX, Report};
use ctl_server::client::{Client, Options};

use super::stage::Expect;

/// serf's member statuses.
const ALIVE: u8 = 1;
const LEAVING: u8 = 2;
const FAILED: u8 = 4;

/// What the cluster looks like at one moment.
#[derive(Debug, Clone)]
pub struct Observation {
    pub members: Vec<Member>,
    pub reports: ClusterReport,
    /// `None` while gossip is not encrypted (there is no keyring to list).
    pub keyring: Option<KeyringResponse>,
    pub raft: Result<RaftConfiguration, String>,
}

/// The judgement of one observation.
#[derive(Debug, Clone, Default)]
pub struct Verdict {
    /// Everything that is not yet as expected.
    pub problems: Vec<String>,
    /// Each member's state: `ok` or what is missing.
    pub nodes: BTreeMap<String, String>,
    /// A problem waiting will not fix (a member failed): stop at once.
    pub fatal: bool,
}

impl Verdict {
    pub fn passed(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Reads everything the checks need.
pub async fn observe(client: &Client) -> Result<Observation, String> {
    let members = client
        .agent_members()
        .await
        .map_err(|e| format!("reading members: {e}"))?;
    let reports = client
        .runtime_cluster(None)
        .await
        .map_err(|e| format!("asking every agent for its settings: {e}"))?;
    let encrypted = reports.responses.values().any(|r| r.gossip.encrypted);
    let keyring = if encrypted {
        client
            .keyring_list()
            .await
            .ok()
            .and_then(|mut v| (!v.is_empty()).then(|| v.remove(0)))
    } else {
        None
    };
    let raft = client.raft_configuration().await.map_err(|e| e.to_string());
    Ok(Observation {
        members,
        reports,
        keyring,
        raft,
    })
}

/// Judges an observation against `expect`.
pub fn judge(obs: &Observation, expect: &Expect) -> Verdict {
    judge_with(obs, expect, false)
}

/// Like [`judge`]; with `tolerate_failed`, failed members are named in the node states but
/// are not problems (checking a rollback, which cannot reach them either).
pub fn judge_with(obs: &Observation, expect: &Expect, tolerate_failed: bool) -> Verdict {
    let mut v = Verdict::default();
    let mut servers = Vec::new();
    for m in &obs.members {
        let mut issues = Vec::new();
        match m.status {
            ALIVE => {}
            FAILED if tolerate_failed => {
                v.nodes
                    .insert(m.name.clone(), "failed (not reached)".into());
                continue;
            }
            FAILED => {
                v.fatal = true;
                issues.push("failed".to_string());
            }
            LEAVING => issues.push("leaving".to_string()),
            // Left members are gone on purpose; they take no part.
            _ => continue,
        }
        if m.tags.get("role").map(String::as_str) == Some("consul") {
            servers.push(m.name.clone());
        }
        if m.status == ALIVE {
            match obs.reports.responses.get(&m.name) {
                None => issues.push(
                    "did not answer (unreachable, or an agent too old for runtime settings)".into(),
                ),
                Some(r) if !r.error.is_empty() => issues.push(format!("refused: {}", r.error)),
                Some(r) => issues.extend(expect.mismatches(r)),
            }
        }
        if issues.is_empty() {
            v.nodes.insert(m.name.clone(), "ok".into());
        } else {
            v.problems
                .push(format!("{}: {}", m.name, issues.join("; ")));
            v.nodes.insert(m.name.clone(), issues.join("; "));
        }
    }
    keyring_problems(obs, expect, &mut v.problems);
    match &obs.raft {
        Err(e) => v.problems.push(format!("Raft: {e}")),
        Ok(c) => {
            if !c.servers.iter().any(|s| s.leader) {
                v.problems.push("Raft: no leader".into());
            }
            for name in &servers {
                match c.servers.iter().find(|s| &s.node == name) {
                    Some(s) if s.voter => {}
                    Some(_) => v.problems.push(format!("Raft: {name} is not a voter")),
                    None => v
                        .problems
                        .push(format!("Raft: {name} is not in the configuration")),
                }
            }
        }
    }
    v
}

fn keyring_problems(obs: &Observation, expect: &Expect, out: &mut Vec<String>) {
    let wants_keyring =
        expect.key_installed.is_some() || expect.primary.is_some() || expect.key_absent.is_some();
    if !wants_keyring {
        return;
    }
    let Some(k) = &obs.keyring else {
        out.push("keyring: could not be listed".into());
        return;
    };
    let n = k.num_nodes;
    if let Some(key) = &expect.key_installed {
        let have = k.keys.get(key).copied().unwrap_or(0);
        if have < n {
            out.push(format!(
                "keyring: {} installed on [{have}/{n}]",
                super::stage::short(key)
            ));
        }
    }
    if let Some(key) = &expect.primary {
        let have = k.primary_keys.get(key).copied().unwrap_or(0);
        if have < n {
            out.push(format!(
                "keyring: {} primary on [{have}/{n}]",
                super::stage::short(key)
            ));
        }
    }
    if let Some(key) = &expect.key_absent
        && let Some(&have) = k.keys.get(key)
        && have > 0
    {
        out.push(format!(
            "keyring: {} still installed on [{have}/{n}]",
            super::stage::short(key)
        ));
    }
    for (node, msg) in &k.messages {
        out.push(format!("keyring: {node}: {msg}"));
    }
}

/// Observes until the cluster matches `expect` (then once more, to see it hold) or `timeout`
/// passes; stops early on a fatal problem. Returns the last verdict either way.
pub async fn wait_for(
    client: &Client,
    expect: &Expect,
    timeout: Duration,
    tolerate_failed: bool,
) -> (bool, Verdict) {
    let deadline = Instant::now() + timeout;
    let mut held = 0;
    loop {
        let verdict = match observe(client).await {
            Ok(obs) => judge_with(&obs, expect, tolerate_failed),
            Err(e) => Verdict {
                problems: vec![e],
                ..Default::default()
            },
        };
        if verdict.passed() {
            held += 1;
            if held >= 2 {
                return (true, verdict);
            }
        } else {
            held = 0;
        }
        if verdict.fatal || Instant::now() >= deadline {
            return (false, verdict);
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

/// The client agents the canary can go through: those whose HTTP address is on this machine.
fn client_agent(reports: &BTreeMap<String, Report>, machine: &str) -> Option<(String, String)> {
    reports
        .values()
        .filter(|r| !r.server && !r.http_addr.is_empty() && r.machine == machine)
        .map(|r| {
            let addr = r.http_addr.replace("0.0.0.0", "127.0.0.1");
            (r.node.clone(), format!("http://{addr}"))
        })
        .next()
}

/// Writes a canary key through a client agent (the one the wizard talks to when none is on
/// this machine) and reads it back. Returns which agent carried it.
pub async fn canary(
    client: &Client,
    reports: &ClusterReport,
    stage: usize,
) -> Result<String, String> {
    let machine = ctl_server::runtime::machine_id();
    let (via, agent) = match client_agent(&reports.responses, &machine) {
        Some((node, addr)) => {
            let c = Client::new(Options {
                addr: addr.clone(),
                ..Options::default()
            })
            .map_err(|e| e.to_string())?;
            (format!("client agent {node} ({addr})"), c)
        }
        None => (format!("the agent at {}", client.base()), client.clone()),
    };
    let key = format!("{ROLLOUT_PREFIX}canary");
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let value = format!("stage {stage} at {nanos}");
    let fail = |what: &str, e: String| format!("canary {what} through {via}: {e}");
    agent
        .kv_put(&key, value.clone().into_bytes(), 0, None)
        .await
        .map_err(|e| fail("write", e.to_string()))?;
    let back = agent
        .kv_get(&key)
        .await
        .map_err(|e| fail("read", e.to_string()))?
        .map(|p| p.value);
    if back.as_deref() != Some(value.as_bytes()) {
        return Err(fail("read", "the value read back differs".into()));
    }
    Ok(via)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ctl_server::api::operator::RaftServer;

    fn member(name: &str, status: u8, server: bool) -> Member {
        let mut m = Member {
            name: name.into(),
            status,
            ..Default::default()
        };
        if server {
            m.tags.insert("role".into(), "consul".into());
        }
        m
    }

    fn healthy() -> Observation {
        let mut reports = ClusterReport::default();
        for n in ["s1", "c1"] {
            reports.responses.insert(
                n.into(),
                Report {
                    node: n.into(),
                    ..Default::default()
                },
            );
        }
        Observation {
            members: vec![member("s1", ALIVE, true), member("c1", ALIVE, false)],
            reports,
            keyring: None,
            raft: Ok(RaftConfiguration {
                servers: vec![RaftServer {
                    id: "1".into(),
                    node: "s1".into(),
                    address: String::new(),
                    leader: true,
                    protocol_version: "3".into(),
                    voter: true,
                    last_index: 0,
                }],
                index: 1,
            }),
        }
    }

    #[test]
    fn a_healthy_cluster_passes() {
        let v = judge(&healthy(), &Expect::default());
        assert!(v.passed(), "{:?}", v.problems);
        assert_eq!(v.nodes["c1"], "ok");
    }

    #[test]
    fn a_failed_member_is_fatal_and_named() {
        let mut obs = healthy();
        obs.members[1].status = FAILED;
        obs.reports.responses.remove("c1");
        let v = judge(&obs, &Expect::default());
        assert!(v.fatal);
        assert_eq!(v.problems, ["c1: failed"]);
    }

    #[test]
    fn a_silent_agent_is_named() {
        let mut obs = healthy();
        obs.reports.responses.remove("c1");
        let v = judge(&obs, &Expect::default());
        assert!(!v.fatal);
        assert!(
            v.problems[0].starts_with("c1: did not answer"),
            "{:?}",
            v.problems
        );
    }

    #[test]
    fn keyring_counts_are_checked() {
        let mut obs = healthy();
        let mut k = KeyringResponse {
            num_nodes: 2,
            ..Default::default()
        };
        k.keys.insert("K".into(), 1);
        obs.keyring = Some(k);
        let e = Expect {
            key_installed: Some("K".into()),
            ..Default::default()
        };
        assert_eq!(judge(&obs, &e).problems, ["keyring: K… installed on [1/2]"]);
    }

    #[test]
    fn raft_without_a_leader_fails() {
        let mut obs = healthy();
        if let Ok(c) = &mut obs.raft {
            c.servers[0].leader = false;
        }
        assert_eq!(
            judge(&obs, &Expect::default()).problems,
            ["Raft: no leader"]
        );
    }
}
