//! Gossip addresses as operators write them: `IP`, `IP:port`, `[IPv6]:port`; the default port
//! applies when none is given.

use std::net::{IpAddr, SocketAddr};

pub fn parse(s: &str, default_port: u16) -> Result<SocketAddr, String> {
    let s = s.trim();
    if let Ok(a) = s.parse::<SocketAddr>() {
        return Ok(a);
    }
    if let Ok(ip) = s
        .trim_start_matches('[')
        .trim_end_matches(']')
        .parse::<IpAddr>()
    {
        return Ok(SocketAddr::new(ip, default_port));
    }
    Err(format!("invalid address {s:?}: use IP or IP:port"))
}

#[cfg(test)]
mod tests {
    /// IPs get the default port; explicit ports and IPv6 brackets work; names are refused.
    #[test]
    fn forms() {
        assert_eq!(
            super::parse("127.0.0.2", 8301).unwrap().to_string(),
            "127.0.0.2:8301"
        );
        assert_eq!(super::parse("127.0.0.2:9000", 8301).unwrap().port(), 9000);
        assert_eq!(super::parse("[::1]:5", 8301).unwrap().port(), 5);
        assert_eq!(super::parse("::1", 8301).unwrap().port(), 8301);
        assert!(super::parse("node-a", 8301).is_err());
    }
}
