//! Packet and stream framing around messages: compound packets, CRC, compression and labels.
//!
//! A UDP packet is one message, or a compound (`[7][count][u16 lengths…][messages…]`), optionally
//! behind a CRC header (`[12][crc32 BE]`) and a label header (`[244][len][label]`). A peer may
//! compress (`[9]` + msgpack `{Algo, Buf}`, LZW with 8-bit literals, least-significant bit first).
//! Every wrapper is decoded with bounds: a packet that lies about a length, nests wrappers, fails
//! its CRC or names an unknown algorithm is refused as a whole.

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
}

/// Joins encoded messages into one compound message (at most 255).
pub fn compound(parts: &[Vec<u8>]) -> Vec<u8> {
    if parts.len() == 1 {
        return parts[0].clone();
    }
    let mut out = Vec::with_capacity(2 + parts.len() * 2 + parts.iter().map(Vec::len).sum::<usize>());
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
            return Err(PacketError::Label { got: String::from_utf8_lossy(got).into_owned(), want: label.into() });
        }
        return Ok(&packet[2 + len..]);
    }
    if !label.is_empty() {
        return Err(PacketError::Label { got: String::new(), want: label.into() });
    }
    Ok(packet)
}

/// Inflates a compress message body.
fn inflate(body: &[u8]) -> Result<Vec<u8>, PacketError> {
    let mut f = Fields::decode(&mut Decoder::new(body))?;
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
    use crate::gossip::message::{Ack, Nack};

    /// Compound packets behind a CRC and a label come apart into their messages.
    #[test]
    fn layers_round_trip() {
        let a = Message::Ack(Ack { seq_no: 1, payload: vec![] });
        let b = Message::Nack(Nack { seq_no: 2 });
        let packet = with_label("dc1", with_crc(&compound(&[a.encode(), b.encode()])));
        let inner = strip_label("dc1", &packet).unwrap();
        assert_eq!(decode_packet(inner).unwrap(), vec![a, b]);
        assert!(matches!(strip_label("other", &packet), Err(PacketError::Label { .. })));
        assert!(matches!(strip_label("dc1", &[0u8][..]), Err(PacketError::Label { .. })));
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

    /// A packet compressed the way memberlist does it (LZW, LSB, 8-bit literals) inflates.
    #[test]
    fn inflates_lzw() {
        let msg = Message::Ack(Ack { seq_no: 42, payload: vec![b'z'; 300] }).encode();
        let mut enc = weezl::encode::Encoder::new(weezl::BitOrder::Lsb, 8);
        let buf = enc.encode(&msg).unwrap();
        let mut e = crate::gossip::msgpack::Encoder::new();
        e.buf.push(Kind::Compress as u8);
        crate::gossip::msgpack::StructWriter::new(&mut e, 2).uint("Algo", 0).raw("Buf", &buf);
        assert_eq!(decode_packet(&e.buf).unwrap(), vec![Message::decode(&msg).unwrap()]);
        let mut other = crate::gossip::msgpack::Encoder::new();
        other.buf.push(Kind::Compress as u8);
        crate::gossip::msgpack::StructWriter::new(&mut other, 2).uint("Algo", 1).raw("Buf", &buf);
        assert_eq!(decode_packet(&other.buf), Err(PacketError::Compression(1)));
    }
}
