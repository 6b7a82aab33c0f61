//! The snapshot file `ctl snapshot save` writes and `restore` reads: the replicated state at one
//! Raft index, framed so that a truncated or corrupted file is detected before anything is
//! restored from it.
//!
//! Layout: the magic `CTLSNAP\0`; a 4-byte big-endian length and a JSON header (version, ID,
//! index, term, datacenter); an 8-byte big-endian length and the body (the state's key/value
//! pairs, postcard-encoded); and a CRC-32 of everything before it. Every length is checked
//! against what is actually there before it is trusted.

use serde::{Deserialize, Serialize};

use crate::raft::overlay::Pairs;

const MAGIC: &[u8; 8] = b"CTLSNAP\0";
/// The only layout so far.
pub const VERSION: u32 = 1;
/// A header larger than this is not ours.
const MAX_HEADER: usize = 64 * 1024;

/// What a snapshot says about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Meta {
    pub version: u32,
    #[serde(rename = "ID")]
    pub id: String,
    pub index: u64,
    pub term: u64,
    pub datacenter: String,
}

/// A decoded snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Archive {
    pub meta: Meta,
    pub pairs: Pairs,
}

/// Why a snapshot file was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SnapshotError {
    #[error("not a ctl snapshot (bad magic bytes)")]
    Magic,
    #[error("truncated: {0}")]
    Truncated(String),
    #[error(
        "checksum mismatch: the file is corrupt (stored {stored:08x}, computed {computed:08x})"
    )]
    Checksum { stored: u32, computed: u32 },
    #[error("bad header: {0}")]
    Header(String),
    #[error("snapshot version {0} is not supported (this build reads version {VERSION})")]
    Version(u32),
    #[error("bad body: {0}")]
    Body(String),
}

/// Encodes an archive.
pub fn encode(a: &Archive) -> Result<Vec<u8>, SnapshotError> {
    let header = serde_json::to_vec(&a.meta).map_err(|e| SnapshotError::Header(e.to_string()))?;
    let body = postcard::to_allocvec(&a.pairs).map_err(|e| SnapshotError::Body(e.to_string()))?;
    let mut out = Vec::with_capacity(8 + 4 + header.len() + 8 + body.len() + 4);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(header.len() as u32).to_be_bytes());
    out.extend_from_slice(&header);
    out.extend_from_slice(&(body.len() as u64).to_be_bytes());
    out.extend_from_slice(&body);
    let crc = crc32fast::hash(&out);
    out.extend_from_slice(&crc.to_be_bytes());
    Ok(out)
}

/// Decodes and verifies a snapshot file.
pub fn decode(data: &[u8]) -> Result<Archive, SnapshotError> {
    if data.len() < MAGIC.len() || &data[..MAGIC.len()] != MAGIC {
        return Err(SnapshotError::Magic);
    }
    if data.len() < MAGIC.len() + 4 + 8 + 4 {
        return Err(SnapshotError::Truncated(format!(
            "{} bytes is too short",
            data.len()
        )));
    }
    let (content, crc) = data.split_at(data.len() - 4);
    let stored = u32::from_be_bytes([crc[0], crc[1], crc[2], crc[3]]);
    let mut at = MAGIC.len();
    let take = |at: &mut usize, n: usize, what: &str| -> Result<&[u8], SnapshotError> {
        let end = at
            .checked_add(n)
            .filter(|e| *e <= content.len())
            .ok_or_else(|| {
                SnapshotError::Truncated(format!(
                    "{what} needs {n} bytes at offset {at}, file has {}",
                    content.len()
                ))
            })?;
        let s = &content[*at..end];
        *at = end;
        Ok(s)
    };
    let hlen = take(&mut at, 4, "header length")?;
    let hlen = u32::from_be_bytes([hlen[0], hlen[1], hlen[2], hlen[3]]) as usize;
    if hlen > MAX_HEADER {
        return Err(SnapshotError::Header(format!(
            "header length {hlen} exceeds {MAX_HEADER}"
        )));
    }
    let header = take(&mut at, hlen, "header")?;
    let blen = take(&mut at, 8, "body length")?;
    let mut b8 = [0u8; 8];
    b8.copy_from_slice(blen);
    let blen = usize::try_from(u64::from_be_bytes(b8))
        .map_err(|_| SnapshotError::Body("body length overflows".into()))?;
    let body = take(&mut at, blen, "body")?;
    if at != content.len() {
        return Err(SnapshotError::Body(format!(
            "{} unexpected bytes after the body",
            content.len() - at
        )));
    }
    let computed = crc32fast::hash(content);
    if computed != stored {
        return Err(SnapshotError::Checksum { stored, computed });
    }
    let meta: Meta =
        serde_json::from_slice(header).map_err(|e| SnapshotError::Header(e.to_string()))?;
    if meta.version != VERSION {
        return Err(SnapshotError::Version(meta.version));
    }
    let pairs: Pairs =
        postcard::from_bytes(body).map_err(|e| SnapshotError::Body(e.to_string()))?;
    Ok(Archive { meta, pairs })
}

/// Per-kind counts and byte sizes for `snapshot inspect`, sorted by kind.
pub fn summary(a: &Archive) -> Vec<(String, usize, usize)> {
    let mut kinds: std::collections::BTreeMap<&str, (usize, usize)> = Default::default();
    for (k, v) in &a.pairs {
        let kind = match k.first() {
            Some(b'k') => "KVS",
            Some(b't') => "Tombstone",
            Some(b'm') => "Index",
            _ => "Other",
        };
        let e = kinds.entry(kind).or_default();
        e.0 += 1;
        e.1 += k.len() + v.len();
    }
    kinds
        .into_iter()
        .map(|(k, (c, s))| (k.to_string(), c, s))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Archive {
        Archive {
            meta: Meta {
                version: VERSION,
                id: "2-11-1".into(),
                index: 11,
                term: 2,
                datacenter: "dc1".into(),
            },
            pairs: vec![(b"ka".to_vec(), b"1".to_vec()), (b"tb".to_vec(), vec![])],
        }
    }

    #[test]
    fn round_trip_and_refusals() {
        let a = sample();
        let bytes = encode(&a).unwrap();
        assert_eq!(decode(&bytes).unwrap(), a);
        // Every truncation is refused, never panics.
        for n in 0..bytes.len() {
            assert!(
                decode(&bytes[..n]).is_err(),
                "truncated to {n} bytes was accepted"
            );
        }
        // Every single-bit flip is refused.
        for i in 0..bytes.len() {
            let mut b = bytes.clone();
            b[i] ^= 0x10;
            assert!(decode(&b).is_err(), "flip at {i} was accepted");
        }
        assert_eq!(decode(b"garbage!"), Err(SnapshotError::Magic));
        let s = summary(&a);
        assert_eq!(s, vec![("KVS".into(), 1, 3), ("Tombstone".into(), 1, 2)]);
    }
}
