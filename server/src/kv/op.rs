//! KV writes as Raft applies them: each takes the log index it is applied at, reads and writes
//! through an [`Overlay`], and answers whether it took effect (Consul's `true`/`false`).

use serde::{Deserialize, Serialize};

use super::{Entry, KV_INDEX, KvError, entry_key, tombstone_key};
use crate::raft::overlay::{Overlay, Source};

/// A KV write. Sent through Raft: variants are append-only, never reorder them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum KvOp {
    /// `PUT /v1/kv/<key>`.
    Set {
        key: String,
        value: Vec<u8>,
        flags: u64,
    },
    /// `PUT /v1/kv/<key>?cas=N`: only when the key's ModifyIndex is N (0 = only if absent).
    Cas {
        key: String,
        value: Vec<u8>,
        flags: u64,
        index: u64,
    },
    /// `DELETE /v1/kv/<key>`.
    Delete { key: String },
    /// `DELETE /v1/kv/<prefix>?recurse`.
    DeleteTree { prefix: String },
    /// `DELETE /v1/kv/<key>?cas=N`: only when the key exists with ModifyIndex N.
    DeleteCas { key: String, index: u64 },
    /// `PUT /v1/kv/<key>?acquire=<session>`: take (or, holding it, update) the key's lock.
    /// `at_ms` is the proposer's clock, for the lock-delay.
    Acquire {
        key: String,
        value: Vec<u8>,
        flags: u64,
        session: String,
        at_ms: u64,
    },
    /// `PUT /v1/kv/<key>?release=<session>`: give up the lock, writing the value.
    Release {
        key: String,
        value: Vec<u8>,
        flags: u64,
        session: String,
    },
}

/// Reads one entry.
pub fn load(src: &impl Source, key: &str) -> Result<Option<Entry>, KvError> {
    match src.get(&entry_key(key))? {
        Some(bytes) => Ok(Some(Entry::decode(&bytes, key)?)),
        None => Ok(None),
    }
}

/// Writes `value` at `key`, keeping CreateIndex, LockIndex and Session of an existing entry.
pub(crate) fn set(
    ov: &mut Overlay<'_>,
    index: u64,
    key: &str,
    value: Vec<u8>,
    flags: u64,
) -> Result<Entry, KvError> {
    let entry = match load(ov, key)? {
        Some(old) => Entry {
            value,
            flags,
            modify_index: index,
            ..old
        },
        None => Entry {
            key: key.to_string(),
            value,
            flags,
            create_index: index,
            modify_index: index,
            lock_index: 0,
            session: None,
        },
    };
    ov.put(entry_key(key), entry.encode());
    ov.remove(tombstone_key(key));
    touch(ov, index);
    Ok(entry)
}

/// Removes `key` (if present), leaving a tombstone so prefix watchers see the change.
pub(crate) fn delete(ov: &mut Overlay<'_>, index: u64, key: &str) -> Result<(), KvError> {
    if load(ov, key)?.is_some() {
        ov.remove(entry_key(key));
        ov.put(tombstone_key(key), index.to_be_bytes().to_vec());
        touch(ov, index);
    }
    Ok(())
}

/// Removes every key under `prefix`.
pub(crate) fn delete_tree(ov: &mut Overlay<'_>, index: u64, prefix: &str) -> Result<(), KvError> {
    for (k, _) in ov.scan(&entry_key(prefix))? {
        let key = String::from_utf8_lossy(&k[1..]).into_owned();
        ov.remove(k);
        ov.put(tombstone_key(&key), index.to_be_bytes().to_vec());
    }
    touch(ov, index);
    Ok(())
}

/// Records that the KV table changed at `index`.
fn touch(ov: &mut Overlay<'_>, index: u64) {
    ov.put(KV_INDEX.to_vec(), index.to_be_bytes().to_vec());
}

impl KvOp {
    /// Applies the op at `index`; `Ok(false)` when a CAS condition did not hold (nothing changed).
    pub fn apply(&self, ov: &mut Overlay<'_>, index: u64) -> Result<bool, KvError> {
        match self {
            KvOp::Set { key, value, flags } => {
                set(ov, index, key, value.clone(), *flags)?;
                Ok(true)
            }
            KvOp::Cas {
                key,
                value,
                flags,
                index: want,
            } => {
                let current = load(ov, key)?.map(|e| e.modify_index);
                let ok = match (want, current) {
                    (0, None) => true,
                    (w, Some(cur)) => *w == cur,
                    _ => false,
                };
                if ok {
                    set(ov, index, key, value.clone(), *flags)?;
                }
                Ok(ok)
            }
            KvOp::Delete { key } => {
                delete(ov, index, key)?;
                Ok(true)
            }
            KvOp::DeleteTree { prefix } => {
                delete_tree(ov, index, prefix)?;
                Ok(true)
            }
            KvOp::DeleteCas { key, index: want } => match load(ov, key)? {
                Some(e) if e.modify_index == *want => {
                    delete(ov, index, key)?;
                    Ok(true)
                }
                _ => Ok(false),
            },
            KvOp::Acquire {
                key,
                value,
                flags,
                session,
                at_ms,
            } => {
                if crate::session::load(ov, session)?.is_none()
                    || crate::session::lock_delay_until(ov, key)? > *at_ms
                {
                    return Ok(false);
                }
                let old = load(ov, key)?;
                if old
                    .as_ref()
                    .and_then(|e| e.session.as_ref())
                    .is_some_and(|s| s != session)
                {
                    return Ok(false);
                }
                let held = old.as_ref().and_then(|e| e.session.as_ref()).is_some();
                let entry = Entry {
                    key: key.clone(),
                    value: value.clone(),
                    flags: *flags,
                    create_index: old.as_ref().map_or(index, |e| e.create_index),
                    modify_index: index,
                    lock_index: old.as_ref().map_or(0, |e| e.lock_index) + u64::from(!held),
                    session: Some(session.clone()),
                };
                ov.put(entry_key(key), entry.encode());
                ov.remove(tombstone_key(key));
                ov.put(crate::session::held_key(session, key), Vec::new());
                touch(ov, index);
                Ok(true)
            }
            KvOp::Release {
                key,
                value,
                flags,
                session,
            } => match load(ov, key)? {
                Some(mut e) if e.session.as_deref() == Some(session.as_str()) => {
                    e.session = None;
                    e.value = value.clone();
                    e.flags = *flags;
                    e.modify_index = index;
                    ov.put(entry_key(key), e.encode());
                    ov.remove(crate::session::held_key(session, key));
                    touch(ov, index);
                    Ok(true)
                }
                _ => Ok(false),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree() -> crate::raft::state::State {
        crate::raft::state::State::default()
    }

    fn run(t: &crate::raft::state::State, index: u64, op: KvOp) -> bool {
        let mut ov = Overlay::new(t);
        let ok = op.apply(&mut ov, index).unwrap();
        ov.write();
        ok
    }

    /// Set creates with CreateIndex = ModifyIndex, and an update keeps CreateIndex.
    #[test]
    fn set_tracks_indexes() {
        let t = tree();
        run(
            &t,
            5,
            KvOp::Set {
                key: "a".into(),
                value: b"1".to_vec(),
                flags: 7,
            },
        );
        run(
            &t,
            9,
            KvOp::Set {
                key: "a".into(),
                value: b"2".to_vec(),
                flags: 8,
            },
        );
        let e = load(&t, "a").unwrap().unwrap();
        assert_eq!(
            (e.create_index, e.modify_index, e.flags, e.value.as_slice()),
            (5, 9, 8, &b"2"[..])
        );
    }

    /// CAS 0 creates only when absent; CAS N only at ModifyIndex N.
    #[test]
    fn cas_semantics() {
        let t = tree();
        let cas = |index, want| KvOp::Cas {
            key: "c".into(),
            value: vec![index as u8],
            flags: 0,
            index: want,
        };
        assert!(run(&t, 2, cas(2, 0)));
        assert!(!run(&t, 3, cas(3, 0)));
        assert!(!run(&t, 4, cas(4, 99)));
        assert!(run(&t, 5, cas(5, 2)));
        assert_eq!(load(&t, "c").unwrap().unwrap().value, vec![5]);
        assert!(!run(
            &t,
            6,
            KvOp::DeleteCas {
                key: "c".into(),
                index: 2
            }
        ));
        assert!(run(
            &t,
            7,
            KvOp::DeleteCas {
                key: "c".into(),
                index: 5
            }
        ));
        assert!(load(&t, "c").unwrap().is_none());
    }

    /// Delete-tree removes exactly the prefix and leaves tombstones.
    #[test]
    fn delete_tree_is_prefix_exact() {
        let t = tree();
        for (i, k) in ["app/a", "app/b/c", "apple", "zzz"].iter().enumerate() {
            run(
                &t,
                i as u64 + 1,
                KvOp::Set {
                    key: k.to_string(),
                    value: vec![],
                    flags: 0,
                },
            );
        }
        run(
            &t,
            10,
            KvOp::DeleteTree {
                prefix: "app/".into(),
            },
        );
        assert!(load(&t, "app/a").unwrap().is_none());
        assert!(load(&t, "app/b/c").unwrap().is_none());
        assert!(load(&t, "apple").unwrap().is_some());
        assert_eq!(
            Source::get(&t, &tombstone_key("app/b/c")).unwrap(),
            Some(10u64.to_be_bytes().to_vec())
        );
    }

    /// Ops compared against a BTreeMap model over a long pseudo-random sequence.
    #[test]
    fn matches_a_model() {
        let t = tree();
        let mut model: std::collections::BTreeMap<String, (Vec<u8>, u64)> = Default::default();
        let mut seed = 0x2545F4914F6CDD1Du64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for index in 1..2000u64 {
            let key = format!("k/{}", next() % 20);
            let op = match next() % 5 {
                0 | 1 => KvOp::Set {
                    key: key.clone(),
                    value: index.to_le_bytes().to_vec(),
                    flags: 0,
                },
                2 => KvOp::Cas {
                    key: key.clone(),
                    value: index.to_le_bytes().to_vec(),
                    flags: 0,
                    index: if next() % 2 == 0 {
                        model.get(&key).map_or(0, |e| e.1)
                    } else {
                        next() % 2000
                    },
                },
                3 => KvOp::Delete { key: key.clone() },
                _ => KvOp::DeleteCas {
                    key: key.clone(),
                    index: model.get(&key).map_or(1, |e| e.1),
                },
            };
            let expect = match &op {
                KvOp::Set { .. } => {
                    model.insert(key.clone(), (index.to_le_bytes().to_vec(), index));
                    true
                }
                KvOp::Cas { index: want, .. } => {
                    let ok = match model.get(&key) {
                        None => *want == 0,
                        Some(e) => e.1 == *want,
                    };
                    if ok {
                        model.insert(key.clone(), (index.to_le_bytes().to_vec(), index));
                    }
                    ok
                }
                KvOp::Delete { .. } => {
                    model.remove(&key);
                    true
                }
                KvOp::DeleteCas { index: want, .. } => {
                    let ok = model.get(&key).is_some_and(|e| e.1 == *want);
                    if ok {
                        model.remove(&key);
                    }
                    ok
                }
                KvOp::DeleteTree { .. } | KvOp::Acquire { .. } | KvOp::Release { .. } => {
                    unreachable!("not generated above")
                }
            };
            assert_eq!(run(&t, index, op), expect, "index {index}");
        }
        for (k, (v, idx)) in &model {
            let e = load(&t, k).unwrap().unwrap();
            assert_eq!((&e.value, e.modify_index), (v, *idx));
        }
        assert_eq!(Source::scan(&t, b"k").unwrap().len(), model.len());
    }
}
