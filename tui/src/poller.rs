//! The only network code of the dashboard. Long-running tasks keep each source fresh — blocking
//! queries (`index`/`wait`) where the endpoint supports them, short periodic polls where it does
//! not — and a request task carries out the KV reads and writes the user asks for. Failures
//! become `Update::Failed` and are retried with exponential backoff; nothing here can end the
//! dashboard. `fetch_once` gathers the same data in one pass for `--once`.

use std::collections::BTreeMap;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use ctl_server::client::{Client, ClientError};
use futures::StreamExt;
use serde_json::Value;
use tokio::sync::Notify;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender};
use tokio::task::JoinSet;

use crate::app::{Request, View};
use crate::event::Event;
use crate::state::Update;
use crate::state::kv;
use crate::state::model::{
    AgentInfo, Check, Instance, KeyInfo, Member, NodeRuntime, RaftPeer, services_from_json,
};

/// How long a blocking query may wait on the agent for a change.
const WAIT: Duration = Duration::from_secs(60);
const BACKOFF_MIN: Duration = Duration::from_millis(250);
const BACKOFF_MAX: Duration = Duration::from_secs(10);
/// How many `/v1/health/service/<name>` requests run at once when refreshing instances.
const FANOUT: usize = 8;

/// The running poll tasks; dropping it aborts them all, so none outlives the dashboard.
pub struct Poller {
    _tasks: JoinSet<()>,
}

impl Poller {
    pub fn spawn(
        client: Client,
        tx: UnboundedSender<Event>,
        requests: UnboundedReceiver<Request>,
    ) -> Poller {
        let mut tasks = JoinSet::new();
        let changed = Arc::new(Notify::new());
        tasks.spawn(blocking(
            client.clone(),
            "/v1/catalog/services",
            &[],
            "services",
            tx.clone(),
            |v| Update::Services(services_from_json(v)),
            changed.clone(),
            Duration::ZERO,
        ));
        tasks.spawn(blocking(
            client.clone(),
            "/v1/health/state/any",
            &[],
            "checks",
            tx.clone(),
            |v| Update::Checks(Check::list_from_json(v)),
            changed.clone(),
            Duration::ZERO,
        ));
        tasks.spawn(instances_loop(client.clone(), tx.clone(), changed));
        // Key changes made anywhere, for the timeline; and a rollout's progress.
        tasks.spawn(blocking(
            client.clone(),
            "/v1/kv/",
            &["recurse"],
            "kv changes",
            tx.clone(),
            kv_index_from_json,
            Arc::new(Notify::new()),
            Duration::from_secs(2),
        ));
        tasks.spawn(blocking(
            client.clone(),
            "/v1/kv/_ctl/rollout/state",
            &[],
            "rollout",
            tx.clone(),
            rollout_from_json,
            Arc::new(Notify::new()),
            Duration::ZERO,
        ));
        let every = |secs| Duration::from_secs(secs);
        tasks.spawn(periodic(
            every(1),
            "members",
            tx.clone(),
            client.clone(),
            |c| async move { members(&c).await },
        ));
        tasks.spawn(periodic(
            every(1),
            "leader",
            tx.clone(),
            client.clone(),
            |c| async move { c.status_leader().await.map(Update::Leader) },
        ));
        tasks.spawn(periodic(
            every(2),
            "raft",
            tx.clone(),
            client.clone(),
            |c| async move { raft(&c).await },
        ));
        tasks.spawn(periodic(
            every(5),
            "agent",
            tx.clone(),
            client.clone(),
            |c| async move {
                c.agent_self()
                    .await
                    .map(|s| Update::Agent(Box::new(AgentInfo::from_api(&s))))
            },
        ));
        // The keyring answer is a gossip query to every member: cheap to show, costly to ask.
        tasks.spawn(periodic(
            every(15),
            "keyring",
            tx.clone(),
            client.clone(),
            |c| async move { keyring(&c).await },
        ));
        // Another gossip query to every member: each agent's security settings and health.
        tasks.spawn(periodic(
            every(10),
            "runtime",
            tx.clone(),
            client.clone(),
            |c| async move { runtime(&c).await },
        ));
        tasks.spawn(request_loop(client, tx, requests));
        Poller { _tasks: tasks }
    }
}

fn send(tx: &UnboundedSender<Event>, update: Update) {
    let _ = tx.send(Event::Data(update));
}

async fn members(c: &Client) -> Result<Update, ClientError> {
    let m = c.agent_members().await?;
    Ok(Update::Members(m.iter().map(Member::from_api).collect()))
}

async fn raft(c: &Client) -> Result<Update, ClientError> {
    let (cfg, health) = futures::join!(
        c.raft_configuration(),
        c.get_json::<serde_json::Value>("/v1/operator/autopilot/health", &[])
    );
    match cfg {
        Ok(cfg) => {
            let peers = RaftPeer::list_from_api(&cfg);
            Ok(Update::Raft(match health {
                Ok(h) => RaftPeer::with_health(peers, &h),
                Err(_) => peers,
            }))
        }
        // A client agent without servers or a cluster without a leader: show no peers rather
        // than an outage banner.
        Err(ClientError::Status { .. }) => Ok(Update::Raft(Vec::new())),
        Err(e) => Err(e),
    }
}

async fn runtime(c: &Client) -> Result<Update, ClientError> {
    match c.runtime_cluster(None).await {
        Ok(r) => Ok(Update::Runtime(NodeRuntime::map_from_api(&r))),
        // An agent without gossip, or one that predates runtime settings.
        Err(ClientError::Status { .. }) => Ok(Update::Runtime(BTreeMap::new())),
        Err(e) => Err(e),
    }
}

/// `key -> ModifyIndex` from a recursive KV read (`null` when the store is empty).
fn kv_index_from_json(v: &Value) -> Update {
    let map = v
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| Some((e["Key"].as_str()?.to_string(), e["ModifyIndex"].as_u64()?)))
        .collect();
    Update::KvIndex(map)
}

/// The rollout progress stored at its reserved key.
fn rollout_from_json(v: &Value) -> Update {
    let parsed = v
        .as_array()
        .and_then(|a| a.first())
        .and_then(|e| e["Value"].as_str())
        .and_then(|b64| ctl_server::api::b64::decode(b64).ok())
        .and_then(|bytes| serde_json::from_slice(&bytes).ok());
    Update::Rollout(parsed.map(Box::new))
}

async fn keyring(c: &Client) -> Result<Update, ClientError> {
    match c.keyring_list().await {
        Ok(k) => Ok(Update::Keyring(KeyInfo::list_from_api(&k))),
        Err(ClientError::Status { .. }) => Ok(Update::Keyring(Vec::new())),
        Err(e) => Err(e),
    }
}

/// A path segment for a service name (names are user input).
fn segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Every service's instances with their checks.
async fn instances(c: &Client) -> Result<Update, ClientError> {
    let names: BTreeMap<String, Value> = c.get_json("/v1/catalog/services", &[]).await?;
    let results: Vec<Result<(String, Vec<Instance>), ClientError>> =
        futures::stream::iter(names.into_keys())
            .map(|name| async move {
                let v: Value = c
                    .get_json(&format!("/v1/health/service/{}", segment(&name)), &[])
                    .await?;
                Ok((name, Instance::list_from_json(&v)))
            })
            .buffer_unordered(FANOUT)
            .collect()
            .await;
    let mut map = BTreeMap::new();
    for r in results {
        let (name, list) = r?;
        map.insert(name, list);
    }
    Ok(Update::Instances(map))
}

/// Waits on one blocking query after another; each change (a new index) becomes an update and
/// pokes `changed`.
#[allow(clippy::too_many_arguments)]
async fn blocking(
    client: Client,
    path: &'static str,
    flags: &'static [&'static str],
    source: &'static str,
    tx: UnboundedSender<Event>,
    parse: fn(&Value) -> Update,
    changed: Arc<Notify>,
    // After a change, wait this long before asking again: a source whose answer is large
    // (the whole KV store) is then read at most this often under a write load.
    min_gap: Duration,
) {
    let mut index = 0u64;
    let mut backoff = BACKOFF_MIN;
    let query: Vec<(&str, String)> = flags.iter().map(|f| (*f, String::new())).collect();
    while !tx.is_closed() {
        match client.get_blocking(path, &query, index, WAIT).await {
            Ok((at, body)) => {
                backoff = BACKOFF_MIN;
                if at != index || at == 0 {
                    send(&tx, parse(&body));
                    changed.notify_one();
                    if !min_gap.is_zero() {
                        tokio::time::sleep(min_gap).await;
                    }
                }
                // An index that goes backwards (a restored snapshot) restarts from scratch, as
                // Consul's documentation asks of clients.
                index = if at < index { 0 } else { at };
                if at == 0 {
                    // The agent does not support blocking here; do not spin.
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
            Err(e) => {
                send(
                    &tx,
                    Update::Failed {
                        source,
                        error: e.to_string(),
                    },
                );
                index = 0;
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(BACKOFF_MAX);
            }
        }
    }
}

/// Refreshes instances whenever services or checks changed, coalescing bursts.
async fn instances_loop(client: Client, tx: UnboundedSender<Event>, changed: Arc<Notify>) {
    let mut backoff = BACKOFF_MIN;
    while !tx.is_closed() {
        changed.notified().await;
        tokio::time::sleep(Duration::from_millis(50)).await;
        loop {
            match instances(&client).await {
                Ok(u) => {
                    send(&tx, u);
                    backoff = BACKOFF_MIN;
                    break;
                }
                Err(e) => {
                    send(
                        &tx,
                        Update::Failed {
                            source: "instances",
                            error: e.to_string(),
                        },
                    );
                    tokio::time::sleep(backoff).await;
                    backoff = (backoff * 2).min(BACKOFF_MAX);
                }
            }
        }
    }
}

/// Polls an endpoint without blocking support every `every`, backing off on failure.
async fn periodic<F, Fut>(
    every: Duration,
    source: &'static str,
    tx: UnboundedSender<Event>,
    client: Client,
    f: F,
) where
    F: Fn(Client) -> Fut,
    Fut: Future<Output = Result<Update, ClientError>>,
{
    let mut backoff = BACKOFF_MIN;
    let mut last: Option<Update> = None;
    while !tx.is_closed() {
        match f(client.clone()).await {
            Ok(u) => {
                backoff = BACKOFF_MIN;
                // Unchanged answers are not sent again, only confirmed (so "updated … ago"
                // stays true on a quiet cluster without re-applying the same data).
                if last.as_ref() != Some(&u) {
                    send(&tx, u.clone());
                    last = Some(u);
                } else {
                    send(&tx, Update::Confirmed(source));
                }
                tokio::time::sleep(every).await;
            }
            Err(e) => {
                send(
                    &tx,
                    Update::Failed {
                        source,
                        error: e.to_string(),
                    },
                );
                last = None;
                tokio::time::sleep(backoff.min(every.max(BACKOFF_MIN) * 4)).await;
                backoff = (backoff * 2).min(BACKOFF_MAX);
            }
        }
    }
}

/// Carries out one user request.
async fn request(client: &Client, r: Request) -> Update {
    let result =
        match r {
            Request::KvList(prefix) => client
                .kv_keys(&prefix, Some("/"))
                .await
                .map(|keys| Update::KvListed { prefix, keys }),
            Request::KvGet(key) => client.kv_get(&key).await.map(|p| Update::KvValue {
                key,
                entry: p.map(|p| kv::Value {
                    bytes: p.value,
                    flags: p.flags,
                    modify_index: p.modify_index,
                }),
            }),
            Request::KvPut { key, value, cas } => client
                .kv_put(&key, value, 0, Some(cas))
                .await
                .map(|applied| Update::KvWritten {
                    key,
                    verb: "put",
                    applied,
                }),
            Request::KvDelete { key, cas } => {
                client
                    .kv_delete(&key, false, Some(cas))
                    .await
                    .map(|applied| Update::KvWritten {
                        key,
                        verb: "delete",
                        applied,
                    })
            }
        };
    result.unwrap_or_else(|e| Update::Failed {
        source: "kv",
        error: e.to_string(),
    })
}

async fn request_loop(
    client: Client,
    tx: UnboundedSender<Event>,
    mut requests: UnboundedReceiver<Request>,
) {
    while let Some(r) = requests.recv().await {
        send(&tx, request(&client, r).await);
    }
}

/// Everything a frame of `view` needs, fetched once and concurrently; failures are returned as
/// `Update::Failed` so the frame shows the banner instead of failing.
pub async fn fetch_once(client: &Client, view: View) -> Vec<Update> {
    fn flat(source: &'static str, r: Result<Update, ClientError>) -> Update {
        r.unwrap_or_else(|e| Update::Failed {
            source,
            error: e.to_string(),
        })
    }
    let services = async {
        let v = client
            .get_blocking("/v1/catalog/services", &[], 0, WAIT)
            .await?;
        Ok(Update::Services(services_from_json(&v.1)))
    };
    let checks = async {
        let v = client
            .get_blocking("/v1/health/state/any", &[], 0, WAIT)
            .await?;
        Ok(Update::Checks(Check::list_from_json(&v.1)))
    };
    let agent = async {
        client
            .agent_self()
            .await
            .map(|s| Update::Agent(Box::new(AgentInfo::from_api(&s))))
    };
    let leader = async { client.status_leader().await.map(Update::Leader) };
    let (a, m, s, c, l, r, i) = tokio::join!(
        agent,
        members(client),
        services,
        checks,
        leader,
        raft(client),
        instances(client)
    );
    let mut out = vec![
        flat("agent", a),
        flat("members", m),
        flat("services", s),
        flat("checks", c),
        flat("leader", l),
        flat("raft", r),
        flat("instances", i),
    ];
    if view == View::Gossip {
        out.push(flat("keyring", keyring(client).await));
        out.push(flat("runtime", runtime(client).await));
    }
    let rollout = client
        .get_blocking("/v1/kv/_ctl/rollout/state", &[], 0, WAIT)
        .await
        .map(|(_, v)| rollout_from_json(&v));
    out.push(flat("rollout", rollout));
    if view == View::Kv {
        out.push(request(client, Request::KvList(String::new())).await);
    }
    out
}
