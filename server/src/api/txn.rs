//! `/v1/txn`: KV operations in Consul's JSON, converted to and from the replicated ops.

use serde::{Deserialize, Serialize};

use super::kv::KvPair;
use crate::kv::txn::{TxnOp, TxnOutcome};

/// Consul's cap on operations in one transaction.
pub const MAX_OPS: usize = 64;

/// One element of the request array.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TxnRequestOp {
    #[serde(rename = "KV")]
    pub kv: Option<TxnKvOp>,
}

/// A KV op as clients send it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct TxnKvOp {
    pub verb: String,
    pub key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(default)]
    pub flags: u64,
    #[serde(default)]
    pub index: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
}

/// The response body.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TxnResponse {
    pub results: Option<Vec<TxnResult>>,
    pub errors: Option<Vec<TxnErrorBody>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TxnResult {
    #[serde(rename = "KV")]
    pub kv: KvPair,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TxnErrorBody {
    pub op_index: usize,
    pub what: String,
}

impl TxnKvOp {
    /// Converts to the replicated op; the error names the op's position and what is wrong.
    pub fn to_op(&self, i: usize, max_value: usize) -> Result<TxnOp, String> {
        let value = match &self.value {
            Some(v) => super::b64::decode(v)
                .map_err(|e| format!("operation {i}: Value is not valid base64: {e}"))?,
            None => Vec::new(),
        };
        if value.len() > max_value {
            return Err(format!(
                "operation {i}: Value is {} bytes, over the {max_value}-byte limit",
                value.len()
            ));
        }
        let key = self.key.clone();
        let session = || {
            self.session
                .clone()
                .ok_or_else(|| format!("operation {i}: verb {:?} needs a Session", self.verb))
        };
        let (flags, index) = (self.flags, self.index);
        Ok(match self.verb.as_str() {
            "set" => TxnOp::Set { key, value, flags },
            "cas" => TxnOp::Cas {
                key,
                value,
                flags,
                index,
            },
            "lock" => TxnOp::Lock {
                key,
                value,
                flags,
                session: session()?,
            },
            "unlock" => TxnOp::Unlock {
                key,
                value,
                flags,
                session: session()?,
            },
            "get" => TxnOp::Get { key },
            "get-or-empty" => TxnOp::GetOrEmpty { key },
            "get-tree" => TxnOp::GetTree { prefix: key },
            "check-index" => TxnOp::CheckIndex { key, index },
            "check-session" => TxnOp::CheckSession {
                key,
                session: session()?,
            },
            "check-not-exists" => TxnOp::CheckNotExists { key },
            "delete" => TxnOp::Delete { key },
            "delete-tree" => TxnOp::DeleteTree { prefix: key },
            "delete-cas" => TxnOp::DeleteCas { key, index },
            other => return Err(format!("operation {i}: unknown KV verb {other:?}")),
        })
    }
}

impl From<TxnOutcome> for TxnResponse {
    fn from(o: TxnOutcome) -> Self {
        if o.errors.is_empty() {
            TxnResponse {
                results: Some(
                    o.results
                        .into_iter()
                        .map(|e| TxnResult { kv: e.into() })
                        .collect(),
                ),
                errors: None,
            }
        } else {
            TxnResponse {
                results: None,
                errors: Some(
                    o.errors
                        .into_iter()
                        .map(|e| TxnErrorBody {
                            op_index: e.op_index,
                            what: e.what,
                        })
                        .collect(),
                ),
            }
        }
    }
}
