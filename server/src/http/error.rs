//! The one place errors become HTTP responses: status codes and Consul's plain-text bodies.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::kv::KvError;
use crate::raft::WriteError;

/// Every way a request can fail.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// A bad parameter, path or body; the message names it and its value.
    #[error("{0}")]
    BadRequest(String),
    /// Nothing at that key or path: 404 with an empty body, as Consul.
    #[error("")]
    NotFound,
    /// Not found, with Consul's explanation in the body.
    #[error("{0}")]
    NotFoundMessage(String),
    #[error("{0}")]
    TooLarge(String),
    #[error("No path to datacenter")]
    NoPathToDatacenter,
    #[error("No cluster leader")]
    NoLeader,
    /// A client agent has no servers to ask.
    #[error("No known Consul servers: agent {0} is a client agent and knows no servers")]
    NoServers(String),
    #[error("{0}")]
    Internal(String),
}

impl From<WriteError> for ApiError {
    fn from(e: WriteError) -> Self {
        match e {
            WriteError::NoLeader => ApiError::NoLeader,
            other => ApiError::Internal(other.to_string()),
        }
    }
}

impl From<KvError> for ApiError {
    fn from(e: KvError) -> Self {
        ApiError::Internal(e.to_string())
    }
}

impl From<crate::catalog::CatalogError> for ApiError {
    fn from(e: crate::catalog::CatalogError) -> Self {
        match e {
            crate::catalog::CatalogError::Invalid(m) => ApiError::BadRequest(m),
            other => ApiError::Internal(other.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = match &self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::NotFound | ApiError::NotFoundMessage(_) => StatusCode::NOT_FOUND,
            ApiError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::NoPathToDatacenter
            | ApiError::NoLeader
            | ApiError::NoServers(_)
            | ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        };
        if status.is_server_error() {
            tracing::warn!(status = status.as_u16(), "request failed: {self}");
        }
        (
            status,
            [(
                axum::http::header::CONTENT_TYPE,
                "text/plain; charset=utf-8",
            )],
            self.to_string(),
        )
            .into_response()
    }
}
