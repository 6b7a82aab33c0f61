//! memberlist's messages: the SWIM probe, state and push-pull messages, each a one-byte type then
//! a msgpack struct with Go's field names. Type numbers are the wire's: append-only.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use super::msgpack::{DecodeError, Decoder, Encoder, Fields, StructWriter};

/// Message type bytes (memberlist's numbering; never renumber).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Kind {
    Ping = 0,
    IndirectPing = 1,
    Ack = 2,
    Suspect = 3,
    Alive = 4,
    Dead = 5,
    PushPull = 6,
    Compound = 7,
    User = 8,
    Compress = 9,
    Encrypt = 10,
    Nack = 11,
    HasCrc = 12,
    Err = 13,
}

/// The label header's type byte, outside the numbering above.
pub const HAS_LABEL: u8 = 244;

impl Kind {
    pub fn from_byte(b: u8) -> Option<Kind> {
        Some(match b {
            0 => Kind::Ping,
            1 => Kind::IndirectPing,
            2 => Kind::Ack,
            3 => Kind::Suspect,
            4 => Kind::Alive,
            5 => Kind::Dead,
            6 => Kind::PushPull,
            7 => Kind::Compound,
            8 => Kind::User,
            9 => Kind::Compress,
            10 => Kind::Encrypt,
            11 => Kind::Nack,
            12 => Kind::HasCrc,
            13 => Kind::Err,
            _ => return None,
        })
    }
}

/// Member states as push-pull carries them (memberlist's numbering).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeState {
    Alive = 0,
    Suspect = 1,
    Dead = 2,
    Left = 3,
}

impl NodeState {
    pub fn from_u8(b: u8) -> Option<NodeState> {
        Some(match b {
            0 => NodeState::Alive,
            1 => NodeState::Suspect,
            2 => NodeState::Dead,
            3 => NodeState::Left,
            _ => return None,
        })
    }
}

/// An IP as memberlist writes it: 4 bytes for IPv4, 16 for IPv6.
pub fn ip_bytes(ip: IpAddr) -> Vec<u8> {
    match ip {
        IpAddr::V4(v4) => v4.octets().to_vec(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.octets().to_vec(),
            None => v6.octets().to_vec(),
        },
    }
}

/// Reads an IP written as 4 or 16 bytes.
pub fn ip_from(b: &[u8]) -> Option<IpAddr> {
    match b.len() {
        4 => Some(IpAddr::V4(Ipv4Addr::new(b[0], b[1], b[2], b[3]))),
        16 => {
            let mut a = [0u8; 16];
            a.copy_from_slice(b);
            let v6 = Ipv6Addr::from(a);
            Some(v6.to_ipv4_mapped().map_or(IpAddr::V6(v6), IpAddr::V4))
        }
        _ => None,
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ping {
    pub seq_no: u32,
    /// The node the sender believes it is probing; a mismatch is refused.
    pub node: String,
    pub source: Option<(SocketAddr, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndirectPing {
    pub seq_no: u32,
    pub target: SocketAddr,
    pub node: String,
    pub nack: bool,
    pub source: Option<(SocketAddr, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ack {
    pub seq_no: u32,
    pub payload: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nack {
    pub seq_no: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suspect {
    pub incarnation: u32,
    pub node: String,
    pub from: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alive {
    pub incarnation: u32,
    pub node: String,
    pub addr: SocketAddr,
    pub meta: Vec<u8>,
    /// [proto min, max, cur, delegate min, max, cur].
    pub vsn: [u8; 6],
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dead {
    pub incarnation: u32,
    pub node: String,
    /// Equal to `node` when the node left on purpose.
    pub from: String,
}

/// One member's state in a push-pull exchange.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushNodeState {
    pub name: String,
    pub addr: SocketAddr,
    pub meta: Vec<u8>,
    pub incarnation: u32,
    pub state: NodeState,
    pub vsn: [u8; 6],
}

/// A push-pull exchange: every known member plus the delegate's (serf's) state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushPull {
    pub join: bool,
    pub nodes: Vec<PushNodeState>,
    pub user_state: Vec<u8>,
}

/// Every message a packet or stream can carry, decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Ping(Ping),
    IndirectPing(IndirectPing),
    Ack(Ack),
    Nack(Nack),
    Suspect(Suspect),
    Alive(Alive),
    Dead(Dead),
    PushPull(PushPull),
    /// A delegate (serf) message.
    User(Vec<u8>),
    Err(String),
}

fn vsn_of(b: Vec<u8>) -> [u8; 6] {
    let mut v = [0u8; 6];
    for (i, x) in b.into_iter().take(6).enumerate() {
        v[i] = x;
    }
    v
}

fn addr_of(
    f: &mut Fields,
    ip_field: &'static str,
    port_field: &'static str,
) -> Result<Option<SocketAddr>, DecodeError> {
    let ip = f.bytes(ip_field)?;
    let port = f.u16(port_field)?;
    if ip.is_empty() {
        return Ok(None);
    }
    let ip = ip_from(&ip).ok_or(DecodeError::Field {
        field: ip_field,
        reason: "not a 4- or 16-byte IP",
    })?;
    Ok(Some(SocketAddr::new(ip, port)))
}

fn source_of(f: &mut Fields) -> Result<Option<(SocketAddr, String)>, DecodeError> {
    let addr = addr_of(f, "SourceAddr", "SourcePort")?;
    let node = f.string("SourceNode")?;
    Ok(addr.map(|a| (a, node)))
}

fn write_source(w: &mut StructWriter<'_>, source: &Option<(SocketAddr, String)>) {
    if let Some((addr, node)) = source {
        w.raw("SourceAddr", &ip_bytes(addr.ip()))
            .uint("SourcePort", u64::from(addr.port()))
            .str("SourceNode", node);
    }
}

fn push_node(f: &mut Fields) -> Result<PushNodeState, DecodeError> {
    let name = f.string("Name")?;
    let addr = addr_of(f, "Addr", "Port")?.ok_or(DecodeError::Field {
        field: "Addr",
        reason: "missing",
    })?;
    let state = NodeState::from_u8(f.u8("State")?).ok_or(DecodeError::Field {
        field: "State",
        reason: "unknown state",
    })?;
    Ok(PushNodeState {
        name,
        addr,
        meta: f.bytes("Meta")?,
        incarnation: f.u32("Incarnation")?,
        state,
        vsn: vsn_of(f.bytes("Vsn")?),
    })
}

impl Message {
    pub fn kind(&self) -> Kind {
        match self {
            Message::Ping(_) => Kind::Ping,
            Message::IndirectPing(_) => Kind::IndirectPing,
            Message::Ack(_) => Kind::Ack,
            Message::Nack(_) => Kind::Nack,
            Message::Suspect(_) => Kind::Suspect,
            Message::Alive(_) => Kind::Alive,
            Message::Dead(_) => Kind::Dead,
            Message::PushPull(_) => Kind::PushPull,
            Message::User(_) => Kind::User,
            Message::Err(_) => Kind::Err,
        }
    }

    /// The type byte and body.
    pub fn encode(&self) -> Vec<u8> {
        let mut e = Encoder::new();
        e.buf.push(self.kind() as u8);
        match self {
            Message::Ping(p) => {
                let mut w = StructWriter::new(&mut e, if p.source.is_some() { 5 } else { 2 });
                w.uint("SeqNo", u64::from(p.seq_no)).str("Node", &p.node);
                write_source(&mut w, &p.source);
            }
            Message::IndirectPing(p) => {
                let mut w = StructWriter::new(&mut e, if p.source.is_some() { 8 } else { 5 });
                w.uint("SeqNo", u64::from(p.seq_no))
                    .raw("Target", &ip_bytes(p.target.ip()))
                    .uint("Port", u64::from(p.target.port()))
                    .str("Node", &p.node)
                    .bool("Nack", p.nack);
                write_source(&mut w, &p.source);
            }
            Message::Ack(a) => {
                StructWriter::new(&mut e, 2)
                    .uint("SeqNo", u64::from(a.seq_no))
                    .raw("Payload", &a.payload);
            }
            Message::Nack(n) => {
                StructWriter::new(&mut e, 1).uint("SeqNo", u64::from(n.seq_no));
            }
            Message::Suspect(s) => {
                StructWriter::new(&mut e, 3)
                    .uint("Incarnation", u64::from(s.incarnation))
                    .str("Node", &s.node)
                    .str("From", &s.from);
            }
            Message::Alive(a) => {
                StructWriter::new(&mut e, 6)
                    .uint("Incarnation", u64::from(a.incarnation))
                    .str("Node", &a.node)
                    .raw("Addr", &ip_bytes(a.addr.ip()))
                    .uint("Port", u64::from(a.addr.port()))
                    .raw("Meta", &a.meta)
                    .raw("Vsn", &a.vsn);
            }
            Message::Dead(d) => {
                StructWriter::new(&mut e, 3)
                    .uint("Incarnation", u64::from(d.incarnation))
                    .str("Node", &d.node)
                    .str("From", &d.from);
            }
            Message::PushPull(p) => {
                StructWriter::new(&mut e, 3)
                    .uint("Nodes", p.nodes.len() as u64)
                    .uint("UserStateLen", p.user_state.len() as u64)
                    .bool("Join", p.join);
                for n in &p.nodes {
                    StructWriter::new(&mut e, 7)
                        .str("Name", &n.name)
                        .raw("Addr", &ip_bytes(n.addr.ip()))
                        .uint("Port", u64::from(n.addr.port()))
                        .raw("Meta", &n.meta)
                        .uint("Incarnation", u64::from(n.incarnation))
                        .uint("State", n.state as u64)
                        .raw("Vsn", &n.vsn);
                }
                e.buf.extend_from_slice(&p.user_state);
            }
            Message::User(b) => e.buf.extend_from_slice(b),
            Message::Err(s) => {
                StructWriter::new(&mut e, 1).str("Error", s);
            }
        }
        e.buf
    }

    /// Decodes one message (type byte and body). Compound, CRC, label, compression and encryption
    /// wrappers are the codec's business, not this function's.
    pub fn decode(bytes: &[u8]) -> Result<Message, DecodeError> {
        let (&t, body) = bytes.split_first().ok_or(DecodeError::Truncated)?;
        let kind = Kind::from_byte(t).ok_or(DecodeError::Unsupported(t))?;
        let mut d = Decoder::new(body);
        Ok(match kind {
            Kind::Ping => {
                let mut f = Fields::decode(&mut d)?;
                Message::Ping(Ping {
                    seq_no: f.u32("SeqNo")?,
                    node: f.string("Node")?,
                    source: source_of(&mut f)?,
                })
            }
            Kind::IndirectPing => {
                let mut f = Fields::decode(&mut d)?;
                let seq_no = f.u32("SeqNo")?;
                let target = addr_of(&mut f, "Target", "Port")?.ok_or(DecodeError::Field {
                    field: "Target",
                    reason: "missing",
                })?;
                Message::IndirectPing(IndirectPing {
                    seq_no,
                    target,
                    node: f.string("Node")?,
                    nack: f.bool("Nack")?,
                    source: source_of(&mut f)?,
                })
            }
            Kind::Ack => {
                let mut f = Fields::decode(&mut d)?;
                Message::Ack(Ack {
                    seq_no: f.u32("SeqNo")?,
                    payload: f.bytes("Payload")?,
                })
            }
            Kind::Nack => Message::Nack(Nack {
                seq_no: Fields::decode(&mut d)?.u32("SeqNo")?,
            }),
            Kind::Suspect => {
                let mut f = Fields::decode(&mut d)?;
                Message::Suspect(Suspect {
                    incarnation: f.u32("Incarnation")?,
                    node: f.string("Node")?,
                    from: f.string("From")?,
                })
            }
            Kind::Alive => {
                let mut f = Fields::decode(&mut d)?;
                let incarnation = f.u32("Incarnation")?;
                let node = f.string("Node")?;
                let addr = addr_of(&mut f, "Addr", "Port")?.ok_or(DecodeError::Field {
                    field: "Addr",
                    reason: "missing",
                })?;
                Message::Alive(Alive {
                    incarnation,
                    node,
                    addr,
                    meta: f.bytes("Meta")?,
                    vsn: vsn_of(f.bytes("Vsn")?),
                })
            }
            Kind::Dead => {
                let mut f = Fields::decode(&mut d)?;
                Message::Dead(Dead {
                    incarnation: f.u32("Incarnation")?,
                    node: f.string("Node")?,
                    from: f.string("From")?,
                })
            }
            Kind::PushPull => {
                let mut h = Fields::decode(&mut d)?;
                let count = h.u64("Nodes")? as usize;
                let user_len = h.u64("UserStateLen")? as usize;
                let join = h.bool("Join")?;
                if count > body.len() {
                    return Err(DecodeError::Truncated);
                }
                let mut nodes = Vec::with_capacity(count);
                for _ in 0..count {
                    nodes.push(push_node(&mut Fields::decode(&mut d)?)?);
                }
                let rest = d.rest();
                let user_state = rest.get(..user_len).ok_or(DecodeError::Truncated)?.to_vec();
                Message::PushPull(PushPull {
                    join,
                    nodes,
                    user_state,
                })
            }
            Kind::User => Message::User(body.to_vec()),
            Kind::Err => Message::Err(Fields::decode(&mut d)?.string("Error")?),
            Kind::Compound | Kind::Compress | Kind::Encrypt | Kind::HasCrc => {
                return Err(DecodeError::Field {
                    field: "(type)",
                    reason: "a wrapper, not a message",
                });
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addr(s: &str) -> SocketAddr {
        s.parse().unwrap()
    }

    /// Every message round-trips through its wire form.
    #[test]
    fn round_trips() {
        let msgs = vec![
            Message::Ping(Ping {
                seq_no: 7,
                node: "a".into(),
                source: Some((addr("127.0.0.1:8301"), "b".into())),
            }),
            Message::Ping(Ping {
                seq_no: 8,
                node: "a".into(),
                source: None,
            }),
            Message::IndirectPing(IndirectPing {
                seq_no: 9,
                target: addr("10.0.0.2:7946"),
                node: "c".into(),
                nack: true,
                source: None,
            }),
            Message::Ack(Ack {
                seq_no: 9,
                payload: vec![1, 2, 3],
            }),
            Message::Nack(Nack { seq_no: 9 }),
            Message::Suspect(Suspect {
                incarnation: 3,
                node: "c".into(),
                from: "a".into(),
            }),
            Message::Alive(Alive {
                incarnation: 1,
                node: "n".into(),
                addr: addr("[::1]:8301"),
                meta: vec![255, 128],
                vsn: [1, 5, 2, 2, 5, 4],
            }),
            Message::Dead(Dead {
                incarnation: 4,
                node: "n".into(),
                from: "n".into(),
            }),
            Message::PushPull(PushPull {
                join: true,
                nodes: vec![PushNodeState {
                    name: "n".into(),
                    addr: addr("127.0.0.2:8301"),
                    meta: vec![],
                    incarnation: 2,
                    state: NodeState::Suspect,
                    vsn: [1, 5, 2, 2, 5, 4],
                }],
                user_state: vec![2, 0x80],
            }),
            Message::User(vec![1, 2]),
            Message::Err("bad".into()),
        ];
        for m in msgs {
            assert_eq!(Message::decode(&m.encode()).unwrap(), m);
        }
    }

    /// Garbage and truncations are refused, never a panic.
    #[test]
    fn refuses_garbage() {
        let full = Message::Alive(Alive {
            incarnation: 1,
            node: "node".into(),
            addr: addr("127.0.0.1:1"),
            meta: vec![1; 40],
            vsn: [1, 5, 2, 2, 5, 4],
        })
        .encode();
        for i in 0..full.len() - 1 {
            assert!(Message::decode(&full[..i]).is_err(), "prefix {i}");
        }
        for t in [7u8, 9, 10, 12, 14, 200, 255] {
            assert!(Message::decode(&[t, 0x80]).is_err());
        }
    }
}
