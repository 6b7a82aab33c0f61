//! A rollout stage: the actions that change the cluster, what every agent must report once
//! they are in effect, and the actions that undo them. Stages are declarative so the same
//! description drives the plan (`--plan`), the change, the checks and the rollback.

use ctl_server::api::runtime::{Change, Report};

/// A change to the whole cluster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Apply a runtime change on every member (`PUT /v1/operator/runtime`).
    Runtime(Change),
    /// A keyring operation across the pool (`/v1/operator/keyring`).
    Keyring(KeyringOp, String),
}

/// The keyring operations a stage can run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyringOp {
    Install,
    Use,
    Remove,
}

impl Action {
    /// One line for the plan.
    pub fn describe(&self) -> String {
        match self {
            Action::Runtime(c) => describe_change(c),
            Action::Keyring(op, key) => {
                let verb = match op {
                    KeyringOp::Install => "install",
                    KeyringOp::Use => "make primary",
                    KeyringOp::Remove => "remove",
                };
                format!("{verb} gossip key {} on every member", short(key))
            }
        }
    }
}

/// A key's first characters: enough to tell keys apart in a plan without printing it whole.
pub fn short(key: &str) -> String {
    format!("{}…", key.chars().take(6).collect::<String>())
}

fn describe_change(c: &Change) -> String {
    let mut parts = Vec::new();
    let g = &c.gossip;
    if let Some(k) = &g.key {
        parts.push(format!("install gossip key {}", short(k)));
    }
    if g.disable {
        parts.push("turn gossip encryption off".into());
    }
    let flag = |parts: &mut Vec<String>, name: &str, v: Option<bool>| {
        if let Some(v) = v {
            parts.push(format!("{name}={v}"));
        }
    };
    flag(&mut parts, "encrypt_verify_incoming", g.verify_incoming);
    flag(&mut parts, "encrypt_verify_outgoing", g.verify_outgoing);
    if c.tls.reload {
        parts.push("reload certificate files".into());
    }
    flag(&mut parts, "verify_outgoing", c.tls.verify_outgoing);
    flag(
        &mut parts,
        "verify_server_hostname",
        c.tls.verify_server_hostname,
    );
    flag(&mut parts, "verify_incoming", c.tls.verify_incoming);
    format!("on every agent: {}", parts.join(", "))
}

/// What every agent must report once a stage is in effect; `None` is not checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Expect {
    pub encrypted: Option<bool>,
    pub gossip_verify_incoming: Option<bool>,
    pub gossip_verify_outgoing: Option<bool>,
    /// Installed on every member (keyring `[N/N]`).
    pub key_installed: Option<String>,
    /// Primary on every member.
    pub primary: Option<String>,
    /// Installed nowhere.
    pub key_absent: Option<String>,
    /// A CA and a certificate loaded (and an HTTPS certificate where HTTPS is configured).
    pub certificates: bool,
    pub tls_verify_incoming: Option<bool>,
    pub tls_verify_outgoing: Option<bool>,
    pub tls_verify_server_hostname: Option<bool>,
}

impl Expect {
    /// Why one agent's report does not match (empty when it does).
    pub fn mismatches(&self, r: &Report) -> Vec<String> {
        let mut out = Vec::new();
        let mut want = |what: &str, want: Option<bool>, have: bool| {
            if let Some(w) = want
                && w != have
            {
                out.push(format!("{what} is {have}, want {w}"));
            }
        };
        want("gossip encryption", self.encrypted, r.gossip.encrypted);
        want(
            "encrypt_verify_incoming",
            self.gossip_verify_incoming,
            r.gossip.verify_incoming,
        );
        want(
            "encrypt_verify_outgoing",
            self.gossip_verify_outgoing,
            r.gossip.verify_outgoing,
        );
        want(
            "verify_outgoing",
            self.tls_verify_outgoing,
            r.tls.verify_outgoing,
        );
        want(
            "verify_server_hostname",
            self.tls_verify_server_hostname,
            r.tls.verify_server_hostname,
        );
        want(
            "verify_incoming",
            self.tls_verify_incoming,
            r.tls.verify_incoming,
        );
        if r.tls.https {
            want(
                "HTTPS verify_incoming",
                self.tls_verify_incoming,
                r.tls.https_verify_incoming,
            );
        }
        if self.certificates {
            if !r.tls.ca {
                out.push("no CA loaded".into());
            }
            if !r.tls.cert {
                out.push("no certificate loaded".into());
            }
            if r.tls.https && !r.tls.https_cert {
                out.push("no HTTPS certificate loaded".into());
            }
        }
        out
    }

    /// The checks made after every stage, whatever it changed.
    pub fn common_checks() -> [&'static str; 4] {
        [
            "every member alive (none failed or leaving)",
            "every agent answers and reports the stage's settings in effect",
            "Raft healthy: a leader, every server a voter",
            "a canary KV write and read through a client agent",
        ]
    }

    /// What the plan says this stage checks beyond [`Expect::common_checks`].
    pub fn describe(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(k) = &self.key_installed {
            out.push(format!("keyring: {} installed [N/N]", short(k)));
        }
        if let Some(k) = &self.primary {
            out.push(format!("keyring: {} primary [N/N]", short(k)));
        }
        if let Some(k) = &self.key_absent {
            out.push(format!("keyring: {} gone everywhere", short(k)));
        }
        if self.certificates {
            out.push("every agent has loaded its CA and certificate".into());
        }
        out
    }
}

/// One stage of a rollout.
#[derive(Debug, Clone)]
pub struct Stage {
    pub title: String,
    /// Why this stage is safe to run now, for the plan.
    pub why: String,
    pub actions: Vec<Action>,
    pub expect: Expect,
    pub rollback: Vec<Action>,
    /// What the agents report once rolled back.
    pub rolled_back: Expect,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_is_checked_only_on_what_is_expected() {
        let mut r = Report::default();
        r.gossip.encrypted = true;
        let e = Expect {
            encrypted: Some(true),
            gossip_verify_outgoing: Some(true),
            ..Default::default()
        };
        assert_eq!(
            e.mismatches(&r),
            ["encrypt_verify_outgoing is false, want true"]
        );
        r.gossip.verify_outgoing = true;
        assert!(e.mismatches(&r).is_empty());
    }

    #[test]
    fn certificates_include_https_only_where_configured() {
        let e = Expect {
            certificates: true,
            ..Default::default()
        };
        let mut r = Report::default();
        r.tls.ca = true;
        r.tls.cert = true;
        assert!(e.mismatches(&r).is_empty());
        r.tls.https = true;
        assert_eq!(e.mismatches(&r), ["no HTTPS certificate loaded"]);
    }

    #[test]
    fn plans_name_keys_without_printing_them() {
        let a = Action::Keyring(KeyringOp::Use, "abcdefghijklmnop".into());
        assert_eq!(
            a.describe(),
            "make primary gossip key abcdef… on every member"
        );
    }
}
