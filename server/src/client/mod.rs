//! Typed client for the `/v1` API, used by the console and the dashboard.
