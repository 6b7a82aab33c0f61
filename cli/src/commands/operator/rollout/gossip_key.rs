//! `ctl operator rollout gossip-key`: rotates the gossip key. The new key is installed
//! everywhere (`[N/N]`) before anyone uses it, and the old one is removed only once every
//! agent uses the new one.

use std::collections::BTreeMap;

use clap::Args;

use super::stage::{Action, Expect, KeyringOp, Stage, short};
use super::wizard::{self, Context, Plan, RolloutFlags};
use crate::CliError;

#[derive(Debug, Args)]
pub struct GossipKeyArgs {
    #[command(flatten)]
    pub flags: RolloutFlags,
    /// The new key (base64 of 16, 24 or 32 bytes); a new one is generated otherwise.
    #[arg(long, value_name = "KEY")]
    pub key: Option<String>,
}

/// The three stages from `old` to `new`.
pub fn stages(old: &str, new: &str) -> Vec<Stage> {
    let key = |op, k: &str| Action::Keyring(op, k.to_string());
    vec![
        Stage {
            title: "install the new key everywhere".into(),
            why: "an installed key is only tried for decryption; nothing is sent with it yet"
                .into(),
            actions: vec![key(KeyringOp::Install, new)],
            expect: Expect {
                key_installed: Some(new.into()),
                ..Default::default()
            },
            rollback: vec![key(KeyringOp::Remove, new)],
            rolled_back: Expect {
                key_absent: Some(new.into()),
                ..Default::default()
            },
        },
        Stage {
            title: "make the new key primary".into(),
            why: "every agent can decrypt with both keys, so it does not matter who switches \
                  first"
                .into(),
            actions: vec![key(KeyringOp::Use, new)],
            expect: Expect {
                primary: Some(new.into()),
                key_installed: Some(old.into()),
                ..Default::default()
            },
            rollback: vec![key(KeyringOp::Use, old)],
            rolled_back: Expect {
                primary: Some(old.into()),
                ..Default::default()
            },
        },
        Stage {
            title: "remove the old key".into(),
            why: "no agent encrypts with it any more".into(),
            actions: vec![key(KeyringOp::Remove, old)],
            expect: Expect {
                primary: Some(new.into()),
                key_absent: Some(old.into()),
                ..Default::default()
            },
            rollback: vec![key(KeyringOp::Install, old)],
            rolled_back: Expect {
                key_installed: Some(old.into()),
                ..Default::default()
            },
        },
    ]
}

pub async fn run(a: GossipKeyArgs) -> Result<(), CliError> {
    let flag_key = a.key.clone();
    wizard::run(&a.flags, "gossip-key", async move |ctx: Context<'_>| {
        let (old, new) = match ctx.resumed {
            Some(p) => match (p.get("old_key"), p.get("key")) {
                (Some(o), Some(n)) => (o.clone(), n.clone()),
                _ => {
                    return Err(CliError::Failed(
                        "the stored gossip-key rollout lacks its keys".into(),
                    ));
                }
            },
            None => {
                let ring = ctx.observation.keyring.as_ref().ok_or_else(|| {
                    CliError::Failed(
                        "gossip is not encrypted: turn encryption on with `ctl operator rollout \
                         gossip-encryption` first"
                            .into(),
                    )
                })?;
                let primaries: Vec<&String> = ring.primary_keys.keys().collect();
                let [old] = primaries.as_slice() else {
                    return Err(CliError::Failed(format!(
                        "the agents do not agree on one primary key ({} in use): settle that \
                         with `ctl keyring` first",
                        primaries.len()
                    )));
                };
                let new = match flag_key {
                    Some(k) => {
                        ctl_server::gossip::keyring::Key::parse(&k)
                            .map_err(|e| CliError::Failed(format!("--key: {e}")))?;
                        k
                    }
                    None => crate::commands::keygen::new_key(),
                };
                if &&new == old {
                    return Err(CliError::Failed("--key is already the primary key".into()));
                }
                ((*old).clone(), new)
            }
        };
        Ok(Plan {
            kind: "gossip-key",
            intro: vec![format!("Rotating from {} to {}", short(&old), short(&new))],
            stages: stages(&old, &new),
            params: BTreeMap::from([("old_key".to_string(), old), ("key".to_string(), new)]),
            prepare: None,
        })
    })
    .await
}
