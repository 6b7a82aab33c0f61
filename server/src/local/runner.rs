//! Runs one check until it is removed: probes on its interval (HTTP, TCP, UDP, gRPC health,
//! script) or watches its TTL, applies `success_before_passing` / `failures_before_critical`, and
//! records each result in the [`LocalState`]. Alias checks follow another service instead; their
//! loop lives in `alias`. The task holds only a weak reference, so removing the check (or the
//! agent) ends it.
//!
//! The UDP and gRPC probes follow Consul's: UDP sends a datagram on a connected socket and counts
//! a reply or silence until the timeout as passing (only an error, such as the ICMP "port
//! unreachable" a closed port answers with, is critical); gRPC calls
//! `grpc.health.v1.Health/Check` over HTTP/2 (prior knowledge in plaintext, ALPN `h2` with TLS)
//! with the protobuf messages encoded by hand, passing only on `SERVING`.

use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Weak;
use std::time::{Duration, Instant};

use axum::body::HttpBody;

use super::LocalState;
use super::definition::Probe;
use crate::catalog::Status;

pub async fn run(
    state: Weak<LocalState>,
    id: String,
    probe: Probe,
    interval: Duration,
    timeout: Duration,
) {
    match probe {
        Probe::Ttl(ttl) => return watch_ttl(state, id, ttl).await,
        Probe::Alias { node, service } => {
            return super::alias::run(state, id, node, service, interval).await;
        }
        _ => {}
    }
    let client = match &probe {
        Probe::Http {
            tls_skip_verify, ..
        } => {
            crate::install_crypto_provider();
            reqwest::Client::builder()
                .timeout(timeout)
                .danger_accept_invalid_certs(*tls_skip_verify)
                .build()
                .ok()
        }
        Probe::Grpc {
            tls_skip_verify, ..
        } => {
            crate::install_crypto_provider();
            // gRPC speaks HTTP/2 only: prior knowledge over plaintext, ALPN `h2` over TLS.
            reqwest::Client::builder()
                .timeout(timeout)
                .connect_timeout(timeout)
                .no_proxy()
                .http2_prior_knowledge()
                .danger_accept_invalid_certs(*tls_skip_verify)
                .build()
                .ok()
        }
        _ => None,
    };
    let (mut successes, mut failures) = (0u32, 0u32);
    // Spread checks registered together over their interval.
    tokio::time::sleep(interval.mul_f64(rand::random::<f64>() * 0.5)).await;
    loop {
        let (status, output) = probe_once(&probe, client.as_ref(), timeout).await;
        let Some(local) = state.upgrade() else { return };
        let (needed_ok, needed_fail) = match local.lock().checks.get(&id) {
            Some(c) => (c.def.success_before_passing, c.def.failures_before_critical),
            None => return,
        };
        match status {
            Status::Passing => {
                successes += 1;
                failures = 0;
            }
            Status::Critical => {
                failures += 1;
                successes = 0;
            }
            Status::Warning => {
                successes = 0;
                failures = 0;
            }
        }
        let hold = match status {
            Status::Passing => successes < needed_ok.max(1),
            Status::Critical => failures < needed_fail.max(1),
            Status::Warning => false,
        };
        if hold {
            // Not enough consecutive results yet: keep the status, show the latest output.
            let current = local.lock().checks.get(&id).map(|c| c.status);
            if let Some(current) = current {
                local.set_status(&id, current, output);
            }
        } else {
            local.set_status(&id, status, output);
        }
        drop(local);
        tokio::time::sleep(interval).await;
    }
}

async fn watch_ttl(state: Weak<LocalState>, id: String, ttl: Duration) {
    loop {
        let deadline = {
            let Some(local) = state.upgrade() else { return };
            match local.lock().checks.get(&id).and_then(|c| c.ttl_deadline) {
                Some(d) => d,
                None => return,
            }
        };
        if Instant::now() < deadline {
            tokio::time::sleep_until(deadline.into()).await;
            continue;
        }
        let Some(local) = state.upgrade() else { return };
        let expired = local.lock().checks.get(&id).is_some_and(|c| {
            c.ttl_deadline.is_some_and(|d| d <= Instant::now()) && c.status != Status::Critical
        });
        if expired {
            local.set_status(&id, Status::Critical, "TTL expired".into());
        }
        drop(local);
        // Wait for an update to move the deadline.
        tokio::time::sleep(ttl.min(Duration::from_millis(500))).await;
    }
}

async fn probe_once(
    probe: &Probe,
    client: Option<&reqwest::Client>,
    timeout: Duration,
) -> (Status, String) {
    match probe {
        // Both are handled by their own loops in `run`.
        Probe::Ttl(_) | Probe::Alias { .. } => (Status::Passing, String::new()),
        Probe::Http {
            url,
            method,
            header,
            body,
            ..
        } => {
            let Some(client) = client else {
                return (Status::Critical, "cannot build an HTTP client".into());
            };
            let Ok(m) = reqwest::Method::from_bytes(method.as_bytes()) else {
                return (Status::Critical, format!("invalid HTTP method {method:?}"));
            };
            let mut req = client.request(m, url);
            for (k, values) in header {
                for v in values {
                    req = req.header(k, v);
                }
            }
            if !body.is_empty() {
                req = req.body(body.clone());
            }
            match req.send().await {
                Ok(resp) => {
                    let code = resp.status();
                    let status = if code.is_success() {
                        Status::Passing
                    } else if code.as_u16() == 429 {
                        Status::Warning
                    } else {
                        Status::Critical
                    };
                    let text = resp.text().await.unwrap_or_default();
                    (
                        status,
                        format!("HTTP {method} {url}: {code} Output: {text}"),
                    )
                }
                Err(e) => (Status::Critical, format!("{method} {url:?}: {e}")),
            }
        }
        Probe::Tcp(addr) => {
            match tokio::time::timeout(timeout, tokio::net::TcpStream::connect(addr.as_str())).await
            {
                Ok(Ok(_)) => (Status::Passing, format!("TCP connect {addr}: Success")),
                Ok(Err(e)) => (Status::Critical, format!("dial tcp {addr}: {e}")),
                Err(_) => (Status::Critical, format!("dial tcp {addr}: i/o timeout")),
            }
        }
        Probe::Udp(addr) => probe_udp(addr, timeout).await,
        Probe::Grpc { target, tls, .. } => {
            let Some(client) = client else {
                return (Status::Critical, "cannot build an HTTP/2 client".into());
            };
            match tokio::time::timeout(timeout, probe_grpc(client, target, *tls)).await {
                Ok(result) => result,
                Err(_) => (
                    Status::Critical,
                    format!("gRPC check {target}: failed: timed out after {timeout:?}"),
                ),
            }
        }
        Probe::Script(args) => {
            let mut cmd = tokio::process::Command::new(&args[0]);
            cmd.args(&args[1..])
                .stdin(std::process::Stdio::null())
                .kill_on_drop(true);
            match tokio::time::timeout(timeout, cmd.output()).await {
                Ok(Ok(out)) => {
                    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
                    text.push_str(&String::from_utf8_lossy(&out.stderr));
                    let status = match out.status.code() {
                        Some(0) => Status::Passing,
                        Some(1) => Status::Warning,
                        _ => Status::Critical,
                    };
                    (status, text)
                }
                Ok(Err(e)) => (Status::Critical, format!("running {:?}: {e}", args[0])),
                Err(_) => (
                    Status::Critical,
                    format!("Timed out ({timeout:?}) running check"),
                ),
            }
        }
    }
}

/// What the UDP probe sends; any short payload will do, as only the reply (or error) matters.
const UDP_PAYLOAD: &[u8] = b"ctl health check";

/// One UDP probe: resolve, send on a connected socket, and wait up to `timeout` for a reply.
async fn probe_udp(addr: &str, timeout: Duration) -> (Status, String) {
    let critical = |what: &str, e: &dyn std::fmt::Display| {
        (Status::Critical, format!("{what} udp {addr}: {e}"))
    };
    let target = match tokio::time::timeout(timeout, tokio::net::lookup_host(addr)).await {
        Ok(Ok(mut found)) => match found.next() {
            Some(a) => a,
            None => return critical("dial", &"no addresses found"),
        },
        Ok(Err(e)) => return critical("dial", &e),
        Err(_) => return critical("dial", &"i/o timeout"),
    };
    let any: SocketAddr = if target.is_ipv4() {
        (Ipv4Addr::UNSPECIFIED, 0).into()
    } else {
        (Ipv6Addr::UNSPECIFIED, 0).into()
    };
    let socket = match tokio::net::UdpSocket::bind(any).await {
        Ok(s) => s,
        Err(e) => return critical("dial", &e),
    };
    // Connected, so the kernel reports an ICMP "port unreachable" as an error on the next read.
    if let Err(e) = socket.connect(target).await {
        return critical("dial", &e);
    }
    if let Err(e) = socket.send(UDP_PAYLOAD).await {
        return critical("write", &e);
    }
    let mut buf = [0u8; 512];
    match tokio::time::timeout(timeout, socket.recv(&mut buf)).await {
        // UDP is connectionless: silence is no evidence of failure (Consul passes an i/o timeout).
        Ok(Ok(_)) | Err(_) => (Status::Passing, format!("UDP connect {addr}: Success")),
        Ok(Err(e)) => critical("read", &e),
    }
}

/// Largest gRPC response body read (a health response is a few bytes).
const GRPC_MAX_BODY: usize = 64 * 1024;

/// `grpc.health.v1.HealthCheckResponse.ServingStatus` names.
fn serving_status(n: u64) -> String {
    match n {
        0 => "UNKNOWN".into(),
        1 => "SERVING".into(),
        2 => "NOT_SERVING".into(),
        3 => "SERVICE_UNKNOWN".into(),
        other => other.to_string(),
    }
}

/// gRPC status code names, as gRPC prints them.
fn grpc_code(code: &str) -> String {
    let name = match code {
        "1" => "Canceled",
        "2" => "Unknown",
        "3" => "InvalidArgument",
        "4" => "DeadlineExceeded",
        "5" => "NotFound",
        "6" => "AlreadyExists",
        "7" => "PermissionDenied",
        "8" => "ResourceExhausted",
        "9" => "FailedPrecondition",
        "10" => "Aborted",
        "11" => "OutOfRange",
        "12" => "Unimplemented",
        "13" => "Internal",
        "14" => "Unavailable",
        "15" => "DataLoss",
        "16" => "Unauthenticated",
        other => return format!("Code({other})"),
    };
    name.into()
}

/// Decodes `%XX` escapes (gRPC percent-encodes `grpc-message`); anything malformed stays as is.
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = b
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b[i], hex) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The error a non-zero `grpc-status` in these headers or trailers reports.
fn grpc_error(headers: &reqwest::header::HeaderMap) -> Option<String> {
    let code = headers.get("grpc-status")?.to_str().unwrap_or("2").trim();
    if code == "0" {
        return None;
    }
    let desc = headers
        .get("grpc-message")
        .and_then(|m| m.to_str().ok())
        .map(percent_decode)
        .unwrap_or_default();
    Some(format!(
        "rpc error: code = {} desc = {desc}",
        grpc_code(code)
    ))
}

/// Appends `v` as a protobuf varint.
fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8 & 0x7f) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads a protobuf varint at `*pos`, advancing it.
fn varint(b: &[u8], pos: &mut usize) -> Result<u64, String> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let byte = *b.get(*pos).ok_or("truncated varint")?;
        *pos += 1;
        v |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Ok(v);
        }
    }
    Err("varint longer than 10 bytes".into())
}

/// A gRPC request frame holding `HealthCheckRequest { string service = 1; }`.
fn health_request(service: &str) -> Vec<u8> {
    let mut msg = Vec::with_capacity(service.len() + 2);
    if !service.is_empty() {
        msg.push(0x0a); // field 1, length-delimited
        put_varint(&mut msg, service.len() as u64);
        msg.extend_from_slice(service.as_bytes());
    }
    let mut frame = Vec::with_capacity(msg.len() + 5);
    frame.push(0); // not compressed
    frame.extend_from_slice(&(msg.len() as u32).to_be_bytes());
    frame.extend_from_slice(&msg);
    frame
}

/// The `status` of the `HealthCheckResponse` in the first gRPC frame of `body`, skipping unknown
/// fields; proto3 leaves a zero status (UNKNOWN) out.
fn health_response(body: &[u8]) -> Result<u64, String> {
    let Some((&compressed, rest)) = body.split_first() else {
        return Err("no response message".into());
    };
    let (len, rest) = rest
        .split_first_chunk::<4>()
        .ok_or("truncated gRPC frame header")?;
    if compressed != 0 {
        return Err("compressed response (no compression was offered)".into());
    }
    let len = u32::from_be_bytes(*len) as usize;
    let msg = rest.get(..len).ok_or("truncated gRPC message")?;
    let (mut pos, mut status) = (0, 0);
    while pos < msg.len() {
        let key = varint(msg, &mut pos)?;
        match (key >> 3, key & 7) {
            (1, 0) => status = varint(msg, &mut pos)?,
            (_, 0) => {
                varint(msg, &mut pos)?;
            }
            (_, 1) => pos += 8,
            (_, 2) => {
                let n = usize::try_from(varint(msg, &mut pos)?).map_err(|e| e.to_string())?;
                pos = pos.saturating_add(n);
            }
            (_, 5) => pos += 4,
            (_, wire) => return Err(format!("unsupported protobuf wire type {wire}")),
        }
    }
    if pos > msg.len() {
        return Err("truncated protobuf field".into());
    }
    Ok(status)
}

/// `host:port` for a URL authority, or why it is not one.
fn grpc_authority(server: &str) -> Result<&str, String> {
    let bad = || format!("invalid address {server:?}: want host:port");
    let (host, port) = server.rsplit_once(':').ok_or_else(bad)?;
    let host_ok = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b".-_[]:%".contains(&b));
    if !host_ok || port.parse::<u16>().is_err() {
        return Err(bad());
    }
    Ok(server)
}

/// Joins an error with its sources (reqwest's own message omits the cause, e.g. "connection
/// refused").
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let next = s.to_string();
        if !text.contains(&next) {
            text.push_str(": ");
            text.push_str(&next);
        }
        source = s.source();
    }
    text
}

/// One gRPC health probe of `target` (`host:port[/service]`).
async fn probe_grpc(client: &reqwest::Client, target: &str, tls: bool) -> (Status, String) {
    let failed = |why: String| {
        (
            Status::Critical,
            format!("gRPC check {target}: failed: {why}"),
        )
    };
    let (server, service) = target.split_once('/').unwrap_or((target, ""));
    let authority = match grpc_authority(server) {
        Ok(a) => a,
        Err(e) => return failed(e),
    };
    let scheme = if tls { "https" } else { "http" };
    let url = format!("{scheme}://{authority}/grpc.health.v1.Health/Check");
    let sent = client
        .post(&url)
        .header("content-type", "application/grpc")
        .header("te", "trailers")
        .body(health_request(service))
        .send()
        .await;
    let resp = match sent {
        Ok(r) => r,
        Err(e) => return failed(error_chain(&e)),
    };
    if !resp.status().is_success() {
        return failed(format!("HTTP status {}", resp.status()));
    }
    // A trailers-only response (an error before any message) carries its status in the headers.
    if let Some(e) = grpc_error(resp.headers()) {
        return failed(e);
    }
    let status_in_headers = resp.headers().contains_key("grpc-status");
    let content_type = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if !content_type.starts_with("application/grpc") {
        return failed(format!("unexpected content-type {content_type:?}"));
    }
    let mut body = std::pin::pin!(reqwest::Body::from(resp));
    let mut data = Vec::new();
    let mut trailers = None;
    while let Some(frame) = std::future::poll_fn(|cx| body.as_mut().poll_frame(cx)).await {
        let frame = match frame {
            Ok(f) => f,
            Err(e) => return failed(error_chain(&e)),
        };
        match frame.into_data() {
            Ok(chunk) => {
                if data.len() + chunk.len() > GRPC_MAX_BODY {
                    return failed(format!("response larger than {GRPC_MAX_BODY} bytes"));
                }
                data.extend_from_slice(&chunk);
            }
            Err(frame) => {
                if let Ok(t) = frame.into_trailers() {
                    trailers = Some(t);
                }
            }
        }
    }
    match trailers.as_ref().map(grpc_error) {
        Some(Some(e)) => return failed(e),
        Some(None) => {}
        None if !status_in_headers => {
            return failed("response ended without a grpc-status".into());
        }
        None => {}
    }
    match health_response(&data) {
        Ok(1) => (Status::Passing, format!("gRPC check {target}: success")),
        Ok(other) => failed(format!("serving status {}", serving_status(other))),
        Err(e) => failed(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The request frame is the 5-byte gRPC prefix and the protobuf-encoded service name.
    #[test]
    fn health_request_encodes_the_service() {
        assert_eq!(health_request(""), [0, 0, 0, 0, 0]);
        assert_eq!(
            health_request("web"),
            [0, 0, 0, 0, 5, 0x0a, 3, b'w', b'e', b'b']
        );
        let long = "s".repeat(200);
        let frame = health_request(&long);
        assert_eq!(&frame[..8], &[0, 0, 0, 0, 203, 0x0a, 0xc8, 0x01]);
    }

    /// Responses decode to their status; unknown fields are skipped; bad bytes are errors.
    #[test]
    fn health_response_decodes_and_rejects_garbage() {
        assert_eq!(health_response(&[0, 0, 0, 0, 2, 0x08, 1]), Ok(1));
        assert_eq!(health_response(&[0, 0, 0, 0, 0]), Ok(0));
        // An unknown string field 2 before the status.
        assert_eq!(
            health_response(&[0, 0, 0, 0, 5, 0x12, 1, b'x', 0x08, 2]),
            Ok(2)
        );
        for bad in [
            &[][..],
            &[0, 0, 0],
            &[0, 0, 0, 0, 9, 0x08, 1],
            &[1, 0, 0, 0, 2, 0x08, 1],
            &[0, 0, 0, 0, 1, 0x08],
            &[0, 0, 0, 0, 3, 0x12, 9, b'x'],
            &[0, 0, 0, 0, 1, 0x0b],
            &[
                0, 0, 0, 0, 11, 0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
            ],
        ] {
            assert!(health_response(bad).is_err(), "{bad:?}");
        }
    }

    /// Only `host:port` is accepted as a gRPC server address.
    #[test]
    fn grpc_addresses_are_validated() {
        for ok in ["127.0.0.1:5000", "localhost:1", "[::1]:50051"] {
            assert!(grpc_authority(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "host",
            ":5000",
            "host:port",
            "host:70000",
            "a@b:1",
            "a b:1",
            "h?x:1",
        ] {
            assert!(grpc_authority(bad).is_err(), "{bad}");
        }
    }

    /// gRPC statuses in headers or trailers become readable errors.
    #[test]
    fn grpc_status_is_reported() {
        let mut h = reqwest::header::HeaderMap::new();
        assert_eq!(grpc_error(&h), None);
        h.insert("grpc-status", "0".parse().expect("value"));
        assert_eq!(grpc_error(&h), None);
        h.insert("grpc-status", "12".parse().expect("value"));
        h.insert("grpc-message", "unknown%20service".parse().expect("value"));
        assert_eq!(
            grpc_error(&h).as_deref(),
            Some("rpc error: code = Unimplemented desc = unknown service")
        );
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%41"), "%zzA");
    }

    /// A malformed UDP address is a critical result, not a panic.
    #[tokio::test]
    async fn udp_bad_address_is_critical() {
        for bad in ["", "nohost", "127.0.0.1:notaport", "127.0.0.1:99999"] {
            let (status, output) = probe_udp(bad, Duration::from_secs(1)).await;
            assert_eq!(status, Status::Critical, "{bad}: {output}");
            assert!(output.starts_with("dial udp"), "{output}");
        }
    }
}
