//! The gossip keyring: AES-GCM keys of 16, 24 or 32 bytes. The primary key encrypts; every key is
//! tried to decrypt, so a new key can be installed everywhere before it is used.
//!
//! Frame (memberlist's encryption version 1): `[1][nonce 12][ciphertext ‖ tag 16]`. Version 0
//! frames (PKCS#7-padded plaintext) from old peers are read too.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::aes::Aes192;
use aes_gcm::{Aes128Gcm, Aes256Gcm, AesGcm, Nonce};

use crate::api::b64;

type Aes192Gcm = AesGcm<Aes192, aes_gcm::aead::consts::U12>;

/// Bytes encryption adds: version, nonce and tag.
pub const OVERHEAD: usize = 1 + 12 + 16;

/// Why a key or a frame was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("Invalid key: key size must be 16, 24 or 32 bytes (got {0})")]
    Size(usize),
    #[error("Invalid key: not base64: {0}")]
    Base64(String),
    #[error("no installed key could decrypt the message")]
    NoKey,
    #[error("encrypted message is too short")]
    Short,
    #[error("unsupported encryption version {0}")]
    Version(u8),
}

/// One AES-GCM key.
#[derive(Clone, PartialEq, Eq)]
pub struct Key(Vec<u8>);

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print key material.
        write!(f, "Key({} bytes)", self.0.len())
    }
}

impl Key {
    pub fn new(bytes: Vec<u8>) -> Result<Key, KeyError> {
        match bytes.len() {
            16 | 24 | 32 => Ok(Key(bytes)),
            n => Err(KeyError::Size(n)),
        }
    }

    /// Parses the base64 form operators use (`ctl keygen`).
    pub fn parse(s: &str) -> Result<Key, KeyError> {
        Key::new(b64::decode(s.trim()).map_err(|e| KeyError::Base64(e.to_string()))?)
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    pub fn to_base64(&self) -> String {
        b64::encode(&self.0)
    }

    fn seal(&self, nonce: &[u8; 12], msg: &[u8], aad: &[u8]) -> Vec<u8> {
        let n = Nonce::from_slice(nonce);
        let p = Payload { msg, aad };
        // Encryption with a valid key length cannot fail.
        match self.0.len() {
            16 => Aes128Gcm::new_from_slice(&self.0)
                .ok()
                .and_then(|c| c.encrypt(n, p).ok()),
            24 => Aes192Gcm::new_from_slice(&self.0)
                .ok()
                .and_then(|c| c.encrypt(n, p).ok()),
            _ => Aes256Gcm::new_from_slice(&self.0)
                .ok()
                .and_then(|c| c.encrypt(n, p).ok()),
        }
        .unwrap_or_default()
    }

    fn open(&self, nonce: &[u8], ct: &[u8], aad: &[u8]) -> Option<Vec<u8>> {
        let n = Nonce::from_slice(nonce);
        let p = Payload { msg: ct, aad };
        match self.0.len() {
            16 => Aes128Gcm::new_from_slice(&self.0).ok()?.decrypt(n, p).ok(),
            24 => Aes192Gcm::new_from_slice(&self.0).ok()?.decrypt(n, p).ok(),
            _ => Aes256Gcm::new_from_slice(&self.0).ok()?.decrypt(n, p).ok(),
        }
    }
}

/// The installed keys; the first is the primary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keyring {
    keys: Vec<Key>,
}

impl Keyring {
    pub fn new(primary: Key) -> Keyring {
        Keyring {
            keys: vec![primary],
        }
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    pub fn keys(&self) -> &[Key] {
        &self.keys
    }

    pub fn primary(&self) -> Option<&Key> {
        self.keys.first()
    }

    /// Adds a key (no-op if present).
    pub fn install(&mut self, key: Key) {
        if !self.keys.contains(&key) {
            self.keys.push(key);
        }
    }

    /// Makes an installed key the primary.
    pub fn use_key(&mut self, key: &Key) -> Result<(), String> {
        let pos = self
            .keys
            .iter()
            .position(|k| k == key)
            .ok_or("Requested key is not in the keyring")?;
        let k = self.keys.remove(pos);
        self.keys.insert(0, k);
        Ok(())
    }

    /// Removes a key other than the primary.
    pub fn remove(&mut self, key: &Key) -> Result<(), String> {
        if self.primary() == Some(key) {
            return Err("Removing the primary key is not allowed".into());
        }
        self.keys.retain(|k| k != key);
        Ok(())
    }

    /// Encrypts with the primary key.
    pub fn encrypt(&self, msg: &[u8], aad: &[u8]) -> Option<Vec<u8>> {
        let key = self.primary()?;
        let mut nonce = [0u8; 12];
        rand::fill(&mut nonce);
        let mut out = Vec::with_capacity(msg.len() + OVERHEAD);
        out.push(1);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&key.seal(&nonce, msg, aad));
        Some(out)
    }

    /// Decrypts with whichever installed key fits.
    pub fn decrypt(&self, frame: &[u8], aad: &[u8]) -> Result<Vec<u8>, KeyError> {
        if frame.len() < OVERHEAD {
            return Err(KeyError::Short);
        }
        let version = frame[0];
        if version > 1 {
            return Err(KeyError::Version(version));
        }
        let (nonce, ct) = frame[1..].split_at(12);
        for key in &self.keys {
            if let Some(mut plain) = key.open(nonce, ct, aad) {
                if version == 0 {
                    // PKCS#7: the last byte says how many padding bytes to drop.
                    let pad = usize::from(*plain.last().ok_or(KeyError::Short)?);
                    if pad == 0 || pad > plain.len() {
                        return Err(KeyError::Short);
                    }
                    plain.truncate(plain.len() - pad);
                }
                return Ok(plain);
            }
        }
        Err(KeyError::NoKey)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Any installed key decrypts; the primary encrypts; removing the primary is refused.
    #[test]
    fn rotation() {
        let old = Key::new(vec![1; 32]).unwrap();
        let new = Key::new(vec![2; 16]).unwrap();
        let mut a = Keyring::new(old.clone());
        let b = Keyring::new(old.clone());
        let frame = a.encrypt(b"hello", b"").unwrap();
        assert_eq!(frame.len(), 5 + OVERHEAD);
        assert_eq!(b.decrypt(&frame, b"").unwrap(), b"hello");
        a.install(new.clone());
        a.use_key(&new).unwrap();
        let frame = a.encrypt(b"x", b"lbl").unwrap();
        assert_eq!(
            b.decrypt(&frame, b"lbl"),
            Err(KeyError::NoKey),
            "b lacks the new key"
        );
        assert!(a.decrypt(&frame, b"other").is_err(), "the AAD is bound");
        assert!(a.remove(&new).is_err());
        a.remove(&old).unwrap();
        assert_eq!(a.keys().len(), 1);
        assert!(a.decrypt(&[1, 2, 3], b"").is_err());
        assert_eq!(Key::new(vec![0; 20]), Err(KeyError::Size(20)));
        assert!(Key::parse("not base64!").is_err());
        assert!(Key::parse(&Key::new(vec![3; 24]).unwrap().to_base64()).is_ok());
    }
}
