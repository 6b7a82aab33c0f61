//! Snapshot tests of every view at 80x24 and 160x48, drawn from one fixed cluster so a change
//! in layout or wording shows up as a reviewed diff.

use std::collections::BTreeMap;

use crate::app::{App, View};
use crate::render_text;
use crate::state::Update;
use crate::state::kv::Value;
use crate::state::model::{
    AgentInfo, Check, Health, Instance, KeyInfo, Member, MemberStatus, NodeRuntime, RaftPeer, Role,
};
use crate::theme::Theme;

/// 2023-11-14 22:13:20 UTC.
const T0: u64 = 1_700_000_000;

fn member(name: &str, ip: &str, role: Role, status: MemberStatus) -> Member {
    let mut tags = BTreeMap::new();
    tags.insert("dc".to_string(), "dc1".to_string());
    tags.insert(
        "role".to_string(),
        if role == Role::Server {
            "consul"
        } else {
            "node"
        }
        .to_string(),
    );
    Member {
        name: name.into(),
        addr: ip.into(),
        port: 8301,
        status,
        role,
        dc: "dc1".into(),
        build: "1.0.0".into(),
        tags,
        suspect: false,
    }
}

fn check(node: &str, id: &str, status: Health, service: &str, output: &str) -> Check {
    Check {
        node: node.into(),
        id: id.into(),
        name: id.into(),
        status,
        output: output.into(),
        service_id: service.into(),
        service_name: service.split('-').next().unwrap_or_default().into(),
    }
}

fn instance(
    node: &str,
    ip: &str,
    service: &str,
    id: &str,
    port: u16,
    checks: Vec<Check>,
) -> Instance {
    Instance {
        node: node.into(),
        address: ip.into(),
        id: id.into(),
        service: service.into(),
        port,
        tags: vec!["v2".into()],
        checks,
    }
}

/// A 3-server, 2-client cluster where one client has just failed and one web instance is
/// critical.
fn fixture(view: View) -> App {
    let mut app = App::new(view, T0);
    let members = vec![
        member("server-1", "10.0.0.1", Role::Server, MemberStatus::Alive),
        member("server-2", "10.0.0.2", Role::Server, MemberStatus::Alive),
        member("server-3", "10.0.0.3", Role::Server, MemberStatus::Alive),
        member("client-1", "10.0.1.1", Role::Client, MemberStatus::Alive),
        member("client-2", "10.0.1.2", Role::Client, MemberStatus::Alive),
    ];
    let serf = |n: &str, s| check(n, "serfHealth", s, "", "Agent alive and reachable");
    let web1 = check(
        "client-1",
        "service:web-1",
        Health::Passing,
        "web-1",
        "HTTP GET http://10.0.1.1:80/health: 200 OK",
    );
    let web2 = check(
        "client-2",
        "service:web-2",
        Health::Critical,
        "web-2",
        "dial tcp 10.0.1.2:80: connection refused",
    );
    let db = check(
        "server-1",
        "service:db-1",
        Health::Passing,
        "db-1",
        "TCP connect 10.0.0.1:5432: Success",
    );
    let mut checks = vec![
        serf("server-1", Health::Passing),
        serf("server-2", Health::Passing),
        serf("server-3", Health::Passing),
        serf("client-1", Health::Passing),
        serf("client-2", Health::Passing),
        web1.clone(),
        web2.clone(),
        db.clone(),
    ];
    let mut services = BTreeMap::new();
    services.insert("consul".to_string(), vec![]);
    services.insert("db".to_string(), vec!["primary".to_string()]);
    services.insert(
        "web".to_string(),
        vec!["v2".to_string(), "http".to_string()],
    );
    let mut instances = BTreeMap::new();
    instances.insert(
        "consul".to_string(),
        ["server-1", "server-2", "server-3"]
            .iter()
            .enumerate()
            .map(|(i, n)| {
                instance(
                    n,
                    &format!("10.0.0.{}", i + 1),
                    "consul",
                    "consul",
                    8300,
                    vec![],
                )
            })
            .collect(),
    );
    instances.insert(
        "db".to_string(),
        vec![instance(
            "server-1",
            "10.0.0.1",
            "db",
            "db-1",
            5432,
            vec![db],
        )],
    );
    instances.insert(
        "web".to_string(),
        vec![
            instance("client-1", "10.0.1.1", "web", "web-1", 80, vec![web1]),
            instance("client-2", "10.0.1.2", "web", "web-2", 80, vec![web2]),
        ],
    );
    let raft = (1..=3)
        .map(|i| RaftPeer {
            node: format!("server-{i}"),
            id: format!("0000000{i}-aaaa-bbbb-cccc-dddddddddddd"),
            address: format!("10.0.0.{i}:8300"),
            leader: i == 1,
            voter: true,
            last_index: if i == 3 { 118 } else { 120 },
            last_contact: format!("{}ms", i * 7),
            healthy: Some(i != 3),
        })
        .collect();
    app.on_update(
        Update::Agent(Box::new(AgentInfo {
            datacenter: "dc1".into(),
            node: "server-1".into(),
            server: true,
            version: "1.0.0".into(),
            term: "4".into(),
            commit_index: "120".into(),
            encrypted: Some(true),
            verify_incoming: "true".into(),
            verify_outgoing: "true".into(),
            health_score: "0".into(),
            https: Some(false),
            rpc_verify_incoming: "true".into(),
            rpc_verify_outgoing: "true".into(),
            rpc_verify_hostname: "true".into(),
            https_verify_incoming: "false".into(),
        })),
        T0,
    );
    // A few more reports, so the Overview's trends have something to draw.
    for (commit, score) in [("128", "0"), ("150", "1"), ("151", "0")] {
        let mut a = app.cluster.agent.clone().expect("agent info");
        a.commit_index = commit.into();
        a.health_score = score.into();
        app.on_update(Update::Agent(Box::new(a)), T0);
    }
    app.on_update(Update::Members(members.clone()), T0);
    app.on_update(Update::Services(services), T0);
    app.on_update(Update::Instances(instances), T0);
    app.on_update(Update::Checks(checks.clone()), T0);
    app.on_update(Update::Leader("10.0.0.2:8300".into()), T0);
    app.on_update(Update::Raft(raft), T0);
    app.on_update(
        Update::Keyring(vec![
            KeyInfo {
                key: "pUqJrVyVRj5jsiYEkM/tFQYfWyJIv4s3XkvDwy7Cu5s=".into(),
                installed: 5,
                total: 5,
                primary: true,
            },
            KeyInfo {
                key: "HvY8ubRZMgafUOWvrOadwOckVa1wN3QWAo46FVKbVN8=".into(),
                installed: 3,
                total: 5,
                primary: false,
            },
        ]),
        T0,
    );
    // What happened since: a leader change, a client failing, its check going critical.
    app.on_update(Update::Leader("10.0.0.1:8300".into()), T0 + 5);
    let mut later = members;
    later[4].status = MemberStatus::Failed;
    later[3].suspect = true;
    app.on_update(Update::Members(later), T0 + 12);
    checks[4].status = Health::Critical;
    checks[4].output = "Agent not live or unreachable".into();
    app.on_update(Update::Checks(checks), T0 + 12);
    app.on_update(
        Update::KvListed {
            prefix: String::new(),
            keys: vec!["app/".into(), "config.json".into(), "blob".into()],
        },
        T0 + 12,
    );
    app.on_update(
        Update::KvValue {
            key: "config.json".into(),
            entry: Some(Value {
                bytes: br#"{"replicas":3,"image":"web:2.1","env":{"LOG":"debug"}}"#.to_vec(),
                flags: 0,
                modify_index: 97,
            }),
        },
        T0 + 12,
    );
    // Each agent's runtime settings, a key changed elsewhere, and a rollout under way.
    let runtime = ["server-1", "server-2", "server-3", "client-1"]
        .iter()
        .enumerate()
        .map(|(i, n)| {
            (
                n.to_string(),
                NodeRuntime {
                    health_score: if i == 3 { 2 } else { 0 },
                    gossip: "enforced",
                    tls: if i == 3 { "TLS" } else { "mTLS" },
                },
            )
        })
        .collect();
    app.on_update(Update::Runtime(runtime), T0 + 12);
    let index = |n: u64| BTreeMap::from([("app/config".to_string(), n)]);
    app.on_update(Update::KvIndex(index(90)), T0 + 12);
    app.on_update(Update::KvIndex(index(97)), T0 + 13);
    let rollout = ctl_server::api::runtime::Rollout {
        kind: "gossip-key".into(),
        stages: 3,
        done: 1,
        status: "running".into(),
        message: "stage 2: checking".into(),
        nodes: BTreeMap::from([
            ("server-1".to_string(), "ok".to_string()),
            ("client-2".to_string(), "failed".to_string()),
        ]),
        ..Default::default()
    };
    app.on_update(Update::Rollout(Some(Box::new(rollout))), T0 + 14);
    app.now = T0 + 15;
    app.outbox.clear();
    app
}

fn frame(app: &App, w: u16, h: u16) -> String {
    render_text(app, Theme { color: false }, w, h)
}

/// Every view renders the fixture at the smallest supported size and at a large one.
#[test]
fn every_view_at_two_sizes() {
    for view in View::ALL {
        let app = fixture(view);
        let name = view.title().to_lowercase();
        insta::assert_snapshot!(format!("{name}_80x24"), frame(&app, 80, 24));
        insta::assert_snapshot!(format!("{name}_160x48"), frame(&app, 160, 48));
    }
}

/// Drill-ins show a node's services and checks and a service's instances.
#[test]
fn drill_ins() {
    let mut app = fixture(View::Nodes);
    app.selected[View::Nodes.index()] = 4; // client-2, the failed one (servers sort first)
    app.apply(crate::action::Action::Enter);
    insta::assert_snapshot!("node_detail_80x24", frame(&app, 80, 24));
    let mut app = fixture(View::Services);
    app.selected[View::Services.index()] = 2;
    app.apply(crate::action::Action::Enter);
    insta::assert_snapshot!("service_detail_80x24", frame(&app, 80, 24));
}

/// An unreachable agent shows a banner with the age of the data kept; the help and a
/// confirmation pop up over the view.
#[test]
fn banner_help_and_confirm() {
    let mut app = fixture(View::Nodes);
    app.on_update(
        Update::Failed {
            source: "members",
            error: "error connecting to agent at http://127.0.0.1:8500: Connection refused".into(),
        },
        T0 + 40,
    );
    app.now = T0 + 40;
    insta::assert_snapshot!("unreachable_80x24", frame(&app, 80, 24));
    app.apply(crate::action::Action::Help);
    insta::assert_snapshot!("help_80x24", frame(&app, 80, 24));
    let mut app = fixture(View::Kv);
    app.apply(crate::action::Action::KvDelete);
    insta::assert_snapshot!("kv_confirm_delete_80x24", frame(&app, 80, 24));
}

/// The fixture's leader change and failure are in the timeline in order.
#[test]
fn fixture_timeline() {
    let app = fixture(View::Events);
    let texts: Vec<_> = app
        .cluster
        .timeline
        .iter()
        .map(|e| e.text.as_str())
        .collect();
    assert_eq!(
        texts,
        [
            "leader changed 10.0.0.2:8300 -> 10.0.0.1:8300",
            "client-2 failed",
            "check serfHealth on client-2: passing -> critical",
            "key app/config set",
            "rollout gossip-key 1/3: running (stage 2: checking)"
        ]
    );
}
