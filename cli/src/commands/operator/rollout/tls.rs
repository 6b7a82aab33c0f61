//! `ctl operator rollout tls`: a plaintext cluster to mutual TLS on server RPC (and HTTPS where
//! an agent has an HTTPS port). It creates (or uses) a CA, issues every node's certificate
//! into one folder per node, places them itself where an agent's data dir is on this machine
//! (`--install-local`) and says exactly where the others go; then, stage by stage: certificates
//! loaded everywhere, TLS dialled and server names checked everywhere, and only then TLS with a
//! client certificate required everywhere.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use clap::Args;
use ctl_server::api::runtime::{Change, TlsChange};
use ctl_server::tls::generate::{
    self, CaOptions, CertificateAuthority, LeafKind, LeafOptions, write_new,
};

use super::stage::{Action, Expect, Stage};
use super::wizard::{self, Context, Plan, RolloutFlags};
use crate::CliError;

#[derive(Debug, Args)]
pub struct TlsArgs {
    #[command(flatten)]
    pub flags: RolloutFlags,
    /// Where the CA and the per-node folders are written.
    #[arg(long, value_name = "DIR", default_value = "ctl-tls")]
    pub dir: PathBuf,
    /// Use this CA certificate instead of creating one (with --ca-key-file).
    #[arg(long, value_name = "FILE", requires = "ca_key_file")]
    pub ca_cert_file: Option<PathBuf>,
    /// The key of --ca-cert-file.
    #[arg(long, value_name = "FILE", requires = "ca_cert_file")]
    pub ca_key_file: Option<PathBuf>,
    /// Place each agent's files in its `<data_dir>/tls/` when that is on this machine.
    #[arg(long)]
    pub install_local: bool,
    /// The DNS domain in the certificates' names.
    #[arg(long, default_value = "consul")]
    pub domain: String,
    /// Days the issued certificates are valid.
    #[arg(long, default_value_t = 365)]
    pub days: u32,
}

fn tls(t: TlsChange) -> Action {
    Action::Runtime(Change {
        tls: t,
        ..Default::default()
    })
}

/// The three stages.
pub fn stages() -> Vec<Stage> {
    let loaded = Expect {
        certificates: true,
        ..Default::default()
    };
    let outgoing = Expect {
        tls_verify_outgoing: Some(true),
        tls_verify_server_hostname: Some(true),
        ..loaded.clone()
    };
    vec![
        Stage {
            title: "load every agent's CA and certificate".into(),
            why: "a loaded certificate only lets an agent answer TLS; nobody dials TLS or \
                  requires it yet"
                .into(),
            actions: vec![tls(TlsChange {
                reload: true,
                ..Default::default()
            })],
            expect: loaded.clone(),
            rollback: Vec::new(),
            rolled_back: Expect::default(),
        },
        Stage {
            title: "dial servers over TLS, checking their names (verify_outgoing, \
                    verify_server_hostname)"
                .into(),
            why: "every server answers TLS now, with a certificate naming server.<dc>.<domain>; \
                  plaintext is still accepted from agents not yet switched"
                .into(),
            actions: vec![tls(TlsChange {
                verify_outgoing: Some(true),
                verify_server_hostname: Some(true),
                ..Default::default()
            })],
            expect: outgoing.clone(),
            rollback: vec![tls(TlsChange {
                verify_outgoing: Some(false),
                verify_server_hostname: Some(false),
                ..Default::default()
            })],
            rolled_back: Expect {
                tls_verify_outgoing: Some(false),
                ..loaded.clone()
            },
        },
        Stage {
            title: "require TLS with a client certificate (verify_incoming, RPC and HTTPS)".into(),
            why: "every agent already dials TLS with its certificate, so requiring it loses \
                  nothing"
                .into(),
            actions: vec![tls(TlsChange {
                verify_incoming: Some(true),
                ..Default::default()
            })],
            expect: Expect {
                tls_verify_incoming: Some(true),
                ..outgoing
            },
            rollback: vec![tls(TlsChange {
                verify_incoming: Some(false),
                ..Default::default()
            })],
            rolled_back: Expect {
                tls_verify_incoming: Some(false),
                ..loaded
            },
        },
    ]
}

/// One node the rollout issues files for.
#[derive(Debug, Clone)]
struct Node {
    name: String,
    server: bool,
    ip: Option<std::net::IpAddr>,
    /// Its `<data_dir>/tls/` when on this machine.
    local_dir: Option<PathBuf>,
    data_dir: String,
}

/// What issuing needs, moved into the plan's preparation.
struct Issue {
    dir: PathBuf,
    ca: Option<(PathBuf, PathBuf)>,
    install_local: bool,
    datacenter: String,
    domain: String,
    days: u32,
    nodes: Vec<Node>,
}

fn fail(e: impl std::fmt::Display) -> CliError {
    CliError::Failed(e.to_string())
}

/// Writes `contents` to `path` unless the file is there already.
fn write_once(path: &Path, contents: &[u8], mode: u32) -> Result<(), CliError> {
    if path.exists() {
        return Ok(());
    }
    write_new(path, contents, mode).map_err(fail)
}

impl Issue {
    /// The CA: given, found in the folder from an earlier run, or created.
    fn authority(&self) -> Result<(CertificateAuthority, String), CliError> {
        let (cert, key) = (self.dir.join("ca.pem"), self.dir.join("ca-key.pem"));
        if let Some((c, k)) = &self.ca {
            let pem =
                std::fs::read_to_string(c).map_err(|e| fail(format!("{}: {e}", c.display())))?;
            return Ok((CertificateAuthority::load(c, k).map_err(fail)?, pem));
        }
        if !cert.exists() {
            let ca = generate::create_ca(&CaOptions {
                days: self.days.max(1825),
                domain: self.domain.clone(),
                name_constraint: false,
                additional_constraints: Vec::new(),
                common_name: None,
            })
            .map_err(fail)?;
            write_once(&cert, ca.cert_pem.as_bytes(), 0o644)?;
            write_once(&key, ca.key_pem.as_bytes(), 0o600)?;
        }
        let pem =
            std::fs::read_to_string(&cert).map_err(|e| fail(format!("{}: {e}", cert.display())))?;
        Ok((CertificateAuthority::load(&cert, &key).map_err(fail)?, pem))
    }

    /// Issues every node's files (keeping any from an earlier run) and places the local ones.
    fn run(self) -> Result<Vec<String>, CliError> {
        std::fs::create_dir_all(&self.dir)
            .map_err(|e| fail(format!("{}: {e}", self.dir.display())))?;
        let (ca, ca_pem) = self.authority()?;
        let mut lines = vec![format!("CA: {}", self.dir.join("ca.pem").display())];
        let leaf = |kind, node: Option<String>, ip: Option<std::net::IpAddr>| LeafOptions {
            kind,
            dc: self.datacenter.clone(),
            domain: self.domain.clone(),
            days: self.days,
            node,
            additional_dns: Vec::new(),
            additional_ips: ip.into_iter().collect(),
        };
        let mut folders: Vec<(String, LeafOptions)> = self
            .nodes
            .iter()
            .map(|n| {
                let kind = if n.server {
                    LeafKind::Server
                } else {
                    LeafKind::Client
                };
                (
                    n.name.clone(),
                    leaf(kind, n.server.then(|| n.name.clone()), n.ip),
                )
            })
            .collect();
        folders.push(("cli".into(), leaf(LeafKind::Cli, None, None)));
        for (name, opts) in &folders {
            let folder = self.dir.join(name);
            std::fs::create_dir_all(&folder)
                .map_err(|e| fail(format!("{}: {e}", folder.display())))?;
            if !folder.join("cert.pem").exists() {
                let issued = ca.create_leaf(opts).map_err(fail)?;
                write_once(&folder.join("key.pem"), issued.key_pem.as_bytes(), 0o600)?;
                write_once(&folder.join("cert.pem"), issued.cert_pem.as_bytes(), 0o644)?;
            }
            write_once(&folder.join("ca.pem"), ca_pem.as_bytes(), 0o644)?;
        }
        for n in &self.nodes {
            let folder = self.dir.join(&n.name);
            match (&n.local_dir, self.install_local) {
                (Some(dest), true) => {
                    place(&folder, dest)?;
                    lines.push(format!("{}: placed in {}", n.name, dest.display()));
                }
                _ => lines.push(format!(
                    "{}: copy {}/{{ca,cert,key}}.pem to {}/tls/ on that node",
                    n.name,
                    folder.display(),
                    n.data_dir
                )),
            }
        }
        lines.push(format!(
            "For the CLI once HTTPS requires client certificates: --ca-file {0}/cli/ca.pem \
             --client-cert {0}/cli/cert.pem --client-key {0}/cli/key.pem",
            self.dir.display()
        ));
        Ok(lines)
    }
}

/// Copies a node's three files into its agent's `tls/` folder, replacing older ones so a
/// re-run after a CA change cannot leave a mismatched pair.
fn place(from: &Path, to: &Path) -> Result<(), CliError> {
    std::fs::create_dir_all(to).map_err(|e| fail(format!("{}: {e}", to.display())))?;
    for (f, mode) in [("ca.pem", 0o644), ("cert.pem", 0o644), ("key.pem", 0o600)] {
        let data =
            std::fs::read(from.join(f)).map_err(|e| fail(format!("{}: {e}", from.display())))?;
        if std::fs::read(to.join(f)).ok().as_deref() == Some(data.as_slice()) {
            continue;
        }
        let tmp = to.join(format!("{f}.tmp"));
        let _ = std::fs::remove_file(&tmp);
        write_new(&tmp, &data, mode).map_err(fail)?;
        std::fs::rename(&tmp, to.join(f)).map_err(|e| fail(format!("{}: {e}", to.display())))?;
    }
    Ok(())
}

pub async fn run(a: TlsArgs) -> Result<(), CliError> {
    let TlsArgs {
        flags,
        dir,
        ca_cert_file,
        ca_key_file,
        install_local,
        domain,
        days,
    } = a;
    wizard::run(&flags, "tls", async move |ctx: Context<'_>| {
        let dir = ctx
            .resumed
            .and_then(|p| p.get("dir"))
            .map(PathBuf::from)
            .unwrap_or(dir);
        let dir = std::path::absolute(&dir).unwrap_or(dir);
        let datacenter = ctx
            .client
            .agent_self()
            .await
            .map_err(|e| fail(format!("reading the agent's datacenter: {e}")))?
            .config
            .datacenter;
        let machine = ctl_server::runtime::machine_id();
        let reports = &ctx.observation.reports.responses;
        let nodes: Vec<Node> = ctx
            .observation
            .members
            .iter()
            .filter(|m| m.status == 1)
            .map(|m| {
                let report = reports.get(&m.name);
                let local_dir = report
                    .filter(|r| r.machine == machine && Path::new(&r.data_dir).is_dir())
                    .map(|r| Path::new(&r.data_dir).join(ctl_server::runtime::TLS_DIR));
                Node {
                    name: m.name.clone(),
                    server: m.tags.get("role").map(String::as_str) == Some("consul"),
                    ip: m.addr.parse().ok(),
                    local_dir,
                    data_dir: report.map_or_else(|| "<data_dir>".into(), |r| r.data_dir.clone()),
                }
            })
            .collect();
        let mut intro = vec![
            format!(
                "Certificates for {} nodes in {} (one folder per node), datacenter {datacenter}",
                nodes.len(),
                dir.display()
            ),
            "Agents pick up <data_dir>/tls/{ca,cert,key}.pem when stage 1 reloads them".into(),
        ];
        if !install_local {
            intro.push(
                "Without --install-local, copy each folder to its node before stage 1".into(),
            );
        }
        let issue = Issue {
            dir: dir.clone(),
            ca: ca_cert_file.zip(ca_key_file),
            install_local,
            datacenter,
            domain,
            days,
            nodes,
        };
        Ok(Plan {
            kind: "tls",
            intro,
            stages: stages(),
            params: BTreeMap::from([("dir".to_string(), dir.display().to_string())]),
            prepare: Some(Box::new(move || issue.run())),
        })
    })
    .await
}
