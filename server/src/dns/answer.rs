//! Message handling: validates a query message, dispatches its question, and encodes the
//! response for its transport (EDNS0 echo, the UDP size limit, truncation with TC).
//!
//! Everything here is pure — bytes in, bytes out — so the protocol rules can be tested without
//! sockets; the one thing it cannot do (asking a recursor) it reports as [`Outcome::Forward`]
//! for the server loop to carry out.

use std::collections::HashSet;

use hickory_proto::op::{Edns, Message, Metadata, OpCode, Query, ResponseCode};
use hickory_proto::rr::{DNSClass, Record, RecordType};

use super::lookup::{Entry, Found, resolve, soa_record};
use super::name::{Lookup, Zone};
use super::{DnsConfig, Source, Transport};

/// A DNS header is 12 bytes; anything shorter is not worth an answer (and answering junk would
/// make us a reflector).
const HEADER_LEN: usize = 12;
/// The classic UDP limit when the client does not advertise EDNS0.
const MIN_UDP: u16 = 512;
/// The most we promise over UDP, whatever the client advertises (beyond this fragmentation makes
/// delivery unreliable).
const MAX_UDP: u16 = 4096;
/// The most a TCP message can carry behind its 2-byte length.
const MAX_TCP: usize = u16::MAX as usize;

/// What the server loop should do with a received message.
#[derive(Debug)]
pub(crate) enum Outcome {
    /// Send these bytes back.
    Reply(Vec<u8>),
    /// Not ours to answer and recursors are configured: relay the query. `local` is what we
    /// would say without forwarding (what [`answer`] returns); `servfail` is the reply for when
    /// every recursor fails.
    Forward { local: Vec<u8>, servfail: Vec<u8> },
    /// Say nothing (not a query, or not even a header).
    Drop,
}

/// Answers one query message (pure: no I/O, no recursion). `None` when the bytes are not even a
/// DNS header (fewer than 12 bytes) or are a response (QR set): those are dropped.
///
/// Names outside the domain are answered REFUSED here even when recursors are configured;
/// forwarding them is [`super::serve`]'s job.
pub fn answer(
    query: &[u8],
    source: &dyn Source,
    config: &DnsConfig,
    transport: Transport,
) -> Option<Vec<u8>> {
    match handle(query, source, config, transport) {
        Outcome::Reply(bytes) => Some(bytes),
        Outcome::Forward { local, .. } => Some(local),
        Outcome::Drop => None,
    }
}

/// [`answer`], but telling the server when to forward.
pub(crate) fn handle(
    bytes: &[u8],
    source: &dyn Source,
    config: &DnsConfig,
    transport: Transport,
) -> Outcome {
    let Some(header) = bytes.get(..HEADER_LEN) else {
        return Outcome::Drop;
    };
    // Never answer a response: two servers could otherwise bounce errors at each other forever.
    if header[2] & 0x80 != 0 {
        return Outcome::Drop;
    }
    // The id, opcode and RD are read from the raw header so that errors can be answered even
    // when the rest of the message does not decode.
    let id = u16::from_be_bytes([header[0], header[1]]);
    let op_code = OpCode::from_u8((header[2] >> 3) & 0x0f);
    let recursion_desired = header[2] & 0x01 != 0;
    if op_code != OpCode::Query {
        return bare_error(id, op_code, recursion_desired, ResponseCode::NotImp, config);
    }
    let request = match Message::from_vec(bytes) {
        Ok(request) => request,
        Err(error) => {
            tracing::debug!(%error, "dns: undecodable query");
            return bare_error(
                id,
                op_code,
                recursion_desired,
                ResponseCode::FormErr,
                config,
            );
        }
    };
    let limit = size_limit(transport, request.edns.as_ref());
    let mut response = Message::response(id, OpCode::Query);
    response.metadata = Metadata::response_from_request(&request.metadata);
    response.metadata.recursion_available = !config.recursors.is_empty();
    if request.edns.is_some() {
        let mut edns = Edns::new();
        edns.set_max_payload(MAX_UDP);
        response.set_edns(edns);
    }
    let [question] = request.queries.as_slice() else {
        return reply_code(response, ResponseCode::FormErr, limit);
    };
    response.add_query(question.clone());
    if request.edns.as_ref().is_some_and(|edns| edns.version() > 0) {
        return reply_code(response, ResponseCode::BADVERS, limit);
    }
    if !matches!(question.query_class(), DNSClass::IN | DNSClass::ANY) {
        return reply_code(response, ResponseCode::Refused, limit);
    }
    // Zone transfers are not offered: the zone is synthesised, not stored.
    if matches!(question.query_type(), RecordType::AXFR | RecordType::IXFR) {
        return reply_code(response, ResponseCode::Refused, limit);
    }
    tracing::trace!(name = %question.name(), qtype = %question.query_type(), "dns: query");
    match Zone::new(config) {
        Some(zone) => dispatch(response, question, &zone, source, config, limit),
        None => {
            tracing::debug!(domain = %config.domain, "dns: configured domain is not a valid name");
            outside(response, config, limit)
        }
    }
}

/// Answers the single question.
fn dispatch(
    mut response: Message,
    question: &Query,
    zone: &Zone,
    source: &dyn Source,
    config: &DnsConfig,
    limit: usize,
) -> Outcome {
    let lookup = zone.parse(question.name());
    if lookup == Lookup::Outside {
        return outside(response, config, limit);
    }
    // arpa is not our zone: its negative answers carry no SOA of ours, and names we do not know
    // there may be known to the recursors (Consul forwards them).
    let in_zone = !matches!(lookup, Lookup::Reverse(_));
    let may_forward = !in_zone && !config.recursors.is_empty();
    let found = resolve(
        &lookup,
        question.name(),
        question.query_type(),
        zone,
        source,
        config,
    );
    response.metadata.authoritative = true;
    let soa = || {
        soa_record(zone, config)
            .filter(|_| in_zone)
            .into_iter()
            .collect::<Vec<_>>()
    };
    match found {
        Found::Records(entries) => {
            let authority = if entries.is_empty() {
                soa()
            } else {
                Vec::new()
            };
            reply(encode(&response, &entries, &authority, limit))
        }
        Found::NoName => {
            response.metadata.response_code = ResponseCode::NXDomain;
            let local = encode(&response, &[], &soa(), limit);
            // Consul hands reverse names it does not know to the recursors.
            match (may_forward, local) {
                (true, Some(local)) => forward(response, local, limit),
                (_, local) => reply(local),
            }
        }
    }
}

/// A name outside the domain: REFUSED, or forwarded when there are recursors.
fn outside(mut response: Message, config: &DnsConfig, limit: usize) -> Outcome {
    response.metadata.authoritative = false;
    response.metadata.response_code = ResponseCode::Refused;
    match (
        config.recursors.is_empty(),
        encode(&response, &[], &[], limit),
    ) {
        (false, Some(local)) => forward(response, local, limit),
        (_, local) => reply(local),
    }
}

fn forward(mut response: Message, local: Vec<u8>, limit: usize) -> Outcome {
    response.metadata.authoritative = false;
    response.metadata.response_code = ResponseCode::ServFail;
    match encode(&response, &[], &[], limit) {
        Some(servfail) => Outcome::Forward { local, servfail },
        None => Outcome::Reply(local),
    }
}

/// An answer with no records, only a response code.
fn reply_code(mut response: Message, code: ResponseCode, limit: usize) -> Outcome {
    response.metadata.response_code = code;
    reply(encode(&response, &[], &[], limit))
}

fn reply(bytes: Option<Vec<u8>>) -> Outcome {
    match bytes {
        Some(bytes) => Outcome::Reply(bytes),
        None => Outcome::Drop,
    }
}

/// An error for a message we could not (or would not) decode: header only, no question.
fn bare_error(
    id: u16,
    op_code: OpCode,
    recursion_desired: bool,
    code: ResponseCode,
    config: &DnsConfig,
) -> Outcome {
    let mut message = Message::error_msg(id, op_code, code);
    message.metadata.recursion_desired = recursion_desired;
    message.metadata.recursion_available = !config.recursors.is_empty();
    reply(message.to_vec().ok())
}

/// 512 over UDP without EDNS0, else the client's advertised size within [512, 4096]; TCP is
/// bounded only by its length prefix.
fn size_limit(transport: Transport, edns: Option<&Edns>) -> usize {
    match transport {
        Transport::Udp => {
            let advertised = edns.map_or(MIN_UDP, Edns::max_payload);
            usize::from(advertised.clamp(MIN_UDP, MAX_UDP))
        }
        Transport::Tcp => MAX_TCP,
    }
}

/// Encodes `base` with the given answers (and their additional records) and authority, fitting
/// it into `limit` bytes: when everything does not fit, the longest prefix of answers that does
/// (each with its additional records) is kept and TC is set so the client retries over TCP.
/// The answers are already shuffled, so a prefix is a random subset.
fn encode(
    base: &Message,
    entries: &[Entry],
    authority: &[Record],
    limit: usize,
) -> Option<Vec<u8>> {
    let entries = dedupe_extras(entries);
    let build = |count: usize, authority: &[Record], truncated: bool| {
        let mut message = base.clone();
        message.metadata.truncation = truncated;
        message.answers = entries[..count].iter().map(|e| e.record.clone()).collect();
        message.additionals = entries[..count]
            .iter()
            .flat_map(|e| e.extra.iter().cloned())
            .collect();
        message.authorities = authority.to_vec();
        message.to_vec().ok().filter(|bytes| bytes.len() <= limit)
    };
    if let Some(bytes) = build(entries.len(), authority, false) {
        return Some(bytes);
    }
    let Some(mut best) = build(0, authority, true) else {
        // Not even the negative answer fits (a huge name under a tiny limit): header, question
        // and TC are all we can say.
        return build(0, &[], true);
    };
    // Invariant: `lo` answers fit (`best` holds them), `hi` answers do not.
    let (mut lo, mut hi) = (0, entries.len());
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        match build(mid, authority, true) {
            Some(bytes) => {
                best = bytes;
                lo = mid;
            }
            None => hi = mid,
        }
    }
    Some(best)
}

/// Drops additional records already carried by an earlier answer (two SRV records for one node
/// share its address). Truncation keeps prefixes, so the first holder is always kept whenever a
/// later one is.
fn dedupe_extras(entries: &[Entry]) -> Vec<Entry> {
    let mut seen = HashSet::new();
    entries
        .iter()
        .map(|entry| Entry {
            record: entry.record.clone(),
            extra: entry
                .extra
                .iter()
                .filter(|record| seen.insert(record.to_string().to_ascii_lowercase()))
                .cloned()
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeSet, HashMap};
    use std::net::IpAddr;
    use std::time::Duration;

    use hickory_proto::op::MessageType;
    use hickory_proto::rr::{Name, RData};
    use rand::RngExt;

    use super::super::fixture::{MemSource, build_query, query_bytes};
    use super::*;

    fn ask(name: &str, qtype: RecordType) -> Message {
        ask_with(name, qtype, &DnsConfig::default(), Transport::Udp)
    }

    fn ask_with(
        name: &str,
        qtype: RecordType,
        config: &DnsConfig,
        transport: Transport,
    ) -> Message {
        let source = MemSource::sample();
        let bytes = answer(&query_bytes(name, qtype), &source, config, transport).expect("reply");
        Message::from_vec(&bytes).expect("decodable reply")
    }

    fn raw(bytes: &[u8]) -> Option<Message> {
        let source = MemSource::sample();
        answer(bytes, &source, &DnsConfig::default(), Transport::Udp)
            .map(|bytes| Message::from_vec(&bytes).expect("decodable reply"))
    }

    fn ips(message: &Message) -> BTreeSet<IpAddr> {
        message
            .answers
            .iter()
            .filter_map(|r| r.data.ip_addr())
            .collect()
    }

    fn set(items: &[&str]) -> BTreeSet<IpAddr> {
        items.iter().map(|s| s.parse().expect("ip")).collect()
    }

    fn srv_targets(message: &Message) -> BTreeSet<(String, u16)> {
        message
            .answers
            .iter()
            .filter_map(|r| match &r.data {
                RData::SRV(srv) => Some((srv.target.to_ascii(), srv.port)),
                _ => None,
            })
            .collect()
    }

    fn texts(message: &Message) -> BTreeSet<String> {
        message
            .answers
            .iter()
            .filter_map(|r| match &r.data {
                RData::TXT(txt) => Some(
                    txt.txt_data
                        .iter()
                        .map(|s| String::from_utf8_lossy(s).into_owned())
                        .collect::<String>(),
                ),
                _ => None,
            })
            .collect()
    }

    fn assert_soa_authority(message: &Message) {
        assert_eq!(message.authorities.len(), 1, "{message}");
        let RData::SOA(soa) = &message.authorities[0].data else {
            panic!("authority is not an SOA: {message}");
        };
        assert_eq!(message.authorities[0].name.to_ascii(), "consul.");
        assert_eq!(soa.mname.to_ascii(), "ns.consul.");
        assert_eq!(soa.rname.to_ascii(), "hostmaster.consul.");
        assert_eq!(
            (soa.refresh, soa.retry, soa.expire, soa.minimum),
            (3600, 600, 86400, 0)
        );
        assert!(soa.serial > 1_600_000_000);
    }

    #[test]
    fn service_a_skips_critical_and_uses_service_address() {
        let reply = ask("web.service.consul.", RecordType::A);
        assert_eq!(reply.response_code, ResponseCode::NoError);
        assert_eq!(reply.message_type, MessageType::Response);
        assert!(reply.authoritative);
        assert!(!reply.recursion_available);
        // web-1 (node address), web-2 (own address 10.0.5.2), web-3 (warning); db-1 critical.
        assert_eq!(ips(&reply), set(&["10.0.0.1", "10.0.5.2", "10.0.0.3"]));
        assert_eq!(reply.queries[0].name().to_ascii(), "web.service.consul.");
        assert!(
            reply
                .answers
                .iter()
                .all(|r| r.name.to_ascii() == "web.service.consul.")
        );
    }

    #[test]
    fn every_service_name_form_answers() {
        for name in [
            "web.service.consul.",
            "WEB.SERVICE.CONSUL.",
            "web.service.dc1.consul.",
            "web.service.dc1.dc.consul.",
            "_web._tcp.service.consul.",
            "_web._tcp.service.dc1.consul.",
            "_web._tcp.consul.",
        ] {
            let reply = ask(name, RecordType::A);
            assert_eq!(reply.response_code, ResponseCode::NoError, "{name}");
            assert_eq!(reply.answers.len(), 3, "{name}");
        }
    }

    #[test]
    fn only_passing_drops_warning() {
        let config = DnsConfig {
            only_passing: true,
            ..DnsConfig::default()
        };
        let reply = ask_with(
            "web.service.consul.",
            RecordType::A,
            &config,
            Transport::Udp,
        );
        assert_eq!(ips(&reply), set(&["10.0.0.1", "10.0.5.2"]));
        // A service whose only instance warns becomes a missing name.
        let reply = ask_with(
            "cache.service.consul.",
            RecordType::A,
            &config,
            Transport::Udp,
        );
        assert_eq!(reply.response_code, ResponseCode::NXDomain);
        let reply = ask("cache.service.consul.", RecordType::A);
        assert_eq!(ips(&reply), set(&["10.0.1.1"]));
    }

    #[test]
    fn tag_filters() {
        let reply = ask("v1.web.service.consul.", RecordType::A);
        assert_eq!(ips(&reply), set(&["10.0.0.1", "10.0.0.3"]));
        let reply = ask("V2.web.service.consul.", RecordType::A);
        assert_eq!(ips(&reply), set(&["10.0.5.2"]));
        let reply = ask("_web._v2.service.consul.", RecordType::SRV);
        assert_eq!(
            srv_targets(&reply),
            BTreeSet::from([("0a000502.addr.dc1.consul.".to_string(), 8080)])
        );
        let reply = ask("nope.web.service.consul.", RecordType::A);
        assert_eq!(reply.response_code, ResponseCode::NXDomain);
        assert_soa_authority(&reply);
    }

    #[test]
    fn srv_targets_and_additional_addresses() {
        let reply = ask("web.service.consul.", RecordType::SRV);
        assert_eq!(
            srv_targets(&reply),
            BTreeSet::from([
                ("web-1.node.dc1.consul.".to_string(), 8080),
                ("0a000502.addr.dc1.consul.".to_string(), 8080),
                ("web-3.node.dc1.consul.".to_string(), 8081),
            ])
        );
        for record in &reply.answers {
            let RData::SRV(srv) = &record.data else {
                panic!("not SRV: {record}");
            };
            assert_eq!((srv.priority, srv.weight), (1, 1));
        }
        let extra: BTreeSet<(String, IpAddr)> = reply
            .additionals
            .iter()
            .filter_map(|r| Some((r.name.to_ascii(), r.data.ip_addr()?)))
            .collect();
        let expected: BTreeSet<(String, IpAddr)> = [
            ("web-1.node.dc1.consul.", "10.0.0.1"),
            ("0a000502.addr.dc1.consul.", "10.0.5.2"),
            ("web-3.node.dc1.consul.", "10.0.0.3"),
        ]
        .iter()
        .map(|(n, ip)| (n.to_string(), ip.parse().expect("ip")))
        .collect();
        assert_eq!(extra, expected);
    }

    #[test]
    fn srv_ipv6_service_address_uses_32_hex_digits() {
        let reply = ask("api.service.consul.", RecordType::SRV);
        assert_eq!(
            srv_targets(&reply),
            BTreeSet::from([(
                "20010db8000000000000000000000042.addr.dc1.consul.".to_string(),
                9000
            )])
        );
        assert_eq!(reply.additionals.len(), 1);
        assert_eq!(reply.additionals[0].record_type(), RecordType::AAAA);
    }

    #[test]
    fn aaaa_of_ipv4_service_is_nodata() {
        let reply = ask("web.service.consul.", RecordType::AAAA);
        assert_eq!(reply.response_code, ResponseCode::NoError);
        assert!(reply.answers.is_empty());
        assert_soa_authority(&reply);
        let reply = ask("api.service.consul.", RecordType::AAAA);
        assert_eq!(ips(&reply), set(&["2001:db8::42"]));
        let reply = ask("web.service.consul.", RecordType::MX);
        assert!(reply.answers.is_empty());
        assert_eq!(reply.response_code, ResponseCode::NoError);
        assert_soa_authority(&reply);
    }

    #[test]
    fn hostname_addresses_become_cnames() {
        let reply = ask("ext.service.consul.", RecordType::A);
        assert_eq!(reply.answers.len(), 1);
        let RData::CNAME(cname) = &reply.answers[0].data else {
            panic!("not a CNAME: {reply}");
        };
        assert_eq!(cname.0.to_ascii(), "example.org.");
        let reply = ask("ext-node.node.consul.", RecordType::A);
        assert_eq!(reply.answers[0].record_type(), RecordType::CNAME);
    }

    #[test]
    fn unknown_names_are_nxdomain_with_soa() {
        for name in [
            "missing.service.consul.",
            "gone.service.consul.",
            "nobody.node.consul.",
            "web.service.dc2.consul.",
            "web-1.node.dc2.consul.",
            "foo.bar.baz.consul.",
            "zz.addr.dc1.consul.",
            "consul.",
        ] {
            let qtype = match name {
                "consul." => RecordType::A,
                _ => RecordType::ANY,
            };
            let reply = ask(name, qtype);
            assert_soa_authority(&reply);
            assert!(reply.answers.is_empty(), "{name}");
            let expected = match name {
                "consul." => ResponseCode::NoError,
                _ => ResponseCode::NXDomain,
            };
            assert_eq!(reply.response_code, expected, "{name}");
            assert!(reply.authoritative, "{name}");
        }
    }

    #[test]
    fn apex_soa() {
        let reply = ask("consul.", RecordType::SOA);
        assert_eq!(reply.answers.len(), 1);
        assert_eq!(reply.answers[0].record_type(), RecordType::SOA);
    }

    #[test]
    fn node_lookups() {
        let reply = ask("web-1.node.consul.", RecordType::A);
        assert_eq!(ips(&reply), set(&["10.0.0.1"]));
        let reply = ask("Web-1.Node.DC1.dc.consul.", RecordType::A);
        assert_eq!(ips(&reply), set(&["10.0.0.1"]));
        let reply = ask("web-1.node.consul.", RecordType::TXT);
        assert_eq!(
            texts(&reply),
            BTreeSet::from(["env=prod".to_string(), "raw-value".to_string()])
        );
        let reply = ask("web-1.node.consul.", RecordType::ANY);
        assert_eq!(reply.answers.len(), 3);
        assert_eq!(ips(&reply), set(&["10.0.0.1"]));
        let reply = ask("web-1.node.consul.", RecordType::AAAA);
        assert!(reply.answers.is_empty());
        assert_eq!(reply.response_code, ResponseCode::NoError);
        assert_soa_authority(&reply);
        let reply = ask("v6.node.consul.", RecordType::AAAA);
        assert_eq!(ips(&reply), set(&["2001:db8::1"]));
    }

    #[test]
    fn addr_lookups() {
        let reply = ask("0a000001.addr.dc1.consul.", RecordType::A);
        assert_eq!(ips(&reply), set(&["10.0.0.1"]));
        let reply = ask(
            "20010db8000000000000000000000001.addr.dc1.consul.",
            RecordType::AAAA,
        );
        assert_eq!(ips(&reply), set(&["2001:db8::1"]));
        let reply = ask("0a000001.addr.dc1.consul.", RecordType::AAAA);
        assert!(reply.answers.is_empty());
        assert_soa_authority(&reply);
    }

    #[test]
    fn ptr_lookups() {
        let reply = ask("1.0.0.10.in-addr.arpa.", RecordType::PTR);
        assert_eq!(reply.response_code, ResponseCode::NoError);
        let targets: Vec<String> = reply
            .answers
            .iter()
            .filter_map(|r| match &r.data {
                RData::PTR(ptr) => Some(ptr.0.to_ascii()),
                _ => None,
            })
            .collect();
        assert_eq!(targets, vec!["web-1.node.dc1.consul.".to_string()]);
        let v6 = "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.";
        let reply = ask(v6, RecordType::PTR);
        assert_eq!(reply.answers.len(), 1);
        let reply = ask("9.9.9.9.in-addr.arpa.", RecordType::PTR);
        assert_eq!(reply.response_code, ResponseCode::NXDomain);
        assert!(reply.authorities.is_empty());
    }

    #[test]
    fn ttls_follow_config() {
        let config = DnsConfig {
            node_ttl: Duration::from_secs(7),
            service_ttl: HashMap::from([
                ("w*".to_string(), Duration::from_secs(11)),
                ("*".to_string(), Duration::from_secs(3)),
            ]),
            ..DnsConfig::default()
        };
        let reply = ask_with(
            "web.service.consul.",
            RecordType::SRV,
            &config,
            Transport::Udp,
        );
        assert!(reply.answers.iter().all(|r| r.ttl == 11));
        assert!(reply.additionals.iter().all(|r| r.ttl == 11));
        let reply = ask_with("db.service.consul.", RecordType::A, &config, Transport::Udp);
        assert!(reply.answers.iter().all(|r| r.ttl == 3));
        let reply = ask_with(
            "web-1.node.consul.",
            RecordType::ANY,
            &config,
            Transport::Udp,
        );
        assert!(reply.answers.iter().all(|r| r.ttl == 7));
    }

    #[test]
    fn a_record_limit_caps_and_shuffles() {
        let config = DnsConfig {
            a_record_limit: 2,
            ..DnsConfig::default()
        };
        let mut seen = BTreeSet::new();
        for _ in 0..50 {
            let reply = ask_with(
                "web.service.consul.",
                RecordType::A,
                &config,
                Transport::Udp,
            );
            assert_eq!(reply.answers.len(), 2);
            seen.extend(ips(&reply));
        }
        // A random pair each time: over 50 queries all three addresses show up.
        assert_eq!(seen, set(&["10.0.0.1", "10.0.5.2", "10.0.0.3"]));
    }

    #[test]
    fn answers_are_shuffled() {
        let orders: BTreeSet<Vec<IpAddr>> = (0..50)
            .map(|_| {
                let reply = ask("big.service.consul.", RecordType::A);
                reply
                    .answers
                    .iter()
                    .filter_map(|r| r.data.ip_addr())
                    .collect()
            })
            .collect();
        assert!(orders.len() > 1);
    }

    #[test]
    fn udp_truncates_with_tc_and_tcp_does_not() {
        let config = DnsConfig::default();
        let source = MemSource::sample();
        let query = query_bytes("big.service.consul.", RecordType::SRV);
        let udp = answer(&query, &source, &config, Transport::Udp).expect("udp reply");
        assert!(udp.len() <= 512, "{}", udp.len());
        let udp = Message::from_vec(&udp).expect("decodes");
        assert!(udp.truncation);
        assert!(!udp.answers.is_empty());
        assert!(udp.answers.len() < 100);
        // Every kept SRV still has its address in additional.
        for record in &udp.answers {
            let RData::SRV(srv) = &record.data else {
                panic!("not SRV");
            };
            assert!(udp.additionals.iter().any(|a| a.name == srv.target));
        }
        let tcp = answer(&query, &source, &config, Transport::Tcp).expect("tcp reply");
        let tcp = Message::from_vec(&tcp).expect("decodes");
        assert!(!tcp.truncation);
        assert_eq!(tcp.answers.len(), 100);
        assert_eq!(tcp.additionals.len(), 100);
        // A records: 100 × 16 bytes does not fit 512 either.
        let reply = ask("big.service.consul.", RecordType::A);
        assert!(reply.truncation);
        assert!(!reply.answers.is_empty());
    }

    #[test]
    fn edns_raises_the_udp_limit_and_is_echoed() {
        let source = MemSource::sample();
        let config = DnsConfig::default();
        let mut query = build_query("big.service.consul.", RecordType::A);
        let mut edns = Edns::new();
        edns.set_max_payload(4096);
        query.set_edns(edns);
        let bytes = query.to_vec().expect("encode");
        let reply = answer(&bytes, &source, &config, Transport::Udp).expect("reply");
        assert!(reply.len() <= 4096);
        let reply = Message::from_vec(&reply).expect("decodes");
        assert!(!reply.truncation);
        assert_eq!(reply.answers.len(), 100);
        let echoed = reply.edns.as_ref().expect("OPT echoed");
        assert_eq!(echoed.max_payload(), 4096);
        assert_eq!(echoed.version(), 0);

        // An advertised size above 4096 is capped; below 512 is raised to 512.
        for (advertised, cap) in [(65000u16, 4096usize), (100, 512)] {
            let mut query = build_query("big.service.consul.", RecordType::SRV);
            let mut edns = Edns::new();
            edns.set_max_payload(advertised);
            query.set_edns(edns);
            let bytes = query.to_vec().expect("encode");
            let reply = answer(&bytes, &source, &config, Transport::Udp).expect("reply");
            assert!(reply.len() <= cap, "{advertised}: {}", reply.len());
            assert!(Message::from_vec(&reply).expect("decodes").truncation);
        }

        // Without OPT in the query there is none in the reply.
        let reply = ask("web.service.consul.", RecordType::A);
        assert!(reply.edns.is_none());

        // EDNS version 1 gets BADVERS.
        let mut query = build_query("web.service.consul.", RecordType::A);
        let mut edns = Edns::new();
        edns.set_version(1);
        query.set_edns(edns);
        let bytes = query.to_vec().expect("encode");
        let reply = answer(&bytes, &source, &config, Transport::Udp).expect("reply");
        let reply = Message::from_vec(&reply).expect("decodes");
        // BADVERS shares the value 16 with BADSIG, which is what the decoder names it.
        assert_eq!(u16::from(reply.response_code), 16);
        assert!(reply.edns.is_some());
    }

    #[test]
    fn outside_the_domain() {
        let reply = ask("example.com.", RecordType::A);
        assert_eq!(reply.response_code, ResponseCode::Refused);
        assert!(!reply.authoritative);
        let config = DnsConfig {
            recursors: vec!["127.0.0.1:53".parse().expect("addr")],
            ..DnsConfig::default()
        };
        let source = MemSource::sample();
        let query = query_bytes("example.com.", RecordType::A);
        let Outcome::Forward { local, servfail } = handle(&query, &source, &config, Transport::Udp)
        else {
            panic!("expected a forward");
        };
        let local = Message::from_vec(&local).expect("decodes");
        assert_eq!(local.response_code, ResponseCode::Refused);
        assert!(local.recursion_available);
        let servfail = Message::from_vec(&servfail).expect("decodes");
        assert_eq!(servfail.response_code, ResponseCode::ServFail);
        // In-domain answers advertise recursion too, and unknown PTRs are forwarded.
        let reply = ask_with(
            "web.service.consul.",
            RecordType::A,
            &config,
            Transport::Udp,
        );
        assert!(reply.recursion_available);
        let query = query_bytes("9.9.9.9.in-addr.arpa.", RecordType::PTR);
        assert!(matches!(
            handle(&query, &source, &config, Transport::Udp),
            Outcome::Forward { .. }
        ));
    }

    #[test]
    fn header_is_mirrored() {
        let mut query = build_query("web.service.consul.", RecordType::A);
        query.metadata.id = 0xbeef;
        query.metadata.recursion_desired = true;
        let bytes = query.to_vec().expect("encode");
        let reply = raw(&bytes).expect("reply");
        assert_eq!(reply.id, 0xbeef);
        assert!(reply.recursion_desired);
        assert_eq!(reply.op_code, OpCode::Query);
    }

    #[test]
    fn malformed_inputs() {
        // Too short for a header, or empty: nothing.
        assert!(raw(&[]).is_none());
        assert!(raw(&[0x12, 0x34, 0x01]).is_none());
        let good = query_bytes("web.service.consul.", RecordType::A);
        assert!(raw(&good[..11]).is_none());

        // A header announcing a question that is not there: FORMERR with the id.
        let reply = raw(&good[..12]).expect("reply");
        assert_eq!(reply.response_code, ResponseCode::FormErr);
        assert_eq!(reply.id, u16::from_be_bytes([good[0], good[1]]));
        let reply = raw(&good[..good.len() - 3]).expect("reply");
        assert_eq!(reply.response_code, ResponseCode::FormErr);

        // No question, two questions.
        let mut none = build_query("web.service.consul.", RecordType::A);
        none.queries.clear();
        let reply = raw(&none.to_vec().expect("encode")).expect("reply");
        assert_eq!(reply.response_code, ResponseCode::FormErr);
        let mut two = build_query("web.service.consul.", RecordType::A);
        two.add_query(Query::query(
            Name::from_ascii("db.service.consul.").expect("name"),
            RecordType::A,
        ));
        let reply = raw(&two.to_vec().expect("encode")).expect("reply");
        assert_eq!(reply.response_code, ResponseCode::FormErr);

        // Other opcodes.
        for op_code in [OpCode::Notify, OpCode::Update, OpCode::Status] {
            let mut query = build_query("web.service.consul.", RecordType::A);
            query.metadata.op_code = op_code;
            let reply = raw(&query.to_vec().expect("encode")).expect("reply");
            assert_eq!(reply.response_code, ResponseCode::NotImp, "{op_code}");
            assert_eq!(reply.op_code, op_code);
        }

        // A response sent to us: dropped.
        let mut response = build_query("web.service.consul.", RecordType::A);
        response.metadata.message_type = MessageType::Response;
        assert!(raw(&response.to_vec().expect("encode")).is_none());

        // Class CH (version.bind) and zone transfers: REFUSED.
        let mut chaos = build_query("version.bind.", RecordType::TXT);
        chaos.queries[0].set_query_class(DNSClass::CH);
        let reply = raw(&chaos.to_vec().expect("encode")).expect("reply");
        assert_eq!(reply.response_code, ResponseCode::Refused);
        let reply = raw(&query_bytes("consul.", RecordType::AXFR)).expect("reply");
        assert_eq!(reply.response_code, ResponseCode::Refused);

        // Class ANY is served.
        let mut any = build_query("web.service.consul.", RecordType::A);
        any.queries[0].set_query_class(DNSClass::ANY);
        let reply = raw(&any.to_vec().expect("encode")).expect("reply");
        assert_eq!(reply.answers.len(), 3);
    }

    #[test]
    fn random_bytes_never_panic() {
        let source = MemSource::sample();
        let config = DnsConfig::default();
        let good = query_bytes("web.service.consul.", RecordType::SRV);
        let mut rng = rand::rng();
        for round in 0..4000 {
            let bytes: Vec<u8> = match round % 2 {
                // Pure noise (QR cleared half the time so it gets past the first check).
                0 => {
                    let len = rng.random_range(0..200);
                    let mut bytes: Vec<u8> = (0..len).map(|_| rng.random()).collect();
                    if let Some(flags) = bytes.get_mut(2) {
                        *flags &= 0x07;
                    }
                    bytes
                }
                // A valid query with a few bytes flipped: exercises the decoder's deeper paths.
                _ => {
                    let mut bytes = good.clone();
                    for _ in 0..rng.random_range(1..4) {
                        let at = rng.random_range(0..bytes.len());
                        bytes[at] = rng.random();
                    }
                    bytes
                }
            };
            for transport in [Transport::Udp, Transport::Tcp] {
                if let Some(reply) = answer(&bytes, &source, &config, transport) {
                    assert!(reply.len() >= HEADER_LEN);
                    assert_eq!(reply[..2], bytes[..2], "the id is kept");
                    assert!(reply[2] & 0x80 != 0, "QR is set");
                }
            }
        }
    }
}
