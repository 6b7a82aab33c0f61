//! `ctl operator rollout gossip-encryption`: a plaintext pool to enforced encryption in three
//! stages, none of which can split the pool: the key is installed everywhere while nobody
//! encrypts or insists; then everyone encrypts (and still accepts plaintext); then everyone
//! insists.

use std::collections::BTreeMap;

use clap::Args;
use ctl_server::api::runtime::{Change, GossipChange};

use super::stage::{Action, Expect, Stage};
use super::wizard::{self, Context, Plan, RolloutFlags};
use crate::CliError;

#[derive(Debug, Args)]
pub struct GossipEncryptionArgs {
    #[command(flatten)]
    pub flags: RolloutFlags,
    /// The key to use (base64 of 16, 24 or 32 bytes); a new one is generated otherwise.
    #[arg(long, value_name = "KEY")]
    pub key: Option<String>,
}

fn gossip(g: GossipChange) -> Action {
    Action::Runtime(Change {
        gossip: g,
        ..Default::default()
    })
}

/// The three stages for `key`.
pub fn stages(key: &str) -> Vec<Stage> {
    let installed = Expect {
        encrypted: Some(true),
        key_installed: Some(key.to_string()),
        ..Default::default()
    };
    vec![
        Stage {
            title: "install the key everywhere, enforcing nothing".into(),
            why: "agents decrypt what they can and still accept plaintext, and keep sending \
                  plaintext, so every pair still understands each other"
                .into(),
            actions: vec![gossip(GossipChange {
                key: Some(key.to_string()),
                verify_incoming: Some(false),
                verify_outgoing: Some(false),
                ..Default::default()
            })],
            expect: Expect {
                gossip_verify_incoming: Some(false),
                gossip_verify_outgoing: Some(false),
                ..installed.clone()
            },
            rollback: vec![gossip(GossipChange {
                disable: true,
                verify_incoming: Some(false),
                verify_outgoing: Some(false),
                ..Default::default()
            })],
            rolled_back: Expect {
                encrypted: Some(false),
                ..Default::default()
            },
        },
        Stage {
            title: "encrypt outgoing gossip (encrypt_verify_outgoing)".into(),
            why: "every agent holds the key, so encrypted packets are understood everywhere; \
                  plaintext from agents not yet switched is still accepted"
                .into(),
            actions: vec![gossip(GossipChange {
                verify_outgoing: Some(true),
                ..Default::default()
            })],
            expect: Expect {
                gossip_verify_outgoing: Some(true),
                ..installed.clone()
            },
            rollback: vec![gossip(GossipChange {
                verify_outgoing: Some(false),
                ..Default::default()
            })],
            rolled_back: Expect {
                gossip_verify_outgoing: Some(false),
                ..installed.clone()
            },
        },
        Stage {
            title: "refuse plaintext gossip (encrypt_verify_incoming)".into(),
            why: "every agent now sends encrypted gossip, so refusing plaintext loses nothing"
                .into(),
            actions: vec![gossip(GossipChange {
                verify_incoming: Some(true),
                ..Default::default()
            })],
            expect: Expect {
                gossip_verify_incoming: Some(true),
                gossip_verify_outgoing: Some(true),
                ..installed.clone()
            },
            rollback: vec![gossip(GossipChange {
                verify_incoming: Some(false),
                ..Default::default()
            })],
            rolled_back: Expect {
                gossip_verify_incoming: Some(false),
                ..installed
            },
        },
    ]
}

pub async fn run(a: GossipEncryptionArgs) -> Result<(), CliError> {
    let flag_key = a.key.clone();
    wizard::run(
        &a.flags,
        "gossip-encryption",
        async move |ctx: Context<'_>| {
            let key = match ctx.resumed.and_then(|p| p.get("key")) {
                Some(k) => k.clone(),
                None => {
                    let reports = &ctx.observation.reports.responses;
                    if !reports.is_empty()
                        && reports.values().all(|r| {
                            r.gossip.encrypted
                                && r.gossip.verify_incoming
                                && r.gossip.verify_outgoing
                        })
                    {
                        return Err(CliError::Failed(
                            "gossip is already encrypted and enforced on every agent; rotate its \
                         key with `ctl operator rollout gossip-key`"
                                .into(),
                        ));
                    }
                    match flag_key {
                        Some(k) => {
                            ctl_server::gossip::keyring::Key::parse(&k)
                                .map_err(|e| CliError::Failed(format!("--key: {e}")))?;
                            k
                        }
                        None => crate::commands::keygen::new_key(),
                    }
                }
            };
            Ok(Plan {
                kind: "gossip-encryption",
                intro: vec![format!(
                    "Gossip key {} (kept in the rollout's progress until it completes)",
                    super::stage::short(&key)
                )],
                stages: stages(&key),
                params: BTreeMap::from([("key".to_string(), key)]),
                prepare: None,
            })
        },
    )
    .await
}
