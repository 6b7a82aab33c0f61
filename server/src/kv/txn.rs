//! Consul's `/v1/txn` KV verbs, applied all-or-nothing: every op runs in order against the same
//! overlay; the first failure restores the checkpoint, so a rolled-back transaction changes nothing.

use serde::{Deserialize, Serialize};

use super::op::{delete, delete_tree, load, set};
use super::{Entry, KvError, entry_key};
use crate::raft::overlay::{Overlay, Source};

/// One KV verb of a transaction. Sent through Raft: variants are append-only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum TxnOp {
    Set {
        key: String,
        value: Vec<u8>,
        flags: u64,
    },
    Cas {
        key: String,
        value: Vec<u8>,
        flags: u64,
        index: u64,
    },
    Lock {
        key: String,
        value: Vec<u8>,
        flags: u64,
        session: String,
    },
    Unlock {
        key: String,
        value: Vec<u8>,
        flags: u64,
        session: String,
    },
    Get {
        key: String,
    },
    GetOrEmpty {
        key: String,
    },
    GetTree {
        prefix: String,
    },
    CheckIndex {
        key: String,
        index: u64,
    },
    CheckSession {
        key: String,
        session: String,
    },
    CheckNotExists {
        key: String,
    },
    Delete {
        key: String,
    },
    DeleteTree {
        prefix: String,
    },
    DeleteCas {
        key: String,
        index: u64,
    },
}

/// The answer to a transaction: results when applied, errors (with the failing op's position)
/// when rolled back.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TxnOutcome {
    pub results: Vec<Entry>,
    pub errors: Vec<TxnError>,
}

/// Why one op of a transaction failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TxnError {
    pub op_index: usize,
    pub what: String,
}

impl TxnOp {
    /// Whether this op only reads; a transaction of reads needs no Raft round.
    pub fn is_read(&self) -> bool {
        matches!(
            self,
            TxnOp::Get { .. }
                | TxnOp::GetOrEmpty { .. }
                | TxnOp::GetTree { .. }
                | TxnOp::CheckIndex { .. }
                | TxnOp::CheckSession { .. }
                | TxnOp::CheckNotExists { .. }
        )
    }
}

/// Results of write verbs carry the entry without its value, as Consul returns them.
fn meta(mut e: Entry) -> Entry {
    e.value = Vec::new();
    e
}

/// Runs one op; `Err(Ok(what))` is a failed condition, `Err(Err(_))` a storage fault.
fn run_op(
    ov: &mut Overlay<'_>,
    index: u64,
    op: &TxnOp,
    out: &mut Vec<Entry>,
) -> Result<Result<(), String>, KvError> {
    let fail = |what: String| Ok(Err(what));
    match op {
        TxnOp::Set { key, value, flags } => {
            out.push(meta(set(ov, index, key, value.clone(), *flags)?))
        }
        TxnOp::Cas {
            key,
            value,
            flags,
            index: want,
        } => {
            let cur = load(ov, key)?.map(|e| e.modify_index);
            let ok = match (want, cur) {
                (0, None) => true,
                (w, Some(c)) => *w == c,
                _ => false,
            };
            if !ok {
                return fail(format!("failed to set key {key:?}, index is stale"));
            }
            out.push(meta(set(ov, index, key, value.clone(), *flags)?));
        }
        // Sessions are not part of this store yet, so no session id can be valid.
        TxnOp::Lock { key, session, .. } => {
            return fail(format!(
                "failed to lock key {key:?}: invalid session {session:?}"
            ));
        }
        TxnOp::Unlock { key, session, .. } => {
            return fail(format!(
                "failed to unlock key {key:?}: invalid session {session:?}"
            ));
        }
        TxnOp::Get { key } => match load(ov, key)? {
            Some(e) => out.push(e),
            None => return fail(format!("key {key:?} doesn't exist")),
        },
        TxnOp::GetOrEmpty { key } => {
            if let Some(e) = load(ov, key)? {
                out.push(e);
            }
        }
        TxnOp::GetTree { prefix } => {
            for (k, v) in ov.scan(&entry_key(prefix))? {
                let key = String::from_utf8_lossy(&k[1..]).into_owned();
                out.push(Entry::decode(&v, &key)?);
            }
        }
        TxnOp::CheckIndex { key, index: want } => match load(ov, key)? {
            Some(e) if e.modify_index == *want => out.push(e),
            Some(e) => return fail(format!("current modify index {} != {want}", e.modify_index)),
            None => return fail(format!("key {key:?} doesn't exist")),
        },
        TxnOp::CheckSession { key, session } => match load(ov, key)? {
            Some(e) if e.session.as_deref() == Some(session.as_str()) => out.push(e),
            Some(e) => {
                return fail(format!(
                    "current session {:?} != {session:?}",
                    e.session.unwrap_or_default()
                ));
            }
            None => return fail(format!("key {key:?} doesn't exist")),
        },
        TxnOp::CheckNotExists { key } => {
            if load(ov, key)?.is_some() {
                return fail(format!("key {key:?} exists"));
            }
        }
        TxnOp::Delete { key } => delete(ov, index, key)?,
        TxnOp::DeleteTree { prefix } => delete_tree(ov, index, prefix)?,
        TxnOp::DeleteCas { key, index: want } => match load(ov, key)? {
            Some(e) if e.modify_index == *want => delete(ov, index, key)?,
            _ => return fail(format!("failed to delete key {key:?}, index is stale")),
        },
    }
    Ok(Ok(()))
}

/// Applies a transaction at `index`, all or nothing.
pub fn apply(ov: &mut Overlay<'_>, index: u64, ops: &[TxnOp]) -> Result<TxnOutcome, KvError> {
    let checkpoint = ov.checkpoint();
    let mut results = Vec::new();
    for (i, op) in ops.iter().enumerate() {
        if let Err(what) = run_op(ov, index, op, &mut results)? {
            ov.restore(checkpoint);
            return Ok(TxnOutcome {
                results: Vec::new(),
                errors: vec![TxnError { op_index: i, what }],
            });
        }
    }
    Ok(TxnOutcome {
        results,
        errors: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A failing op rolls back the writes before it; a passing transaction applies every op.
    #[test]
    fn all_or_nothing() {
        let t = crate::raft::state::State::default();
        let ops = vec![
            TxnOp::Set {
                key: "a".into(),
                value: b"1".to_vec(),
                flags: 0,
            },
            TxnOp::CheckNotExists { key: "a".into() },
        ];
        let mut ov = Overlay::new(&t);
        let out = apply(&mut ov, 3, &ops).unwrap();
        assert_eq!(out.errors.len(), 1);
        assert_eq!(out.errors[0].op_index, 1);
        ov.write();
        assert!(load(&t, "a").unwrap().is_none());

        let ops = vec![
            TxnOp::Set {
                key: "a".into(),
                value: b"1".to_vec(),
                flags: 0,
            },
            TxnOp::Set {
                key: "b".into(),
                value: b"2".to_vec(),
                flags: 0,
            },
            TxnOp::Get { key: "a".into() },
            TxnOp::CheckIndex {
                key: "b".into(),
                index: 4,
            },
        ];
        let mut ov = Overlay::new(&t);
        let out = apply(&mut ov, 4, &ops).unwrap();
        assert!(out.errors.is_empty(), "{out:?}");
        assert_eq!(out.results.len(), 4);
        assert_eq!(out.results[2].value, b"1");
        assert!(
            out.results[0].value.is_empty(),
            "write results carry no value"
        );
        ov.write();
        assert_eq!(load(&t, "b").unwrap().unwrap().modify_index, 4);
    }

    /// Lock verbs fail while no session can exist, and roll back.
    #[test]
    fn lock_needs_a_session() {
        let t = crate::raft::state::State::default();
        let mut ov = Overlay::new(&t);
        let ops = vec![
            TxnOp::Set {
                key: "x".into(),
                value: vec![],
                flags: 0,
            },
            TxnOp::Lock {
                key: "x".into(),
                value: vec![],
                flags: 0,
                session: "s".into(),
            },
        ];
        let out = apply(&mut ov, 2, &ops).unwrap();
        assert!(out.errors[0].what.contains("invalid session"));
        assert!(load(&ov, "x").unwrap().is_none());
    }
}
