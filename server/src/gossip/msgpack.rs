//! A small msgpack codec for gossip messages.
//!
//! HashiCorp's memberlist and serf encode with Go's msgpack handle in its old-spec mode: strings and
//! byte slices are both written as "raw" (fixstr/str16/str32, never str8 or bin), structs as maps
//! keyed by field name. We write exactly that, so every Go version decodes us, and read every form
//! (old and new spec), since peers differ. Decoding is total and bounded: nesting depth, element
//! counts and lengths are checked against the input, so a hostile packet cannot panic, loop or
//! allocate beyond its own size.

use std::collections::BTreeMap;

/// A decoded msgpack value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Nil,
    Bool(bool),
    Int(i64),
    Uint(u64),
    Float(f64),
    /// A string or byte slice (msgpack str, raw or bin): Go writes both the same way.
    Bytes(Vec<u8>),
    Array(Vec<Value>),
    Map(Vec<(Value, Value)>),
}

/// Why bytes could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("truncated message")]
    Truncated,
    #[error("nested deeper than {MAX_DEPTH} levels")]
    TooDeep,
    #[error("unsupported msgpack type byte 0x{0:02x}")]
    Unsupported(u8),
    #[error("field {field}: {reason}")]
    Field {
        field: &'static str,
        reason: &'static str,
    },
}

const MAX_DEPTH: usize = 16;

/// Encodes values in Go's old-spec form.
#[derive(Default)]
pub struct Encoder {
    pub buf: Vec<u8>,
}

impl Encoder {
    pub fn new() -> Self {
        Encoder {
            buf: Vec::with_capacity(128),
        }
    }

    pub fn map_len(&mut self, n: usize) {
        if n < 16 {
            self.buf.push(0x80 | n as u8);
        } else if n <= u16::MAX as usize {
            self.buf.push(0xde);
            self.buf.extend_from_slice(&(n as u16).to_be_bytes());
        } else {
            self.buf.push(0xdf);
            self.buf.extend_from_slice(&(n as u32).to_be_bytes());
        }
    }

    pub fn array_len(&mut self, n: usize) {
        if n < 16 {
            self.buf.push(0x90 | n as u8);
        } else if n <= u16::MAX as usize {
            self.buf.push(0xdc);
            self.buf.extend_from_slice(&(n as u16).to_be_bytes());
        } else {
            self.buf.push(0xdd);
            self.buf.extend_from_slice(&(n as u32).to_be_bytes());
        }
    }

    /// A string or byte slice as old-spec raw.
    pub fn raw(&mut self, b: &[u8]) {
        let n = b.len();
        if n < 32 {
            self.buf.push(0xa0 | n as u8);
        } else if n <= u16::MAX as usize {
            self.buf.push(0xda);
            self.buf.extend_from_slice(&(n as u16).to_be_bytes());
        } else {
            self.buf.push(0xdb);
            self.buf.extend_from_slice(&(n as u32).to_be_bytes());
        }
        self.buf.extend_from_slice(b);
    }

    pub fn str(&mut self, s: &str) {
        self.raw(s.as_bytes());
    }

    pub fn uint(&mut self, v: u64) {
        if v < 128 {
            self.buf.push(v as u8);
        } else if v <= u8::MAX as u64 {
            self.buf.extend_from_slice(&[0xcc, v as u8]);
        } else if v <= u16::MAX as u64 {
            self.buf.push(0xcd);
            self.buf.extend_from_slice(&(v as u16).to_be_bytes());
        } else if v <= u32::MAX as u64 {
            self.buf.push(0xce);
            self.buf.extend_from_slice(&(v as u32).to_be_bytes());
        } else {
            self.buf.push(0xcf);
            self.buf.extend_from_slice(&v.to_be_bytes());
        }
    }

    pub fn int(&mut self, v: i64) {
        if v >= 0 {
            self.uint(v as u64);
        } else if v >= -32 {
            self.buf.push(v as i8 as u8);
        } else if v >= i8::MIN as i64 {
            self.buf.extend_from_slice(&[0xd0, v as i8 as u8]);
        } else if v >= i16::MIN as i64 {
            self.buf.push(0xd1);
            self.buf.extend_from_slice(&(v as i16).to_be_bytes());
        } else if v >= i32::MIN as i64 {
            self.buf.push(0xd2);
            self.buf.extend_from_slice(&(v as i32).to_be_bytes());
        } else {
            self.buf.push(0xd3);
            self.buf.extend_from_slice(&v.to_be_bytes());
        }
    }

    pub fn bool(&mut self, v: bool) {
        self.buf.push(if v { 0xc3 } else { 0xc2 });
    }

    pub fn nil(&mut self) {
        self.buf.push(0xc0);
    }

    /// A whole value.
    pub fn value(&mut self, v: &Value) {
        match v {
            Value::Nil => self.nil(),
            Value::Bool(b) => self.bool(*b),
            Value::Int(i) => self.int(*i),
            Value::Uint(u) => self.uint(*u),
            Value::Float(f) => {
                self.buf.push(0xcb);
                self.buf.extend_from_slice(&f.to_be_bytes());
            }
            Value::Bytes(b) => self.raw(b),
            Value::Array(a) => {
                self.array_len(a.len());
                for x in a {
                    self.value(x);
                }
            }
            Value::Map(m) => {
                self.map_len(m.len());
                for (k, x) in m {
                    self.value(k);
                    self.value(x);
                }
            }
        }
    }
}

/// Reads values from a byte slice, advancing past each.
pub struct Decoder<'a> {
    input: &'a [u8],
    pos: usize,
}

impl<'a> Decoder<'a> {
    pub fn new(input: &'a [u8]) -> Self {
        Decoder { input, pos: 0 }
    }

    /// Bytes not yet consumed.
    pub fn rest(&self) -> &'a [u8] {
        &self.input[self.pos..]
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], DecodeError> {
        let end = self.pos.checked_add(n).ok_or(DecodeError::Truncated)?;
        let s = self
            .input
            .get(self.pos..end)
            .ok_or(DecodeError::Truncated)?;
        self.pos = end;
        Ok(s)
    }

    fn be(&mut self, n: usize) -> Result<u64, DecodeError> {
        Ok(self
            .take(n)?
            .iter()
            .fold(0u64, |acc, b| (acc << 8) | u64::from(*b)))
    }

    /// Decodes the next value.
    pub fn value(&mut self) -> Result<Value, DecodeError> {
        self.value_at(0)
    }

    fn value_at(&mut self, depth: usize) -> Result<Value, DecodeError> {
        if depth > MAX_DEPTH {
            return Err(DecodeError::TooDeep);
        }
        let b = self.take(1)?[0];
        Ok(match b {
            0x00..=0x7f => Value::Uint(u64::from(b)),
            0x80..=0x8f => self.map(usize::from(b & 0x0f), depth)?,
            0x90..=0x9f => self.array(usize::from(b & 0x0f), depth)?,
            0xa0..=0xbf => Value::Bytes(self.take(usize::from(b & 0x1f))?.to_vec()),
            0xc0 => Value::Nil,
            0xc2 => Value::Bool(false),
            0xc3 => Value::Bool(true),
            0xc4 | 0xd9 => {
                let n = self.be(1)? as usize;
                Value::Bytes(self.take(n)?.to_vec())
            }
            0xc5 | 0xda => {
                let n = self.be(2)? as usize;
                Value::Bytes(self.take(n)?.to_vec())
            }
            0xc6 | 0xdb => {
                let n = self.be(4)? as usize;
                Value::Bytes(self.take(n)?.to_vec())
            }
            0xca => Value::Float(f64::from(f32::from_bits(self.be(4)? as u32))),
            0xcb => Value::Float(f64::from_bits(self.be(8)?)),
            0xcc => Value::Uint(self.be(1)?),
            0xcd => Value::Uint(self.be(2)?),
            0xce => Value::Uint(self.be(4)?),
            0xcf => Value::Uint(self.be(8)?),
            0xd0 => Value::Int(i64::from(self.be(1)? as u8 as i8)),
            0xd1 => Value::Int(i64::from(self.be(2)? as u16 as i16)),
            0xd2 => Value::Int(i64::from(self.be(4)? as u32 as i32)),
            0xd3 => Value::Int(self.be(8)? as i64),
            0xdc => {
                let n = self.be(2)? as usize;
                self.array(n, depth)?
            }
            0xdd => {
                let n = self.be(4)? as usize;
                self.array(n, depth)?
            }
            0xde => {
                let n = self.be(2)? as usize;
                self.map(n, depth)?
            }
            0xdf => {
                let n = self.be(4)? as usize;
                self.map(n, depth)?
            }
            0xe0..=0xff => Value::Int(i64::from(b as i8)),
            other => return Err(DecodeError::Unsupported(other)),
        })
    }

    fn array(&mut self, n: usize, depth: usize) -> Result<Value, DecodeError> {
        // Every element takes at least one byte: a count beyond the input is a lie.
        if n > self.input.len() - self.pos {
            return Err(DecodeError::Truncated);
        }
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            v.push(self.value_at(depth + 1)?);
        }
        Ok(Value::Array(v))
    }

    fn map(&mut self, n: usize, depth: usize) -> Result<Value, DecodeError> {
        if n.saturating_mul(2) > self.input.len() - self.pos {
            return Err(DecodeError::Truncated);
        }
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            let k = self.value_at(depth + 1)?;
            let x = self.value_at(depth + 1)?;
            v.push((k, x));
        }
        Ok(Value::Map(v))
    }
}

/// A decoded struct: its fields by name, for typed access with clear errors.
pub struct Fields(BTreeMap<String, Value>);

impl Fields {
    /// Reads a map whose keys are strings (Go structs); other keys are ignored.
    pub fn from(v: Value) -> Result<Fields, DecodeError> {
        match v {
            Value::Map(pairs) => Ok(Fields(
                pairs
                    .into_iter()
                    .filter_map(|(k, x)| match k {
                        Value::Bytes(b) => String::from_utf8(b).ok().map(|s| (s, x)),
                        _ => None,
                    })
                    .collect(),
            )),
            _ => Err(DecodeError::Field {
                field: "(message)",
                reason: "expected a map",
            }),
        }
    }

    pub fn decode(d: &mut Decoder<'_>) -> Result<Fields, DecodeError> {
        Fields::from(d.value()?)
    }

    pub fn take(&mut self, field: &'static str) -> Option<Value> {
        self.0.remove(field)
    }

    pub fn u64(&mut self, field: &'static str) -> Result<u64, DecodeError> {
        match self.take(field) {
            None | Some(Value::Nil) => Ok(0),
            Some(Value::Uint(u)) => Ok(u),
            Some(Value::Int(i)) if i >= 0 => Ok(i as u64),
            _ => Err(DecodeError::Field {
                field,
                reason: "expected an unsigned integer",
            }),
        }
    }

    pub fn i64(&mut self, field: &'static str) -> Result<i64, DecodeError> {
        match self.take(field) {
            None | Some(Value::Nil) => Ok(0),
            Some(Value::Uint(u)) => i64::try_from(u).map_err(|_| DecodeError::Field {
                field,
                reason: "out of range",
            }),
            Some(Value::Int(i)) => Ok(i),
            _ => Err(DecodeError::Field {
                field,
                reason: "expected an integer",
            }),
        }
    }

    pub fn u32(&mut self, field: &'static str) -> Result<u32, DecodeError> {
        u32::try_from(self.u64(field)?).map_err(|_| DecodeError::Field {
            field,
            reason: "out of range",
        })
    }

    pub fn u16(&mut self, field: &'static str) -> Result<u16, DecodeError> {
        u16::try_from(self.u64(field)?).map_err(|_| DecodeError::Field {
            field,
            reason: "out of range",
        })
    }

    pub fn u8(&mut self, field: &'static str) -> Result<u8, DecodeError> {
        u8::try_from(self.u64(field)?).map_err(|_| DecodeError::Field {
            field,
            reason: "out of range",
        })
    }

    pub fn bool(&mut self, field: &'static str) -> Result<bool, DecodeError> {
        match self.take(field) {
            None | Some(Value::Nil) => Ok(false),
            Some(Value::Bool(b)) => Ok(b),
            _ => Err(DecodeError::Field {
                field,
                reason: "expected a boolean",
            }),
        }
    }

    pub fn bytes(&mut self, field: &'static str) -> Result<Vec<u8>, DecodeError> {
        match self.take(field) {
            None | Some(Value::Nil) => Ok(Vec::new()),
            Some(Value::Bytes(b)) => Ok(b),
            // Some encoders write a []uint8 as an array of small integers.
            Some(Value::Array(a)) => a
                .into_iter()
                .map(|x| match x {
                    Value::Uint(u) if u <= 255 => Ok(u as u8),
                    _ => Err(DecodeError::Field {
                        field,
                        reason: "expected bytes",
                    }),
                })
                .collect(),
            _ => Err(DecodeError::Field {
                field,
                reason: "expected bytes",
            }),
        }
    }

    pub fn string(&mut self, field: &'static str) -> Result<String, DecodeError> {
        String::from_utf8(self.bytes(field)?).map_err(|_| DecodeError::Field {
            field,
            reason: "not UTF-8",
        })
    }

    pub fn array(&mut self, field: &'static str) -> Result<Vec<Value>, DecodeError> {
        match self.take(field) {
            None | Some(Value::Nil) => Ok(Vec::new()),
            Some(Value::Array(a)) => Ok(a),
            _ => Err(DecodeError::Field {
                field,
                reason: "expected an array",
            }),
        }
    }

    pub fn map(&mut self, field: &'static str) -> Result<Vec<(Value, Value)>, DecodeError> {
        match self.take(field) {
            None | Some(Value::Nil) => Ok(Vec::new()),
            Some(Value::Map(m)) => Ok(m),
            _ => Err(DecodeError::Field {
                field,
                reason: "expected a map",
            }),
        }
    }
}

/// Builds a Go-style struct: a map of named fields, written in one pass.
pub struct StructWriter<'e> {
    enc: &'e mut Encoder,
}

impl<'e> StructWriter<'e> {
    pub fn new(enc: &'e mut Encoder, fields: usize) -> Self {
        enc.map_len(fields);
        StructWriter { enc }
    }

    pub fn uint(&mut self, name: &str, v: u64) -> &mut Self {
        self.enc.str(name);
        self.enc.uint(v);
        self
    }

    pub fn int(&mut self, name: &str, v: i64) -> &mut Self {
        self.enc.str(name);
        self.enc.int(v);
        self
    }

    pub fn bool(&mut self, name: &str, v: bool) -> &mut Self {
        self.enc.str(name);
        self.enc.bool(v);
        self
    }

    pub fn raw(&mut self, name: &str, v: &[u8]) -> &mut Self {
        self.enc.str(name);
        self.enc.raw(v);
        self
    }

    pub fn str(&mut self, name: &str, v: &str) -> &mut Self {
        self.raw(name, v.as_bytes())
    }

    pub fn value(&mut self, name: &str, v: &Value) -> &mut Self {
        self.enc.str(name);
        self.enc.value(v);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Values round-trip, and strings use old-spec raw headers (no str8).
    #[test]
    fn round_trip_old_spec() {
        let v = Value::Map(vec![
            (Value::Bytes(b"Name".to_vec()), Value::Bytes(vec![b'x'; 40])),
            (Value::Bytes(b"N".to_vec()), Value::Int(-70_000)),
            (Value::Bytes(b"U".to_vec()), Value::Uint(u64::MAX)),
            (
                Value::Bytes(b"A".to_vec()),
                Value::Array(vec![Value::Bool(true), Value::Nil, Value::Float(1.5)]),
            ),
        ]);
        let mut e = Encoder::new();
        e.value(&v);
        assert!(!e.buf.contains(&0xd9), "no str8 header");
        assert_eq!(Decoder::new(&e.buf).value().unwrap(), v);
    }

    /// New-spec forms (str8, bin) decode too.
    #[test]
    fn reads_new_spec() {
        let bytes = [
            0x82, 0xa1, b'a', 0xd9, 2, b'h', b'i', 0xa1, b'b', 0xc4, 1, 7,
        ];
        let mut f = Fields::decode(&mut Decoder::new(&bytes)).unwrap();
        assert_eq!(f.string("a").unwrap(), "hi");
        assert_eq!(f.bytes("b").unwrap(), vec![7]);
    }

    /// Truncated, lying and deeply nested inputs are refused without panicking.
    #[test]
    fn hostile_inputs() {
        assert_eq!(
            Decoder::new(&[0xdd, 0xff, 0xff, 0xff, 0xff]).value(),
            Err(DecodeError::Truncated)
        );
        assert_eq!(
            Decoder::new(&[0xdb, 0, 0, 1, 0, 1]).value(),
            Err(DecodeError::Truncated)
        );
        assert_eq!(
            Decoder::new(&[0xc1]).value(),
            Err(DecodeError::Unsupported(0xc1))
        );
        let deep = vec![0x91; 100];
        assert_eq!(Decoder::new(&deep).value(), Err(DecodeError::TooDeep));
        // Every prefix of a valid message fails cleanly.
        let mut e = Encoder::new();
        e.value(&Value::Map(vec![(
            Value::Bytes(b"k".to_vec()),
            Value::Array(vec![Value::Uint(300); 5]),
        )]));
        for i in 0..e.buf.len() {
            assert!(Decoder::new(&e.buf[..i]).value().is_err());
        }
    }
}
