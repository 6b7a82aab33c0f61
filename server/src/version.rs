//! Build identity reported in the banner, `/v1/agent/self` and gossip tags.

/// The release version of this build.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The source revision, when the build environment provides one.
pub const REVISION: &str = match option_env!("CTL_REVISION") {
    Some(r) => r,
    None => "unknown",
};
