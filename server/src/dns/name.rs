//! Query-name parsing: turns a DNS name into what it asks for ([`Lookup`]), following the label
//! layouts of Consul's DNS interface, and builds the names we hand out (`<node>.node.<dc>.<domain>`,
//! `<hex>.addr.<dc>.<domain>`, the zone apex).
//!
//! Parsing is kept separate from answering so the (fiddly, ambiguous) label grammar can be tested
//! on its own and the answering code can dispatch on one enum.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use hickory_proto::rr::Name;

use super::DnsConfig;

/// What a query name asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Lookup {
    /// The domain itself (`consul.`): only the SOA lives there.
    Apex,
    /// `[<tag>.]<service>.service…` or `_<service>._<tag>…`; `tag` is lower-case.
    Service {
        service: String,
        tag: Option<String>,
    },
    /// `<node>.node…`
    Node(String),
    /// `<hex>.addr…`
    Addr(IpAddr),
    /// Inside the domain, but nothing can exist there: another datacenter, an unknown layout,
    /// bad hex. Answered NXDOMAIN.
    Invalid,
    /// Under `in-addr.arpa.` or `ip6.arpa.`; `None` when the labels do not spell a full address.
    Reverse(Option<IpAddr>),
    /// Not ours: forwarded to recursors or refused.
    Outside,
}

/// Labels that name a lookup kind. Knowing them lets `web.service.consul` (no datacenter) be
/// told apart from `web.service.dc1.consul`; the kinds we do not serve (`query`, `connect`, …)
/// are listed so their names are not misread as datacenters.
const KINDS: [&str; 7] = [
    "service", "node", "addr", "query", "connect", "ingress", "virtual",
];

fn is_kind(label: &str) -> bool {
    KINDS.contains(&label)
}

/// The zone we are authoritative for, normalised once per query from the configuration.
pub(crate) struct Zone {
    /// Lower-case labels of the domain, without the root.
    labels: Vec<String>,
    /// The domain as a name (owner of the SOA).
    pub(crate) apex: Name,
    /// `<domain>` as text with a trailing dot, for building names below it.
    suffix: String,
    datacenter: String,
}

impl Zone {
    /// `None` when the configured domain is not a valid DNS name; then nothing is ours.
    pub(crate) fn new(config: &DnsConfig) -> Option<Self> {
        let labels: Vec<String> = config
            .domain
            .split('.')
            .filter(|label| !label.is_empty())
            .map(str::to_ascii_lowercase)
            .collect();
        let suffix: String = labels.iter().map(|label| format!("{label}.")).collect();
        let apex = fqdn(&suffix)?;
        Some(Self {
            labels,
            apex,
            suffix,
            datacenter: config.datacenter.to_ascii_lowercase(),
        })
    }

    /// Reads the query name.
    pub(crate) fn parse(&self, name: &Name) -> Lookup {
        let labels: Vec<String> = name
            .iter()
            .map(|label| String::from_utf8_lossy(label).to_ascii_lowercase())
            .collect();
        match labels.strip_suffix(self.labels.as_slice()) {
            Some(inner) => self.parse_inner(inner),
            None => parse_reverse(&labels),
        }
    }

    /// Parses the labels left of the domain, right to left as Consul does: datacenter first,
    /// then the kind, then the kind's own labels.
    fn parse_inner(&self, labels: &[String]) -> Lookup {
        if labels.is_empty() {
            return Lookup::Apex;
        }
        let (rest, datacenter) = split_datacenter(labels);
        if datacenter.is_some_and(|dc| dc != self.datacenter) {
            return Lookup::Invalid;
        }
        let Some((kind, args)) = rest.split_last() else {
            return Lookup::Invalid;
        };
        match kind.as_str() {
            "service" => parse_service(args),
            "node" if !args.is_empty() => Lookup::Node(args.join(".")),
            "addr" => match args {
                [hex] => decode_addr(hex).map_or(Lookup::Invalid, Lookup::Addr),
                _ => Lookup::Invalid,
            },
            // `_web._tcp.consul`: the RFC 2782 form with the optional `service` label left out.
            _ => match rfc2782(rest) {
                Some(lookup) => lookup,
                None => Lookup::Invalid,
            },
        }
    }

    /// `<node>.node.<dc>.<domain>`: the SRV target and PTR answer for a node.
    pub(crate) fn node_name(&self, node: &str) -> Option<Name> {
        fqdn(&format!("{node}.node.{}.{}", self.datacenter, self.suffix))
    }

    /// `<hex>.addr.<dc>.<domain>`: the SRV target for an instance with its own address, so
    /// the client can learn the address from the name alone.
    pub(crate) fn addr_name(&self, ip: IpAddr) -> Option<Name> {
        fqdn(&format!(
            "{}.addr.{}.{}",
            encode_addr(ip),
            self.datacenter,
            self.suffix
        ))
    }

    /// `ns.<domain>` and `hostmaster.<domain>`, the SOA's mname and rname.
    pub(crate) fn soa_names(&self) -> Option<(Name, Name)> {
        Some((
            fqdn(&format!("ns.{}", self.suffix))?,
            fqdn(&format!("hostmaster.{}", self.suffix))?,
        ))
    }
}

/// Parses dotted text as an absolute name.
pub(crate) fn fqdn(text: &str) -> Option<Name> {
    let mut name = Name::from_ascii(text).ok()?;
    name.set_fqdn(true);
    Some(name)
}

/// Splits off the datacenter: `….<dc>.dc` always names one (when a kind precedes it), a
/// trailing kind label means none was given, and otherwise the last label is the datacenter —
/// except for the two-label RFC 2782 form, whose `_tcp` must not be read as one.
fn split_datacenter(labels: &[String]) -> (&[String], Option<&str>) {
    let n = labels.len();
    if n >= 3 && labels[n - 1] == "dc" && is_kind(&labels[n - 3]) {
        return (&labels[..n - 2], Some(labels[n - 2].as_str()));
    }
    match labels.last() {
        Some(last) if is_kind(last) => (labels, None),
        _ if rfc2782(labels).is_some() => (labels, None),
        Some(last) if n >= 2 => (&labels[..n - 1], Some(last.as_str())),
        _ => (labels, None),
    }
}

/// The labels before `service`.
fn parse_service(args: &[String]) -> Lookup {
    if let Some(lookup) = rfc2782(args) {
        return lookup;
    }
    match args.split_last() {
        Some((service, [])) => Lookup::Service {
            service: service.clone(),
            tag: None,
        },
        // Consul joins multi-label tags back together.
        Some((service, tag)) => Lookup::Service {
            service: service.clone(),
            tag: Some(tag.join(".")),
        },
        None => Lookup::Invalid,
    }
}

/// `_<service>._<tag>`; the protocol label `_tcp` means "no tag filter" (RFC 2782 clients ask
/// for `_name._tcp`).
fn rfc2782(labels: &[String]) -> Option<Lookup> {
    let [service, tag] = labels else {
        return None;
    };
    let service = service.strip_prefix('_')?;
    let tag = tag.strip_prefix('_')?;
    Some(Lookup::Service {
        service: service.to_string(),
        tag: (tag != "tcp").then(|| tag.to_string()),
    })
}

/// `in-addr.arpa.` (4 decimal labels) or `ip6.arpa.` (32 nibble labels), least significant
/// first; anything else under arpa is a partial name we cannot answer.
fn parse_reverse(labels: &[String]) -> Lookup {
    if let Some(octets) = labels.strip_suffix(&["in-addr".to_string(), "arpa".to_string()]) {
        let parsed: Option<Vec<u8>> = octets.iter().rev().map(|o| decimal_octet(o)).collect();
        let ip = parsed
            .and_then(|v| <[u8; 4]>::try_from(v).ok())
            .map(|octets| IpAddr::V4(Ipv4Addr::from(octets)));
        return Lookup::Reverse(ip);
    }
    if let Some(nibbles) = labels.strip_suffix(&["ip6".to_string(), "arpa".to_string()]) {
        let ip = (nibbles.len() == 32)
            .then(|| {
                nibbles.iter().rev().try_fold(0u128, |acc, nibble| {
                    let mut chars = nibble.chars();
                    match (chars.next().and_then(|c| c.to_digit(16)), chars.next()) {
                        (Some(digit), None) => Some(acc << 4 | u128::from(digit)),
                        _ => None,
                    }
                })
            })
            .flatten()
            .map(|bits| IpAddr::V6(Ipv6Addr::from(bits)));
        return Lookup::Reverse(ip);
    }
    Lookup::Outside
}

/// A strict decimal octet: 1–3 digits (no sign), at most 255.
fn decimal_octet(text: &str) -> Option<u8> {
    if text.is_empty() || text.len() > 3 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// The `.addr.` encoding: 8 hex digits for IPv4, 32 for IPv6.
pub(crate) fn encode_addr(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => format!("{:08x}", u32::from(v4)),
        IpAddr::V6(v6) => format!("{:032x}", u128::from(v6)),
    }
}

/// Inverse of [`encode_addr`]; `None` for any other length or a non-hex digit.
pub(crate) fn decode_addr(hex: &str) -> Option<IpAddr> {
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    match hex.len() {
        8 => u32::from_str_radix(hex, 16)
            .ok()
            .map(|bits| IpAddr::V4(Ipv4Addr::from(bits))),
        32 => u128::from_str_radix(hex, 16)
            .ok()
            .map(|bits| IpAddr::V6(Ipv6Addr::from(bits))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Lookup {
        let zone = Zone::new(&DnsConfig::default()).expect("zone");
        zone.parse(&Name::from_ascii(text).expect("name"))
    }

    fn service(service: &str, tag: Option<&str>) -> Lookup {
        Lookup::Service {
            service: service.to_string(),
            tag: tag.map(str::to_string),
        }
    }

    #[test]
    fn service_forms() {
        assert_eq!(parse("web.service.consul."), service("web", None));
        assert_eq!(parse("WEB.Service.CONSUL."), service("web", None));
        assert_eq!(parse("web.service.dc1.consul."), service("web", None));
        assert_eq!(parse("web.service.dc1.dc.consul."), service("web", None));
        assert_eq!(parse("v1.web.service.consul."), service("web", Some("v1")));
        assert_eq!(
            parse("v1.web.service.dc1.consul."),
            service("web", Some("v1"))
        );
        assert_eq!(
            parse("a.b.web.service.consul."),
            service("web", Some("a.b"))
        );
        assert_eq!(parse("consul.service.consul."), service("consul", None));
    }

    #[test]
    fn rfc2782_forms() {
        assert_eq!(parse("_web._tcp.service.consul."), service("web", None));
        assert_eq!(
            parse("_web._v1.service.consul."),
            service("web", Some("v1"))
        );
        assert_eq!(parse("_web._tcp.service.dc1.consul."), service("web", None));
        assert_eq!(parse("_web._tcp.consul."), service("web", None));
        assert_eq!(parse("_web._v2.dc1.consul."), service("web", Some("v2")));
    }

    #[test]
    fn node_and_addr_forms() {
        assert_eq!(parse("web-1.node.consul."), Lookup::Node("web-1".into()));
        assert_eq!(
            parse("web-1.node.dc1.consul."),
            Lookup::Node("web-1".into())
        );
        assert_eq!(
            parse("web-1.node.dc1.dc.consul."),
            Lookup::Node("web-1".into())
        );
        assert_eq!(
            parse("0a000001.addr.dc1.consul."),
            Lookup::Addr("10.0.0.1".parse().expect("ip"))
        );
        assert_eq!(
            parse("20010db8000000000000000000000001.addr.dc1.consul."),
            Lookup::Addr("2001:db8::1".parse().expect("ip"))
        );
        assert_eq!(parse("0a00001.addr.dc1.consul."), Lookup::Invalid);
        assert_eq!(parse("0a00000g.addr.dc1.consul."), Lookup::Invalid);
        // `from_str_radix` alone would accept a sign.
        assert_eq!(decode_addr("+a000001"), None);
    }

    #[test]
    fn invalid_and_outside() {
        assert_eq!(parse("consul."), Lookup::Apex);
        assert_eq!(parse("web.service.dc2.consul."), Lookup::Invalid);
        assert_eq!(parse("web-1.node.dc2.dc.consul."), Lookup::Invalid);
        assert_eq!(parse("foo.consul."), Lookup::Invalid);
        assert_eq!(parse("service.consul."), Lookup::Invalid);
        assert_eq!(parse("node.consul."), Lookup::Invalid);
        assert_eq!(parse("x.query.consul."), Lookup::Invalid);
        assert_eq!(parse("example.com."), Lookup::Outside);
        assert_eq!(parse("consul.example.com."), Lookup::Outside);
        assert_eq!(parse("."), Lookup::Outside);
    }

    #[test]
    fn reverse_forms() {
        assert_eq!(
            parse("1.0.0.10.in-addr.arpa."),
            Lookup::Reverse(Some("10.0.0.1".parse().expect("ip")))
        );
        assert_eq!(parse("0.0.10.in-addr.arpa."), Lookup::Reverse(None));
        assert_eq!(parse("256.0.0.10.in-addr.arpa."), Lookup::Reverse(None));
        let v6 = "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.";
        assert_eq!(
            parse(v6),
            Lookup::Reverse(Some("2001:db8::1".parse().expect("ip")))
        );
        assert_eq!(parse("8.b.d.0.1.0.0.2.ip6.arpa."), Lookup::Reverse(None));
    }

    #[test]
    fn addr_round_trip_and_other_domain() {
        for ip in ["10.0.0.1", "255.255.255.255", "::1", "2001:db8::ff"] {
            let ip: IpAddr = ip.parse().expect("ip");
            assert_eq!(decode_addr(&encode_addr(ip)), Some(ip));
        }
        let config = DnsConfig {
            domain: "Example.Internal".into(),
            datacenter: "East".into(),
            ..DnsConfig::default()
        };
        let zone = Zone::new(&config).expect("zone");
        let name = Name::from_ascii("web.service.east.example.internal.").expect("name");
        assert_eq!(zone.parse(&name), service("web", None));
        assert_eq!(
            zone.node_name("n1").map(|n| n.to_ascii()),
            Some("n1.node.east.example.internal.".to_string())
        );
    }
}
