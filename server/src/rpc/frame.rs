//! Length-delimited frames: a 4-byte big-endian length, then that many bytes of payload.
//!
//! Every frame is bounded by [`MAX_FRAME`], checked before anything is allocated, so a peer (or
//! anything else that reaches port 8300) cannot make a server reserve more memory than one
//! snapshot chunk and its envelope.

use std::io;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

/// The largest payload accepted: a Raft snapshot chunk or a batch of log entries with room to
/// spare. Larger lengths are refused before reading.
pub const MAX_FRAME: usize = 32 * 1024 * 1024;

/// Writes one frame and flushes it.
pub async fn write<W: AsyncWrite + Unpin>(w: &mut W, payload: &[u8]) -> io::Result<()> {
    if payload.len() > MAX_FRAME {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "frame of {} bytes exceeds the {MAX_FRAME}-byte limit",
                payload.len()
            ),
        ));
    }
    let mut buf = Vec::with_capacity(4 + payload.len());
    buf.extend_from_slice(&(payload.len() as u32).to_be_bytes());
    buf.extend_from_slice(payload);
    w.write_all(&buf).await?;
    w.flush().await
}

/// Reads one frame; `Ok(None)` when the peer closed the connection cleanly between frames.
pub async fn read<R: AsyncRead + Unpin>(r: &mut R) -> io::Result<Option<Vec<u8>>> {
    let mut len = [0u8; 4];
    match r.read_exact(&mut len).await {
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    let len = u32::from_be_bytes(len) as usize;
    if len > MAX_FRAME {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("frame length {len} exceeds the {MAX_FRAME}-byte limit"),
        ));
    }
    let mut buf = vec![0u8; len];
    r.read_exact(&mut buf).await?;
    Ok(Some(buf))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn round_trip_and_limits() {
        let (mut a, mut b) = tokio::io::duplex(1 << 16);
        write(&mut a, b"hello").await.unwrap();
        write(&mut a, b"").await.unwrap();
        assert_eq!(read(&mut b).await.unwrap().as_deref(), Some(&b"hello"[..]));
        assert_eq!(read(&mut b).await.unwrap().as_deref(), Some(&b""[..]));
        // An oversized length is refused without allocating it.
        a.write_all(&u32::MAX.to_be_bytes()).await.unwrap();
        let e = read(&mut b).await.unwrap_err();
        assert!(e.to_string().contains("exceeds"), "{e}");
        // A truncated frame is an error, a clean close between frames is not.
        let (mut a, mut b) = tokio::io::duplex(64);
        a.write_all(&[0, 0, 0, 9, 1, 2]).await.unwrap();
        drop(a);
        assert!(read(&mut b).await.is_err());
        let (a, mut b) = tokio::io::duplex(64);
        drop(a);
        assert!(read(&mut b).await.unwrap().is_none());
    }
}
