//! The single-holder lock: `<prefix>/.lock`, acquired with the session (`?acquire=`) and marked
//! with the lock flag so a key used for something else is never taken over.

use std::time::Duration;

use ctl_server::client::Client;

use super::{WAIT, entries};
use crate::CliError;

/// The flag marking a key as a lock (the value Consul's lock helpers use, so both agree).
pub const LOCK_FLAG: u64 = 0x2ddc_cbc0_58a5_0c18;

/// A mutex at `<prefix>/.lock`, held through one session.
pub struct Mutex {
    key: String,
    session: String,
}

impl Mutex {
    pub fn new(prefix: &str, session: &str) -> Mutex {
        Mutex {
            key: format!("{prefix}/.lock"),
            session: session.to_string(),
        }
    }

    /// Waits for the key to be free and takes it. A failed attempt on a free key means the
    /// previous holder's lock-delay is still running: try again a second later.
    pub async fn acquire(&mut self, client: &Client) -> Result<(), CliError> {
        let mut index = 0u64;
        loop {
            let (at, v) = client
                .get_blocking(&format!("/v1/kv/{}", self.key), &[], index, WAIT)
                .await
                .map_err(|e| CliError::client("Lock acquisition failed: ", e))?;
            let current = entries(v).into_iter().next();
            if let Some(e) = &current {
                if e.flags != LOCK_FLAG {
                    return Err(CliError::Failed(format!(
                        "Lock acquisition failed: existing key {:?} does not match lock use (flags {})",
                        self.key, e.flags
                    )));
                }
                if e.session.as_deref() == Some(self.session.as_str()) {
                    return Ok(());
                }
                if e.session.is_some() {
                    index = at;
                    continue;
                }
            }
            let taken = client
                .kv_lock(&self.key, Vec::new(), LOCK_FLAG, true, &self.session)
                .await
                .map_err(|e| CliError::client("Lock acquisition failed: ", e))?;
            if taken {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
            index = 0;
        }
    }

    pub async fn still_held(&self, client: &Client, index: u64) -> Result<Option<u64>, String> {
        let Ok((at, v)) = client
            .get_blocking(&format!("/v1/kv/{}", self.key), &[], index, WAIT)
            .await
        else {
            return Ok(None);
        };
        match entries(v).into_iter().next() {
            Some(e) if e.session.as_deref() == Some(self.session.as_str()) => Ok(Some(at)),
            Some(e) => Err(match e.session {
                Some(other) => format!("{} is now held by session {other}", self.key),
                None => format!("{} was released", self.key),
            }),
            None => Err(format!("{} was deleted", self.key)),
        }
    }

    /// Releases the key, then deletes it unless someone else took it meanwhile.
    pub async fn release(&self, client: &Client) {
        let _ = client
            .kv_lock(&self.key, Vec::new(), LOCK_FLAG, false, &self.session)
            .await;
        if let Ok(Some(e)) = client.kv_get(&self.key).await
            && e.session.is_none()
        {
            let _ = client
                .kv_delete(&self.key, false, Some(e.modify_index))
                .await;
        }
    }
}
