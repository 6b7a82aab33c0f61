//! The N-holder lock: each contender holds its own key `<prefix>/<session>` (so its liveness is
//! its session's), and `<prefix>/.lock` keeps `{"Limit": N, "Holders": {session: true}}`, changed
//! only by check-and-set. A contender joins the holders when fewer than N live ones remain,
//! pruning holders whose contender key lost its session.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use ctl_server::client::Client;
use serde::{Deserialize, Serialize};

use super::{WAIT, entries};
use crate::CliError;

/// The flag marking semaphore keys (Consul's value, so both tools agree on the layout).
pub const SEMAPHORE_FLAG: u64 = 0xe0f6_9a2b_aa41_4de0;

/// The holder list at `<prefix>/.lock`.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct HolderList {
    limit: u32,
    holders: BTreeMap<String, bool>,
}

pub struct Semaphore {
    prefix: String,
    lock_key: String,
    contender: String,
    session: String,
    limit: u32,
}

impl Semaphore {
    pub fn new(prefix: &str, session: &str, limit: u32) -> Semaphore {
        Semaphore {
            prefix: format!("{prefix}/"),
            lock_key: format!("{prefix}/.lock"),
            contender: format!("{prefix}/{session}"),
            session: session.to_string(),
            limit,
        }
    }

    fn failed(e: ctl_server::client::ClientError) -> CliError {
        CliError::client("Lock acquisition failed: ", e)
    }

    pub async fn acquire(&mut self, client: &Client) -> Result<(), CliError> {
        let entered = client
            .kv_lock(
                &self.contender,
                Vec::new(),
                SEMAPHORE_FLAG,
                true,
                &self.session,
            )
            .await
            .map_err(Self::failed)?;
        if !entered {
            return Err(CliError::Failed(format!(
                "Lock acquisition failed: could not create contender entry {:?}",
                self.contender
            )));
        }
        let mut index = 0u64;
        loop {
            let (at, v) = client
                .get_blocking(
                    &format!("/v1/kv/{}", self.prefix),
                    &[("recurse", String::new())],
                    index,
                    WAIT,
                )
                .await
                .map_err(Self::failed)?;
            let pairs = entries(v);
            let live: BTreeSet<String> = pairs
                .iter()
                .filter(|p| p.key != self.lock_key && p.flags == SEMAPHORE_FLAG)
                .filter_map(|p| p.session.clone())
                .collect();
            let lock = pairs.iter().find(|p| p.key == self.lock_key);
            let mut list = match lock {
                Some(p) => {
                    if p.flags != SEMAPHORE_FLAG {
                        return Err(CliError::Failed(format!(
                            "Lock acquisition failed: existing key {:?} does not match semaphore use (flags {})",
                            self.lock_key, p.flags
                        )));
                    }
                    serde_json::from_slice::<HolderList>(&p.value).map_err(|e| {
                        CliError::Failed(format!(
                            "Lock acquisition failed: {:?} does not hold a semaphore's holder list: {e}",
                            self.lock_key
                        ))
                    })?
                }
                None => HolderList {
                    limit: self.limit,
                    holders: BTreeMap::new(),
                },
            };
            if list.limit != self.limit {
                return Err(CliError::Failed(format!(
                    "Lock acquisition failed: semaphore limit conflict (lock: {}, local: {})",
                    list.limit, self.limit
                )));
            }
            list.holders.retain(|s, _| live.contains(s));
            if list.holders.contains_key(&self.session) {
                return Ok(());
            }
            if list.holders.len() >= self.limit as usize {
                index = at;
                continue;
            }
            list.holders.insert(self.session.clone(), true);
            let body = serde_json::to_vec(&list).unwrap_or_default();
            let cas = lock.map(|p| p.modify_index).unwrap_or(0);
            let written = client
                .kv_put(&self.lock_key, body, SEMAPHORE_FLAG, Some(cas))
                .await
                .map_err(Self::failed)?;
            if written {
                return Ok(());
            }
            // Someone else changed the list first: look again at once.
            index = 0;
        }
    }

    pub async fn still_held(&self, client: &Client, index: u64) -> Result<Option<u64>, String> {
        let Ok((at, v)) = client
            .get_blocking(&format!("/v1/kv/{}", self.lock_key), &[], index, WAIT)
            .await
        else {
            return Ok(None);
        };
        let Some(p) = entries(v).into_iter().next() else {
            return Err(format!("{} was deleted", self.lock_key));
        };
        match serde_json::from_slice::<HolderList>(&p.value) {
            Ok(list) if list.holders.contains_key(&self.session) => Ok(Some(at)),
            Ok(_) => Err(format!("session {} is no longer a holder", self.session)),
            Err(e) => Err(format!(
                "{} no longer holds a holder list: {e}",
                self.lock_key
            )),
        }
    }

    /// Leaves the holder list (retrying on conflicting writes), then removes the contender key.
    pub async fn release(&self, client: &Client) {
        for _ in 0..10 {
            let Ok(Some(p)) = client.kv_get(&self.lock_key).await else {
                break;
            };
            let Ok(mut list) = serde_json::from_slice::<HolderList>(&p.value) else {
                break;
            };
            if list.holders.remove(&self.session).is_none() {
                break;
            }
            let done = if list.holders.is_empty() {
                client
                    .kv_delete(&self.lock_key, false, Some(p.modify_index))
                    .await
            } else {
                let body = serde_json::to_vec(&list).unwrap_or_default();
                client
                    .kv_put(&self.lock_key, body, SEMAPHORE_FLAG, Some(p.modify_index))
                    .await
            };
            match done {
                Ok(true) => break,
                Ok(false) => continue,
                Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
            }
        }
        let _ = client.kv_delete(&self.contender, false, None).await;
    }
}
