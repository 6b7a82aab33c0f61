//! KV read paths and the index a blocking query waits on.
//!
//! Consul's rule: a single key reports its ModifyIndex; a prefix reports the highest ModifyIndex or
//! tombstone under it; when that is zero (nothing there, ever) the KV table index is used, and an
//! index is never reported as 0 so clients never spin.

use super::op::load;
use super::{Entry, KV_INDEX, KvError, TOMBSTONE, entry_key};
use crate::raft::overlay::Source;

fn be_u64(bytes: &[u8]) -> u64 {
    bytes.try_into().map(u64::from_be_bytes).unwrap_or(0)
}

/// The last index at which any key changed.
pub fn table_index(src: &impl Source) -> Result<u64, KvError> {
    Ok(src.get(KV_INDEX)?.map_or(0, |b| be_u64(&b)))
}

fn at_least_one(i: u64) -> u64 {
    i.max(1)
}

/// One key and the index to report for it.
pub fn get(src: &impl Source, key: &str) -> Result<(Option<Entry>, u64), KvError> {
    let entry = load(src, key)?;
    let index = match &entry {
        Some(e) => e.modify_index,
        None => table_index(src)?,
    };
    Ok((entry, at_least_one(index)))
}

/// Every entry under `prefix`, in key order, and the index to report.
pub fn list(src: &impl Source, prefix: &str) -> Result<(Vec<Entry>, u64), KvError> {
    let mut entries = Vec::new();
    let mut index = 0;
    for (k, v) in src.scan(&entry_key(prefix))? {
        let key = String::from_utf8_lossy(&k[1..]).into_owned();
        let e = Entry::decode(&v, &key)?;
        index = index.max(e.modify_index);
        entries.push(e);
    }
    let mut tomb = vec![TOMBSTONE];
    tomb.extend_from_slice(prefix.as_bytes());
    for (_, v) in src.scan(&tomb)? {
        index = index.max(be_u64(&v));
    }
    if index == 0 {
        index = table_index(src)?;
    }
    Ok((entries, at_least_one(index)))
}

/// The keys under `prefix`, rolled up at the first `separator` after the prefix (Consul's `?keys`).
pub fn keys(
    src: &impl Source,
    prefix: &str,
    separator: Option<&str>,
) -> Result<(Vec<String>, u64), KvError> {
    let (entries, index) = list(src, prefix)?;
    let mut out: Vec<String> = Vec::new();
    for e in entries {
        let rolled = match separator.filter(|s| !s.is_empty()) {
            Some(sep) => match e.key[prefix.len()..].find(sep) {
                Some(pos) => e.key[..prefix.len() + pos + sep.len()].to_string(),
                None => e.key,
            },
            None => e.key,
        };
        if out.last() != Some(&rolled) {
            out.push(rolled);
        }
    }
    Ok((out, index))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kv::op::KvOp;
    use crate::raft::overlay::Overlay;
    use crate::raft::state::State;

    fn tree_with(keys: &[&str]) -> State {
        let t = State::default();
        for (i, k) in keys.iter().enumerate() {
            let mut ov = Overlay::new(&t);
            KvOp::Set {
                key: k.to_string(),
                value: vec![],
                flags: 0,
            }
            .apply(&mut ov, i as u64 + 1)
            .unwrap();
            ov.write();
        }
        t
    }

    /// `?keys&separator=/` rolls sub-folders up to one entry ending in the separator.
    #[test]
    fn keys_roll_up_folders() {
        let t = tree_with(&["web/bar", "web/foo", "web/subdir/a", "web/subdir/b", "webx"]);
        let (k, _) = keys(&t, "web/", Some("/")).unwrap();
        assert_eq!(k, vec!["web/bar", "web/foo", "web/subdir/"]);
        let (k, _) = keys(&t, "", Some("/")).unwrap();
        assert_eq!(k, vec!["web/", "webx"]);
        let (k, _) = keys(&t, "web", None).unwrap();
        assert_eq!(k.len(), 5);
    }

    /// A delete under a prefix raises the prefix's index (so watchers wake), and a missing key
    /// reports the table index, never 0.
    #[test]
    fn indexes_follow_deletes() {
        let t = tree_with(&["p/a", "p/b", "q"]);
        let (_, before) = list(&t, "p/").unwrap();
        assert_eq!(before, 2);
        let mut ov = Overlay::new(&t);
        KvOp::Delete { key: "p/a".into() }
            .apply(&mut ov, 10)
            .unwrap();
        ov.write();
        assert_eq!(list(&t, "p/").unwrap().1, 10);
        assert_eq!(get(&t, "missing").unwrap(), (None, 10));
        let empty = State::default();
        assert_eq!(get(&empty, "k").unwrap().1, 1);
    }
}
