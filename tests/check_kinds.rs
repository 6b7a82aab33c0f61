//! UDP, gRPC health and alias checks against real agents: a UDP check passes on an echo (and on
//! silence) and fails on a closed port; a gRPC check follows an in-test `grpc.health.v1` server
//! through SERVING, NOT_SERVING, an unknown service and the server stopping; an alias check
//! follows the aliased service's TTL check on this agent and a service on another catalog node.

mod common;

use std::net::{SocketAddr, UdpSocket};
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

use bytes::Bytes;
use common::{Agent, http, wait_for};
use serde_json::{Value, json};

/// How long a check may take to reach an expected state.
const DEADLINE: Duration = Duration::from_secs(15);

fn put(addr: &str, path: &str, body: Option<Value>) -> (u16, String) {
    let mut req = http().put(format!("{addr}{path}"));
    if let Some(b) = body {
        req = req.json(&b);
    }
    let r = req.send().expect("put");
    (r.status().as_u16(), r.text().unwrap_or_default())
}

fn put_ok(addr: &str, path: &str, body: Value) {
    let (code, text) = put(addr, path, Some(body));
    assert_eq!(code, 200, "PUT {path}: {text}");
}

fn checks(addr: &str) -> Value {
    http()
        .get(format!("{addr}/v1/agent/checks"))
        .send()
        .expect("get checks")
        .json()
        .expect("checks json")
}

/// Polls `/v1/agent/checks` until check `id` has `status` and an output containing `output`;
/// returns the check, or panics with the last one seen.
fn wait_check(addr: &str, id: &str, status: &str, output: &str) -> Value {
    let mut last = Value::Null;
    wait_for(DEADLINE, || {
        last = checks(addr)[id].clone();
        let out = last["Output"].as_str().unwrap_or_default();
        (last["Status"] == status && out.contains(output)).then(|| last.clone())
    })
    .unwrap_or_else(|| panic!("check {id}: wanted {status} with {output:?}; last seen {last}"))
}

/// A UDP responder on 127.0.0.1 that counts datagrams and echoes them when `echo` is set; stops
/// when dropped.
struct UdpTarget {
    addr: SocketAddr,
    received: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    thread: Option<thread::JoinHandle<()>>,
}

impl UdpTarget {
    fn start(echo: bool) -> UdpTarget {
        let socket = UdpSocket::bind("127.0.0.1:0").expect("bind udp");
        socket
            .set_read_timeout(Some(Duration::from_millis(50)))
            .expect("read timeout");
        let addr = socket.local_addr().expect("udp addr");
        let received = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let (r, s) = (received.clone(), stop.clone());
        let thread = thread::spawn(move || {
            let mut buf = [0u8; 1500];
            while !s.load(Ordering::Relaxed) {
                if let Ok((n, from)) = socket.recv_from(&mut buf) {
                    r.fetch_add(1, Ordering::Relaxed);
                    if echo {
                        let _ = socket.send_to(&buf[..n], from);
                    }
                }
            }
        });
        UdpTarget {
            addr,
            received,
            stop,
            thread: Some(thread),
        }
    }
}

impl Drop for UdpTarget {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// A UDP check passes when the target echoes or stays silent until the timeout, and is critical
/// (naming the address and the error) when the port is closed or the address is malformed.
#[test]
fn udp_check_passes_on_reply_or_silence_and_fails_on_a_closed_port() {
    let agent = Agent::dev("udp1");
    let addr = agent.http_addr();
    let echo = UdpTarget::start(true);
    let silent = UdpTarget::start(false);
    let closed = {
        let s = UdpSocket::bind("127.0.0.1:0").expect("bind");
        s.local_addr().expect("addr")
    };
    for (name, target, timeout) in [
        ("udp-echo", echo.addr.to_string(), "2s"),
        ("udp-silent", silent.addr.to_string(), "300ms"),
        ("udp-closed", closed.to_string(), "2s"),
        ("udp-bad", "not-an-address".to_string(), "2s"),
    ] {
        put_ok(
            &addr,
            "/v1/agent/check/register",
            json!({"Name": name, "UDP": target, "Interval": "200ms", "Timeout": timeout}),
        );
    }
    let c = wait_check(
        &addr,
        "udp-echo",
        "passing",
        &format!("UDP connect {}: Success", echo.addr),
    );
    assert_eq!(c["Type"], "udp");
    assert!(echo.received.load(Ordering::Relaxed) > 0);
    wait_check(&addr, "udp-silent", "passing", "Success");
    assert!(silent.received.load(Ordering::Relaxed) > 0);
    let c = wait_check(&addr, "udp-closed", "critical", &closed.to_string());
    let out = c["Output"].as_str().unwrap_or_default();
    assert!(out.contains("refused"), "{out}");
    wait_check(&addr, "udp-bad", "critical", "dial udp not-an-address");

    // The echo goes away: the same port now refuses.
    let gone = echo.addr;
    drop(echo);
    wait_check(&addr, "udp-echo", "critical", "refused");
    assert!(
        checks(&addr)["udp-echo"]["Output"]
            .as_str()
            .unwrap_or_default()
            .contains(&gone.to_string())
    );
}

/// What the in-test gRPC health server answers and has seen.
#[derive(Default)]
struct HealthState {
    /// The `ServingStatus` answered for the default ("") service.
    status: AtomicU8,
    /// The service names of the requests received, in order.
    services: Mutex<Vec<String>>,
}

/// A plaintext (h2c, prior knowledge) `grpc.health.v1.Health/Check` server on 127.0.0.1: the
/// default service answers `state.status`; "missing" gets a trailers-only NOT_FOUND; anything
/// else gets SERVICE_UNKNOWN. Stopping the runtime closes every connection.
fn grpc_health_server(state: Arc<HealthState>) -> (tokio::runtime::Runtime, SocketAddr) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    let listener = rt
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("bind grpc");
    let addr = listener.local_addr().expect("grpc addr");
    rt.spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let state = state.clone();
            tokio::spawn(async move {
                let Ok(mut conn) = h2::server::handshake(socket).await else {
                    return;
                };
                while let Some(Ok((req, respond))) = conn.accept().await {
                    tokio::spawn(answer(req, respond, state.clone()));
                }
            });
        }
    });
    (rt, addr)
}

/// Reads a `HealthCheckRequest` frame's service name (field 1); None when malformed.
fn requested_service(body: &[u8]) -> Option<String> {
    let len = u32::from_be_bytes(body.get(1..5)?.try_into().ok()?) as usize;
    let msg = body.get(5..5 + len)?;
    if msg.is_empty() {
        return Some(String::new());
    }
    // One field: tag 0x0a, a one-byte length (test names are short), the bytes.
    let (&tag, rest) = msg.split_first()?;
    let (&n, name) = rest.split_first()?;
    (tag == 0x0a && name.len() == usize::from(n))
        .then(|| String::from_utf8_lossy(name).into_owned())
}

async fn answer(
    req: http::Request<h2::RecvStream>,
    mut respond: h2::server::SendResponse<Bytes>,
    state: Arc<HealthState>,
) {
    let (parts, mut body) = req.into_parts();
    let mut data = Vec::new();
    while let Some(Ok(chunk)) = body.data().await {
        let _ = body.flow_control().release_capacity(chunk.len());
        data.extend_from_slice(&chunk);
    }
    let grpc = parts.uri.path() == "/grpc.health.v1.Health/Check"
        && parts
            .headers
            .get("content-type")
            .is_some_and(|v| v.as_bytes().starts_with(b"application/grpc"));
    let service = requested_service(&data);
    if let Some(s) = &service {
        state.services.lock().expect("services").push(s.clone());
    }
    let head = |status: &str| {
        http::Response::builder()
            .status(200)
            .header("content-type", "application/grpc")
            .header("grpc-status", status)
            .header("grpc-message", "unknown%20service")
            .body(())
            .expect("response")
    };
    let serving = match service.as_deref() {
        _ if !grpc => None,
        None => None,
        Some("") => Some(state.status.load(Ordering::Relaxed)),
        Some("missing") => {
            // Trailers-only: the status travels in the headers and the stream ends there.
            let _ = respond.send_response(head("5"), true);
            return;
        }
        Some(_) => Some(3),
    };
    let Some(serving) = serving else {
        let _ = respond.send_response(head("12"), true);
        return;
    };
    let ok = http::Response::builder()
        .status(200)
        .header("content-type", "application/grpc")
        .body(())
        .expect("response");
    let Ok(mut send) = respond.send_response(ok, false) else {
        return;
    };
    // HealthCheckResponse { status = 1 (varint) } in one uncompressed gRPC frame.
    let _ = send.send_data(Bytes::from(vec![0, 0, 0, 0, 2, 0x08, serving]), false);
    let mut trailers = http::HeaderMap::new();
    trailers.insert("grpc-status", http::HeaderValue::from_static("0"));
    let _ = send.send_trailers(trailers);
}

/// A gRPC check passes while the health service answers SERVING, and is critical on
/// NOT_SERVING, on an error status for an unknown service, and once the server is gone.
#[test]
fn grpc_check_follows_the_health_service() {
    let agent = Agent::dev("grpc1");
    let addr = agent.http_addr();
    let state = Arc::new(HealthState::default());
    state.status.store(1, Ordering::Relaxed);
    let (server, grpc_addr) = grpc_health_server(state.clone());
    put_ok(
        &addr,
        "/v1/agent/service/register",
        json!({"Name": "api", "Port": grpc_addr.port(),
               "Check": {"GRPC": grpc_addr.to_string(), "Interval": "200ms", "Timeout": "2s"}}),
    );
    put_ok(
        &addr,
        "/v1/agent/check/register",
        json!({"Name": "grpc-missing", "GRPC": format!("{grpc_addr}/missing"),
               "grpc_use_tls": false, "Interval": "200ms", "Timeout": "2s"}),
    );
    let c = wait_check(
        &addr,
        "service:api",
        "passing",
        &format!("gRPC check {grpc_addr}: success"),
    );
    assert_eq!(c["Type"], "grpc");
    assert_eq!(c["ServiceID"], "api");
    wait_check(
        &addr,
        "grpc-missing",
        "critical",
        "code = NotFound desc = unknown service",
    );
    {
        let seen = state.services.lock().expect("services");
        assert!(seen.iter().any(|s| s.is_empty()), "{seen:?}");
        assert!(seen.iter().any(|s| s == "missing"), "{seen:?}");
    }

    state.status.store(2, Ordering::Relaxed);
    wait_check(
        &addr,
        "service:api",
        "critical",
        "serving status NOT_SERVING",
    );
    state.status.store(1, Ordering::Relaxed);
    wait_check(&addr, "service:api", "passing", "success");

    // Stopping the runtime closes the listener and the agent's pooled connection.
    server.shutdown_background();
    let c = wait_check(&addr, "service:api", "critical", "failed");
    let out = c["Output"].as_str().unwrap_or_default();
    assert!(
        out.starts_with(&format!("gRPC check {grpc_addr}: failed: ")),
        "{out}"
    );
}

/// An alias check follows the aliased service's TTL check through pass, warn and fail, is
/// critical when the service is missing or deregistered, and follows a service on another
/// catalog node as its catalog check changes.
#[test]
fn alias_check_follows_the_aliased_service() {
    let agent = Agent::dev("alias1");
    let addr = agent.http_addr();
    put_ok(
        &addr,
        "/v1/agent/service/register",
        json!({"Name": "web", "Check": {"CheckID": "web-ttl", "TTL": "1h"}}),
    );
    put_ok(
        &addr,
        "/v1/agent/check/register",
        json!({"Name": "web-alias", "AliasService": "web"}),
    );
    put_ok(
        &addr,
        "/v1/agent/check/register",
        json!({"Name": "ghost-alias", "alias_service": "ghost"}),
    );
    let c = wait_check(&addr, "web-alias", "critical", "Aliased check");
    assert_eq!(c["Type"], "alias");
    wait_check(
        &addr,
        "ghost-alias",
        "critical",
        "Service ghost could not be found on node alias1",
    );

    for (verb, status) in [
        ("pass", "passing"),
        ("warn", "warning"),
        ("fail", "critical"),
    ] {
        let (code, text) = put(&addr, &format!("/v1/agent/check/{verb}/web-ttl"), None);
        assert_eq!(code, 200, "{verb}: {text}");
        wait_check(&addr, "web-alias", status, "");
    }
    assert_eq!(put(&addr, "/v1/agent/check/pass/web-ttl", None).0, 200);
    wait_check(&addr, "web-alias", "passing", "All checks passing.");

    let (code, text) = put(&addr, "/v1/agent/service/deregister/web", None);
    assert_eq!(code, 200, "{text}");
    wait_check(&addr, "web-alias", "critical", "could not be found");

    // A service on another node, read from the catalog.
    let register = |status: &str| {
        put_ok(
            &addr,
            "/v1/catalog/register",
            json!({"Node": "ext1", "Address": "10.0.0.1",
                   "Service": {"ID": "db", "Service": "db", "Port": 5432},
                   "Check": {"CheckID": "db-up", "Name": "db up", "Status": status,
                             "ServiceID": "db", "Output": format!("db is {status}")}}),
        );
    };
    register("passing");
    put_ok(
        &addr,
        "/v1/agent/check/register",
        json!({"Name": "db-alias", "AliasNode": "ext1", "AliasService": "db"}),
    );
    wait_check(&addr, "db-alias", "passing", "All checks passing.");
    register("critical");
    wait_check(&addr, "db-alias", "critical", "db is critical");
    register("passing");
    wait_check(&addr, "db-alias", "passing", "All checks passing.");
    put_ok(
        &addr,
        "/v1/catalog/deregister",
        json!({"Node": "ext1", "ServiceID": "db"}),
    );
    wait_check(
        &addr,
        "db-alias",
        "critical",
        "Service db could not be found on node ext1",
    );
}
