//! Packet and stream framing around messages: compound packets, CRC, compression and labels.
//!
//! A UDP packet is one message, or a compound (`[7][count][u16 lengths…][messages…]`), optionally
//! behind a CRC header (`[12][crc32 BE]`) and a label header (`[244][len][label]`). A peer may
//! compress (`[9]` + msgpack `{Algo, Buf}`, LZW with 8-bit literals, least-significant bit first).
//! Every wrapper is decoded with bounds: a packet that lies about a length, nests wrappers, fails
//! its CRC or names an unknown algorithm is refused as a whole.

use super::keyring::{KeyError, Keyring};
use super::message::{HAS_LABEL, Kind, Message};
use super::msgpack::{DecodeError, Decoder, Fields};

/// Largest UDP payload we send (memberlist's UDPBufferSize).
pub const MAX_PACKET: usize = 1400;
/// Largest decompressed message accepted.
const MAX_INFLATED: usize = 4 * 1024 * 1024;

/// Why a packet was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PacketError {
    #[error("malformed message: {0}")]
    Decode(#[from] DecodeError),
    #[error("checksum mismatch")]
    Crc,
    #[error("label {got:?} does not match ours {want:?}")]
    Label { got: String, want: String },
    #[error("unsupported compression algorithm {0}")]
    Compression(u64),
    #[error("decompression failed")]
    Inflate,
    #[error("wrappers nested too deeply")]
    Nested,
    #[error("{0}")]
    Key(#[from] KeyError),
    #[error("Encryption is configured but remote state is not encrypted")]
    Plaintext,
    #[error("Remote state is encrypted and encryption is not configured")]
    Encrypted,
    #[error("stream message of {0} bytes is over the limit")]
    TooLarge(usize),
}

/// Largest stream message accepted (memberlist's limit on push-pull state).
pub const MAX_STREAM: usize = 20 * 1024 * 1024;

/// Frames a stream message: plain, or `[10][len u32 BE][encrypted]` with the first five bytes as
/// the additional authenticated data, as memberlist does.
pub fn encode_stream(msg: &[u8], keyring: Option<&Keyring>) -> Vec<u8> {
    match keyring.filter(|k| !k.is_empty()) {
        None => msg.to_vec(),
        Some(k) => {
            let len = (msg.len() + super::keyring::OVERHEAD) as u32;
            let mut out = Vec::with_capacity(5 + len as usize);
            out.push(Kind::Encrypt as u8);
            out.extend_from_slice(&len.to_be_bytes());
            let sealed = k.encrypt(msg, &out[..5]).unwrap_or_default();
            out.extend_from_slice(&sealed);
            out
        }
    }
}

/// Tries to parse one stream message from what has been read so far: `Ok(None)` means "read
/// more". Streams carry no terminator, so completeness is judged from the content itself.
/// `encrypted` is the keyring when one is configured, and `require` refuses plaintext.
pub fn parse_stream(
    buf: &[u8],
    keyring: Option<&Keyring>,
    require: bool,
) -> Result<Option<Message>, PacketError> {
    if buf.len() > MAX_STREAM {
        return Err(PacketError::TooLarge(buf.len()));
    }
    let Some(&first) = buf.first() else {
        return Ok(None);
    };
    if first == Kind::Encrypt as u8 {
        let Some(keyring) = keyring.filter(|k| !k.is_empty()) else {
            return Err(PacketError::Encrypted);
        };
        if buf.len() < 5 {
            return Ok(None);
        }
        let len = u32::from_be_bytes([buf[1], buf[2], buf[3], buf[4]]) as usize;
        if len > MAX_STREAM {
            return Err(PacketError::TooLarge(len));
        }
        if buf.len() < 5 + len {
            return Ok(None);
        }
        let plain = keyring.decrypt(&buf[5..5 + len], &buf[..5])?;
        return match parse_plain_stream(&plain)? {
            Some(m) => Ok(Some(m)),
            None => Err(PacketError::Decode(DecodeError::Truncated)),
        };
    }
    if require && keyring.is_some_and(|k| !k.is_empty()) {
        return Err(PacketError::Plaintext);
    }
    parse_plain_stream(buf)
}

fn incomplete<T>(r: Result<T, DecodeError>) -> Result<Option<T>, PacketError> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(DecodeError::Truncated) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

fn parse_plain_stream(buf: &[u8]) -> Result<Option<Message>, PacketError> {
    let Some((&first, body)) = buf.split_first() else {
        return Ok(None);
    };
    match Kind::from_byte(first) {
        Some(Kind::Compress) => {
            let Some(fields) = incomplete(Fields::decode(&mut Decoder::new(body)))? else {
                return Ok(None);
            };
            let inflated = inflate_fields(fields)?;
            match parse_plain_stream(&inflated)? {
                Some(m) => Ok(Some(m)),
                None => Err(PacketError::Decode(DecodeError::Truncated)),
            }
        }
        Some(Kind::User) => {
            // `[8][{UserMsgLen}][bytes]` on a stream.
            let mut d = Decoder::new(body);
            let Some(mut h) = incomplete(Fields::decode(&mut d))? else {
                return Ok(None);
            };
            let len = h.u64("UserMsgLen")? as usize;
            match d.rest().get(..len) {
                Some(b) => Ok(Some(Message::User(b.to_vec()))),
                None => Ok(None),
            }
        }
        _ => incomplete(Message::decode(buf)),
    }
}

/// Joins encoded messages into one compound message (at most 255).
pub fn compound(parts: &[Vec<u8>]) -> Vec<u8> {
    if parts.len() == 1 {
        return parts[0].clone();
    }
    let mut out =
        Vec::with_capacity(2 + parts.len() * 2 + parts.iter().map(Vec::len).sum::<usize>());
    out.push(Kind::Compound as u8);
    out.push(parts.len() as u8);
    for p in parts {
        out.extend_from_slice(&(p.len() as u16).to_be_bytes());
    }
    for p in parts {
        out.extend_from_slice(p);
    }
    out
}

/// Bytes a compound adds per part (its length field).
pub const COMPOUND_PART_OVERHEAD: usize = 2;
/// Bytes a compound adds once.
pub const COMPOUND_OVERHEAD: usize = 2;

/// Prefixes a CRC32 (IEEE) of the packet.
pub fn with_crc(packet: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(packet.len() + 5);
    out.push(Kind::HasCrc as u8);
    out.extend_from_slice(&crc32fast::hash(packet).to_be_bytes());
    out.extend_from_slice(packet);
    out
}

/// Prefixes a label header when a label is set.
pub fn with_label(label: &str, packet: Vec<u8>) -> Vec<u8> {
    if label.is_empty() {
        return packet;
    }
    let mut out = Vec::with_capacity(packet.len() + 2 + label.len());
    out.push(HAS_LABEL);
    out.push(label.len() as u8);
    out.extend_from_slice(label.as_bytes());
    out.extend_from_slice(&packet);
    out
}

/// Strips a label header, checking it against ours.
pub fn strip_label<'a>(label: &str, packet: &'a [u8]) -> Result<&'a [u8], PacketError> {
    if packet.first() == Some(&HAS_LABEL) {
        let len = usize::from(*packet.get(1).ok_or(DecodeError::Truncated)?);
        let got = packet.get(2..2 + len).ok_or(DecodeError::Truncated)?;
        if got != label.as_bytes() {
            return Err(PacketError::Label {
                got: String::from_utf8_lossy(got).into_owned(),
                want: label.into(),
            });
        }
        return Ok(&packet[2 + len..]);
    }
    if !label.is_empty() {
        return Err(PacketError::Label {
            got: String::new(),
            want: label.into(),
        });
    }
    Ok(packet)
}

/// The packet as a compress message (LZW, least-significant bit first, 8-bit literals: what
/// memberlist writes and reads), when that is smaller.
pub fn compress(packet: &[u8]) -> Option<Vec<u8>> {
    let buf = weezl::encode::Encoder::new(weezl::BitOrder::Lsb, 8)
        .encode(packet)
        .ok()?;
    let mut e = super::msgpack::Encoder::new();
    e.buf.push(Kind::Compress as u8);
    super::msgpack::StructWriter::new(&mut e, 2)
        .uint("Algo", 0)
        .raw("Buf", &buf);
    (e.buf.len() < packet.len()).then_some(e.buf)
}

/// Inflates a compress message body.
fn inflate(body: &[u8]) -> Result<Vec<u8>, PacketError> {
    inflate_fields(Fields::decode(&mut Decoder::new(body))?)
}

fn inflate_fields(mut f: Fields) -> Result<Vec<u8>, PacketError> {
    let algo = f.u64("Algo")?;
    if algo != 0 {
        return Err(PacketError::Compression(algo));
    }
    let buf = f.bytes("Buf")?;
    let mut dec = weezl::decode::Decoder::new(weezl::BitOrder::Lsb, 8);
    let mut out = Vec::new();
    let stream = dec.into_vec(&mut out);
    let result = stream.decode_all(&buf);
    // memberlist's writer may end without an end code; what was decoded before is the message.
    if let Err(e) = result.status
        && !matches!(e, weezl::LzwError::InvalidCode)
    {
        return Err(PacketError::Inflate);
    }
    if out.len() > MAX_INFLATED {
        return Err(PacketError::Inflate);
    }
    Ok(out)
}

/// Unwraps CRC, compression and compound layers into the messages a packet carries.
pub fn decode_packet(packet: &[u8]) -> Result<Vec<Message>, PacketError> {
    let mut out = Vec::new();
    unwrap(packet, 0, &mut out)?;
    Ok(out)
}

fn unwrap(packet: &[u8], depth: usize, out: &mut Vec<Message>) -> Result<(), PacketError> {
    if depth > 4 {
        return Err(PacketError::Nested);
    }
    let (&t, body) = packet.split_first().ok_or(DecodeError::Truncated)?;
    match Kind::from_byte(t) {
        Some(Kind::HasCrc) => {
            let crc = body.get(..4).ok_or(DecodeError::Truncated)?;
            let rest = &body[4..];
            if u32::from_be_bytes([crc[0], crc[1], crc[2], crc[3]]) != crc32fast::hash(rest) {
                return Err(PacketError::Crc);
            }
            unwrap(rest, depth + 1, out)
        }
        Some(Kind::Compress) => {
            let inflated = inflate(body)?;
            unwrap(&inflated, depth + 1, out)
        }
        Some(Kind::Compound) => {
            let (&n, rest) = body.split_first().ok_or(DecodeError::Truncated)?;
            let n = usize::from(n);
            let lens = rest.get(..n * 2).ok_or(DecodeError::Truncated)?;
            let mut data = &rest[n * 2..];
            for i in 0..n {
                let len = usize::from(u16::from_be_bytes([lens[2 * i], lens[2 * i + 1]]));
                let part = data.get(..len).ok_or(DecodeError::Truncated)?;
                data = &data[len..];
                unwrap(part, depth + 1, out)?;
            }
            Ok(())
        }
        _ => {
            out.push(Message::decode(packet)?);
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gossip::keyring::Key;
    use crate::gossip::message::{Ack, Nack, PushPull};

    /// A stream message is recognised only once complete, plain or encrypted, and plaintext is
    /// refused when encryption is required.
    #[test]
    fn streams_parse_incrementally() {
        let msg = Message::PushPull(PushPull {
            join: true,
            nodes: vec![],
            user_state: vec![2, 0x80],
        });
        let plain = msg.encode();
        for i in 0..plain.len() {
            assert_eq!(
                parse_stream(&plain[..i], None, false),
                Ok(None),
                "prefix {i}"
            );
        }
        assert_eq!(parse_stream(&plain, None, false), Ok(Some(msg.clone())));
        let ring = Keyring::new(Key::new(vec![9; 32]).unwrap());
        let sealed = encode_stream(&plain, Some(&ring));
        assert_eq!(sealed[0], Kind::Encrypt as u8);
        for i in 0..sealed.len() {
            assert_eq!(parse_stream(&sealed[..i], Some(&ring), true), Ok(None));
        }
        assert_eq!(parse_stream(&sealed, Some(&ring), true), Ok(Some(msg)));
        assert_eq!(
            parse_stream(&plain, Some(&ring), true),
            Err(PacketError::Plaintext)
        );
        assert_eq!(
            parse_stream(&sealed, None, false),
            Err(PacketError::Encrypted)
        );
        let other = Keyring::new(Key::new(vec![8; 32]).unwrap());
        assert!(matches!(
            parse_stream(&sealed, Some(&other), true),
            Err(PacketError::Key(KeyError::NoKey))
        ));
    }

    /// Compound packets behind a CRC and a label come apart into their messages.
    #[test]
    fn layers_round_trip() {
        let a = Message::Ack(Ack {
            seq_no: 1,
            payload: vec![],
        });
        let b = Message::Nack(Nack { seq_no: 2 });
        let packet = with_label("dc1", with_crc(&compound(&[a.encode(), b.encode()])));
        let inner = strip_label("dc1", &packet).unwrap();
        assert_eq!(decode_packet(inner).unwrap(), vec![a, b]);
        assert!(matches!(
            strip_label("other", &packet),
            Err(PacketError::Label { .. })
        ));
        assert!(matches!(
            strip_label("dc1", &[0u8][..]),
            Err(PacketError::Label { .. })
        ));
    }

    /// A flipped bit fails the CRC; lying compound lengths are refused.
    #[test]
    fn corrupt_packets() {
        let mut p = with_crc(&Message::Nack(Nack { seq_no: 2 }).encode());
        let last = p.len() - 1;
        p[last] ^= 1;
        assert_eq!(decode_packet(&p), Err(PacketError::Crc));
        assert!(decode_packet(&[7, 3, 0, 1]).is_err());
        assert!(decode_packet(&[7, 1, 0xff, 0xff, 2]).is_err());
        assert!(decode_packet(&[]).is_err());
    }

    /// Alive messages carrying Consul-sized tags compress well over twofold, and inflate back to
    /// exactly the messages; an incompressible packet is left as it is.
    #[test]
    fn compresses_alive_messages() {
        use crate::gossip::message::Alive;
        let parts: Vec<Vec<u8>> = (0..20u8)
            .map(|i| {
                let mut meta = vec![0xff];
                meta.extend_from_slice(
                    format!(
                        "role node dc dc1 id 0b5e{i:02}a7c-93f1-4c2e-b2a0-4f0c{i:02}d1e9a3 vsn 2 \
                         vsn_min 2 vsn_max 3 build 0.1.0:4e1f0c2 segment"
                    )
                    .as_bytes(),
                );
                Message::Alive(Alive {
                    incarnation: 1,
                    node: format!("agent-{i}"),
                    addr: std::net::SocketAddr::from(([127, 0, 0, 1], 8301 + u16::from(i))),
                    meta,
                    vsn: [1, 5, 2, 2, 5, 5],
                })
                .encode()
            })
            .collect();
        let plain = compound(&parts);
        let small = compress(&plain).expect("smaller");
        assert!(
            small.len() * 2 < plain.len(),
            "{} → {}",
            plain.len(),
            small.len()
        );
        let want: Vec<Message> = parts.iter().map(|p| Message::decode(p).unwrap()).collect();
        assert_eq!(decode_packet(&small).unwrap(), want);
        let noise: Vec<u8> = (0..400u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        assert_eq!(compress(&noise), None);
    }

    /// A packet compressed the way memberlist does it (LZW, LSB, 8-bit literals) inflates.
    #[test]
    fn inflates_lzw() {
        let msg = Message::Ack(Ack {
            seq_no: 42,
            payload: vec![b'z'; 300],
        })
        .encode();
        let mut enc = weezl::encode::Encoder::new(weezl::BitOrder::Lsb, 8);
        let buf = enc.encode(&msg).unwrap();
        let mut e = crate::gossip::msgpack::Encoder::new();
        e.buf.push(Kind::Compress as u8);
        crate::gossip::msgpack::StructWriter::new(&mut e, 2)
            .uint("Algo", 0)
            .raw("Buf", &buf);
        assert_eq!(
            decode_packet(&e.buf).unwrap(),
            vec![Message::decode(&msg).unwrap()]
        );
        let mut other = crate::gossip::msgpack::Encoder::new();
        other.buf.push(Kind::Compress as u8);
        crate::gossip::msgpack::StructWriter::new(&mut other, 2)
            .uint("Algo", 1)
            .raw("Buf", &buf);
        assert_eq!(decode_packet(&other.buf), Err(PacketError::Compression(1)));
    }
}

#[cfg(test)]
mod fuzz {
    use proptest::prelude::*;

    use super::*;
    use crate::gossip::keyring::Key;
    use crate::gossip::message::{Alive, PushNodeState, PushPull};

    fn sample() -> Vec<u8> {
        let alive = Message::Alive(Alive {
            incarnation: 3,
            node: "node-a".into(),
            addr: "127.0.0.1:8301".parse().unwrap(),
            meta: vec![0xff, 0x81, 0xa1, b'k', 0xa1, b'v'],
            vsn: crate::gossip::swim::VSN,
        });
        let pp = Message::PushPull(PushPull {
            join: true,
            nodes: vec![PushNodeState {
                name: "b".into(),
                addr: "127.0.0.2:8301".parse().unwrap(),
                meta: vec![],
                incarnation: 1,
                state: crate::gossip::message::NodeState::Alive,
                vsn: crate::gossip::swim::VSN,
            }],
            user_state: vec![2, 0x80],
        });
        with_crc(&compound(&[alive.encode(), pp.encode()]))
    }

    proptest! {
        /// Arbitrary bytes never panic any decoder; they are decoded or refused.
        #[test]
        fn random_bytes_never_panic(data in proptest::collection::vec(any::<u8>(), 0..2048)) {
            let _ = decode_packet(&data);
            let _ = Message::decode(&data);
            let _ = parse_stream(&data, None, false);
            let ring = Keyring::new(Key::new(vec![7; 32]).unwrap());
            let _ = parse_stream(&data, Some(&ring), true);
            let _ = ring.decrypt(&data, &[]);
            let _ = strip_label("", &data);
        }

        /// A valid packet with bytes flipped, cut or extended is decoded or refused, never a panic,
        /// and an intact one always decodes.
        #[test]
        fn mutated_packets_never_panic(
            flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..8),
            cut in any::<usize>(),
            tail in proptest::collection::vec(any::<u8>(), 0..16),
        ) {
            let good = sample();
            prop_assert_eq!(decode_packet(&good).map(|m| m.len()), Ok(2));
            let mut bad = good.clone();
            for (i, b) in flips {
                let n = bad.len();
                bad[i % n] ^= b;
            }
            bad.truncate(cut % (bad.len() + 1));
            bad.extend(tail);
            let _ = decode_packet(&bad);
            // Skipping the CRC exercises the inner decoders on the mutated bytes.
            if bad.len() > 5 {
                let _ = decode_packet(&bad[5..]);
            }
        }
    }
}
