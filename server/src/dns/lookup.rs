//! Record building: turns a parsed [`Lookup`] into resource records, reading the catalog through
//! the [`Source`] trait and applying Consul's rules (health filtering, tags, shuffling, the A
//! record limit, TTLs, SRV targets with their addresses in the additional section, node meta as
//! TXT).
//!
//! The result is a [`Found`] rather than a message so that the caller can size it for the
//! transport: each answer record carries the additional records that only make sense with it,
//! and truncation drops them together.

use std::collections::HashSet;
use std::net::IpAddr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use hickory_proto::rr::rdata::{A, AAAA, CNAME, PTR, SOA, SRV, TXT};
use hickory_proto::rr::{Name, RData, Record, RecordType};
use rand::seq::SliceRandom;

use super::name::{Lookup, Zone, fqdn};
use super::{DnsConfig, Health, ServiceInstance, Source};

/// One answer record plus the additional records that belong to it (an SRV target's address).
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub(crate) record: Record,
    pub(crate) extra: Vec<Record>,
}

impl Entry {
    fn alone(record: Record) -> Self {
        Self {
            record,
            extra: Vec::new(),
        }
    }
}

/// The outcome of a lookup inside our zone (or of a reverse lookup).
#[derive(Debug)]
pub(crate) enum Found {
    /// The name exists; `entries` may be empty (NODATA), then the SOA goes in authority.
    Records(Vec<Entry>),
    /// The name does not exist.
    NoName,
}

/// Answers `lookup` for `qtype`. `owner` is the query name exactly as asked, which every answer
/// record repeats. Only called for lookups in the zone or under arpa.
pub(crate) fn resolve(
    lookup: &Lookup,
    owner: &Name,
    qtype: RecordType,
    zone: &Zone,
    source: &dyn Source,
    config: &DnsConfig,
) -> Found {
    match lookup {
        Lookup::Apex => Found::Records(match qtype {
            RecordType::SOA | RecordType::ANY => soa_record(zone, config)
                .map(Entry::alone)
                .into_iter()
                .collect(),
            _ => Vec::new(),
        }),
        Lookup::Service { service, tag } => {
            service_lookup(service, tag.as_deref(), owner, qtype, zone, source, config)
        }
        Lookup::Node(node) => node_lookup(node, owner, qtype, source, config),
        Lookup::Addr(ip) => Found::Records(
            ip_record(owner, *ip, secs(config.node_ttl), qtype)
                .map(Entry::alone)
                .into_iter()
                .collect(),
        ),
        Lookup::Reverse(Some(ip)) => reverse_lookup(*ip, owner, qtype, zone, source, config),
        Lookup::Reverse(None) | Lookup::Invalid | Lookup::Outside => Found::NoName,
    }
}

/// Our SOA, with the current time as serial (as Consul does: the data has no version).
pub(crate) fn soa_record(zone: &Zone, config: &DnsConfig) -> Option<Record> {
    let (mname, rname) = zone.soa_names()?;
    let serial = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u32::try_from(d.as_secs()).unwrap_or(u32::MAX));
    let soa = &config.soa;
    let data = SOA::new(
        mname,
        rname,
        serial,
        clamp_i32(soa.refresh),
        clamp_i32(soa.retry),
        clamp_i32(soa.expire),
        soa.min_ttl,
    );
    Some(Record::from_rdata(
        zone.apex.clone(),
        soa.min_ttl,
        RData::SOA(data),
    ))
}

fn clamp_i32(value: u32) -> i32 {
    i32::try_from(value).unwrap_or(i32::MAX)
}

/// Whole seconds, saturating: TTLs are 32-bit on the wire.
fn secs(duration: Duration) -> u32 {
    u32::try_from(duration.as_secs()).unwrap_or(u32::MAX)
}

/// Consul's `service_ttl` precedence: exact name, then the longest `prefix*`, then `*` (which is
/// just the empty prefix), else 0.
pub(crate) fn service_ttl(config: &DnsConfig, service: &str) -> u32 {
    let service = service.to_ascii_lowercase();
    let exact = config
        .service_ttl
        .iter()
        .find(|(key, _)| !key.ends_with('*') && key.to_ascii_lowercase() == service);
    let best = exact.map(|(_, ttl)| *ttl).or_else(|| {
        config
            .service_ttl
            .iter()
            .filter_map(|(key, ttl)| {
                let prefix = key.strip_suffix('*')?.to_ascii_lowercase();
                service.starts_with(&prefix).then_some((prefix.len(), *ttl))
            })
            .max_by_key(|(len, _)| *len)
            .map(|(_, ttl)| ttl)
    });
    best.map_or(0, secs)
}

/// Critical instances never answer; warning ones only when `only_passing` is off.
fn admitted(health: Health, only_passing: bool) -> bool {
    match health {
        Health::Passing => true,
        Health::Warning => !only_passing,
        Health::Critical => false,
    }
}

/// Whether a record of type `have` answers a question for `want`.
fn wanted(want: RecordType, have: RecordType) -> bool {
    want == RecordType::ANY || want == have
}

/// The record for an address string: A/AAAA for an IP, a CNAME for a host name (when the
/// question is for an address or a CNAME), nothing otherwise.
fn address_record(owner: &Name, address: &str, ttl: u32, qtype: RecordType) -> Option<Record> {
    match address.parse::<IpAddr>() {
        Ok(ip) => ip_record(owner, ip, ttl, qtype),
        Err(_) => {
            let alias = matches!(
                qtype,
                RecordType::A | RecordType::AAAA | RecordType::ANY | RecordType::CNAME
            );
            let target = fqdn(address).filter(|_| alias && !address.is_empty())?;
            Some(Record::from_rdata(
                owner.clone(),
                ttl,
                RData::CNAME(CNAME(target)),
            ))
        }
    }
}

/// A or AAAA for `ip`, if the question asks for that type.
fn ip_record(owner: &Name, ip: IpAddr, ttl: u32, qtype: RecordType) -> Option<Record> {
    let data = match ip {
        IpAddr::V4(v4) => RData::A(A(v4)),
        IpAddr::V6(v6) => RData::AAAA(AAAA(v6)),
    };
    wanted(qtype, data.record_type()).then(|| Record::from_rdata(owner.clone(), ttl, data))
}

fn service_lookup(
    service: &str,
    tag: Option<&str>,
    owner: &Name,
    qtype: RecordType,
    zone: &Zone,
    source: &dyn Source,
    config: &DnsConfig,
) -> Found {
    let mut instances: Vec<ServiceInstance> = source
        .service_instances(service)
        .into_iter()
        .filter(|i| admitted(i.health, config.only_passing))
        .filter(|i| tag.is_none_or(|tag| i.tags.iter().any(|t| t.eq_ignore_ascii_case(tag))))
        .collect();
    // Like Consul: a service with no usable instance is a name that does not exist.
    if instances.is_empty() {
        return Found::NoName;
    }
    // Shuffled on every query so naive clients spread their load.
    instances.shuffle(&mut rand::rng());
    let ttl = service_ttl(config, service);
    let entries = match qtype {
        RecordType::SRV => srv_entries(&instances, owner, ttl, zone),
        _ => {
            let mut seen = HashSet::new();
            let records = instances
                .iter()
                .map(effective_address)
                .filter(|address| seen.insert(*address))
                .filter_map(|address| address_record(owner, address, ttl, qtype));
            let limit = match config.a_record_limit {
                0 => usize::MAX,
                n => n,
            };
            records.take(limit).map(Entry::alone).collect()
        }
    };
    Found::Records(entries)
}

/// The service's own address, else its node's.
fn effective_address(instance: &ServiceInstance) -> &str {
    match instance.service_address.as_str() {
        "" => &instance.node_address,
        own => own,
    }
}

/// `SRV 1 1 <port> <target>`: the node's name with the node's address in additional, or, when
/// the instance has an address of its own, a name that encodes it (`<hex>.addr…`) or the host
/// name it is.
fn srv_entries(instances: &[ServiceInstance], owner: &Name, ttl: u32, zone: &Zone) -> Vec<Entry> {
    let mut seen = HashSet::new();
    let mut entries = Vec::new();
    for instance in instances {
        let own = &instance.service_address;
        let (target, extra) = if !own.is_empty() && *own != instance.node_address {
            match own.parse::<IpAddr>() {
                Ok(ip) => {
                    let Some(target) = zone.addr_name(ip) else {
                        continue;
                    };
                    let extra = ip_record(&target, ip, ttl, RecordType::ANY);
                    (target, extra)
                }
                Err(_) => match fqdn(own) {
                    Some(target) => (target, None),
                    None => continue,
                },
            }
        } else {
            let Some(target) = zone.node_name(&instance.node) else {
                continue;
            };
            let extra = address_record(&target, &instance.node_address, ttl, RecordType::ANY);
            (target, extra)
        };
        if !seen.insert((target.to_lowercase(), instance.port)) {
            continue;
        }
        let srv = SRV::new(1, 1, instance.port, target);
        entries.push(Entry {
            record: Record::from_rdata(owner.clone(), ttl, RData::SRV(srv)),
            extra: extra.into_iter().collect(),
        });
    }
    entries
}

fn node_lookup(
    node: &str,
    owner: &Name,
    qtype: RecordType,
    source: &dyn Source,
    config: &DnsConfig,
) -> Found {
    let Some(node) = source.node(node) else {
        return Found::NoName;
    };
    let ttl = secs(config.node_ttl);
    let mut entries: Vec<Entry> = address_record(owner, &node.address, ttl, qtype)
        .map(Entry::alone)
        .into_iter()
        .collect();
    if wanted(qtype, RecordType::TXT) {
        entries.extend(node.meta.iter().map(|(key, value)| {
            let text = meta_text(key, value);
            Entry::alone(Record::from_rdata(
                owner.clone(),
                ttl,
                RData::TXT(txt(&text)),
            ))
        }));
    }
    Found::Records(entries)
}

/// Node meta as RFC 1464 `key=value` text (with the key's backquotes, `=` and edge spaces
/// escaped by a backquote); keys starting `rfc1035-` carry a raw record, so only the value.
fn meta_text(key: &str, value: &str) -> String {
    if key.starts_with("rfc1035-") {
        return value.to_string();
    }
    let escaped = key.replace('`', "``").replace('=', "`=");
    let leading = escaped.len() - escaped.trim_start_matches(' ').len();
    let body = escaped.trim_start_matches(' ');
    let trailing = body.len() - body.trim_end_matches(' ').len();
    let body = body.trim_end_matches(' ');
    format!(
        "{}{body}{}={value}",
        "` ".repeat(leading),
        "` ".repeat(trailing)
    )
}

/// TXT data for arbitrary text: split into the 255-byte character strings the wire allows (a
/// TXT record needs at least one, possibly empty).
fn txt(text: &str) -> TXT {
    let bytes = text.as_bytes();
    let chunks: Vec<&[u8]> = match bytes {
        [] => vec![bytes],
        _ => bytes.chunks(255).collect(),
    };
    TXT::from_bytes(chunks)
}

/// PTR answers `<node>.node.<dc>.<domain>` for every node with the address.
fn reverse_lookup(
    ip: IpAddr,
    owner: &Name,
    qtype: RecordType,
    zone: &Zone,
    source: &dyn Source,
    config: &DnsConfig,
) -> Found {
    let nodes = source.nodes_with_address(ip);
    if nodes.is_empty() {
        return Found::NoName;
    }
    let ttl = secs(config.node_ttl);
    if !wanted(qtype, RecordType::PTR) {
        return Found::Records(Vec::new());
    }
    let entries = nodes
        .iter()
        .filter_map(|node| zone.node_name(node))
        .map(|target| {
            Entry::alone(Record::from_rdata(
                owner.clone(),
                ttl,
                RData::PTR(PTR(target)),
            ))
        })
        .collect();
    Found::Records(entries)
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    #[test]
    fn ttl_precedence() {
        let config = DnsConfig {
            service_ttl: HashMap::from([
                ("*".to_string(), Duration::from_secs(5)),
                ("web*".to_string(), Duration::from_secs(10)),
                ("web-api*".to_string(), Duration::from_secs(20)),
                ("web".to_string(), Duration::from_secs(30)),
            ]),
            ..DnsConfig::default()
        };
        assert_eq!(service_ttl(&config, "web"), 30);
        assert_eq!(service_ttl(&config, "WEB"), 30);
        assert_eq!(service_ttl(&config, "web-api-v2"), 20);
        assert_eq!(service_ttl(&config, "webby"), 10);
        assert_eq!(service_ttl(&config, "db"), 5);
        assert_eq!(service_ttl(&DnsConfig::default(), "db"), 0);
    }

    #[test]
    fn meta_text_escapes_like_rfc1464() {
        assert_eq!(meta_text("env", "prod"), "env=prod");
        assert_eq!(meta_text("rfc1035-x", "raw data"), "raw data");
        assert_eq!(meta_text("a=b", "c"), "a`=b=c");
        assert_eq!(meta_text(" k ", "v"), "` k` =v");
        assert_eq!(meta_text("a`b", "v=w"), "a``b=v=w");
    }

    #[test]
    fn long_txt_is_split() {
        let data = txt(&"x".repeat(600));
        let lengths: Vec<usize> = data.txt_data.iter().map(|s| s.len()).collect();
        assert_eq!(lengths, vec![255, 255, 90]);
        assert_eq!(txt("").txt_data.len(), 1);
    }
}
