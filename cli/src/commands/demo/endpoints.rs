//! The small HTTP endpoints the demo's service checks hit: `/web` and `/db` always answer 200;
//! `/api` answers 200 for 20 s, then 500 for 10 s, over and over, so the dashboard and DNS have
//! a flapping service to show.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// One flap cycle of `/api`: healthy for the first part, failing for the rest.
const CYCLE: Duration = Duration::from_secs(30);
const HEALTHY: Duration = Duration::from_secs(20);

/// The status and body for a path at `elapsed` since the endpoints started.
pub fn answer(path: &str, elapsed: Duration) -> (u16, &'static str) {
    match path {
        "/web" | "/db" => (200, "ok\n"),
        "/api" => {
            let into = Duration::from_nanos((elapsed.as_nanos() % CYCLE.as_nanos()) as u64);
            if into < HEALTHY {
                (200, "ok\n")
            } else {
                (500, "api is flapping (failing for 10s of every 30s)\n")
            }
        }
        _ => (404, "no such endpoint\n"),
    }
}

/// Binds a loopback port and serves the endpoints in the background; returns the address.
pub async fn serve() -> std::io::Result<SocketAddr> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let start = Instant::now();
    tokio::spawn(async move {
        loop {
            let Ok((mut conn, _)) = listener.accept().await else {
                continue;
            };
            tokio::spawn(async move {
                let mut buf = [0u8; 2048];
                let n =
                    match tokio::time::timeout(Duration::from_secs(5), conn.read(&mut buf)).await {
                        Ok(Ok(n)) => n,
                        _ => return,
                    };
                let head = String::from_utf8_lossy(&buf[..n]);
                let path = head.split_whitespace().nth(1).unwrap_or("/");
                let (status, body) = answer(path, start.elapsed());
                let reason = match status {
                    200 => "OK",
                    404 => "Not Found",
                    _ => "Internal Server Error",
                };
                let response = format!(
                    "HTTP/1.1 {status} {reason}\r\nContent-Type: text/plain\r\nContent-Length: \
                     {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = conn.write_all(response.as_bytes()).await;
            });
        }
    });
    Ok(addr)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_flaps_and_the_others_stay_up() {
        let s = Duration::from_secs;
        assert_eq!(answer("/api", s(5)).0, 200);
        assert_eq!(answer("/api", s(25)).0, 500);
        assert_eq!(answer("/api", s(35)).0, 200);
        assert_eq!(answer("/web", s(25)).0, 200);
        assert_eq!(answer("/nope", s(1)).0, 404);
    }
}
