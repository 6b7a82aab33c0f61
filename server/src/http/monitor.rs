//! `GET /v1/agent/monitor?loglevel=L[&logjson]`: this agent's log lines as they happen, one per
//! line, until the caller goes away.

use std::convert::Infallible;

use axum::body::{Body, Bytes};
use axum::extract::RawQuery;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use tokio::sync::broadcast::error::RecvError;

use super::error::ApiError;
use super::query::Params;
use crate::monitor::{self, Watch};

pub async fn stream(RawQuery(q): RawQuery) -> Result<Response, ApiError> {
    let params = Params::parse(q.as_deref())?;
    let asked = params.get("loglevel").unwrap_or("info");
    let level = monitor::parse_level(asked).ok_or_else(|| {
        ApiError::BadRequest(format!(
            "unknown log level {asked:?}: use trace, debug, info, warn or err"
        ))
    })?;
    if level > monitor::ceiling() {
        return Err(ApiError::BadRequest(format!(
            "this agent streams at most {} logs; start it with -log-level trace to monitor at \
             trace",
            monitor::ceiling().as_str().to_ascii_lowercase()
        )));
    }
    let json = params.has("logjson") && params.get("logjson") != Some("false");
    let lines = futures::stream::unfold(Watch::new(level), move |mut w| async move {
        loop {
            match w.rx.recv().await {
                Ok(line) if w.wants(&line) => {
                    let mut s = if json {
                        line.json.clone()
                    } else {
                        line.text.clone()
                    };
                    s.push('\n');
                    return Some((Ok::<_, Infallible>(Bytes::from(s)), w));
                }
                Ok(_) => {}
                Err(RecvError::Lagged(n)) => {
                    let s = format!("[monitor] {n} log lines dropped: this reader fell behind\n");
                    return Some((Ok(Bytes::from(s)), w));
                }
                Err(RecvError::Closed) => return None,
            }
        }
    });
    Ok((
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        Body::from_stream(lines),
    )
        .into_response())
}
