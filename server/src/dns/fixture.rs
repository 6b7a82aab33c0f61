//! Test fixtures: an in-memory [`Source`] with a small, varied catalog (healthy, warning and
//! critical instances; with and without service addresses; tags; IPv6; host-name addresses; a
//! 100-instance service for truncation) and helpers to build query messages with hickory.

use std::collections::BTreeMap;
use std::net::IpAddr;

use hickory_proto::op::{Message, Query};
use hickory_proto::rr::{Name, RecordType};

use super::{Health, NodeRecord, ServiceInstance, Source};

pub(crate) struct MemSource {
    nodes: Vec<NodeRecord>,
    services: Vec<(String, ServiceInstance)>,
}

fn node(name: &str, address: &str) -> NodeRecord {
    NodeRecord {
        name: name.to_string(),
        address: address.to_string(),
        meta: BTreeMap::new(),
    }
}

impl MemSource {
    pub(crate) fn sample() -> Self {
        let mut web1 = node("web-1", "10.0.0.1");
        web1.meta.insert("env".into(), "prod".into());
        web1.meta.insert("rfc1035-raw".into(), "raw-value".into());
        let mut nodes = vec![
            web1,
            node("web-2", "10.0.0.2"),
            node("web-3", "10.0.0.3"),
            node("db-1", "10.0.1.1"),
            node("v6", "2001:db8::1"),
            node("ext-node", "example.org"),
        ];
        let mut source = Self {
            nodes: Vec::new(),
            services: Vec::new(),
        };
        let mut add = |service: &str,
                       node: &NodeRecord,
                       service_address: &str,
                       port: u16,
                       tags: &[&str],
                       health: Health| {
            source.services.push((
                service.to_string(),
                ServiceInstance {
                    node: node.name.clone(),
                    node_address: node.address.clone(),
                    service_address: service_address.to_string(),
                    port,
                    tags: tags.iter().map(|t| t.to_string()).collect(),
                    health,
                    node_meta: node.meta.clone(),
                },
            ));
        };
        add(
            "web",
            &nodes[0],
            "",
            8080,
            &["v1", "primary"],
            Health::Passing,
        );
        add("web", &nodes[1], "10.0.5.2", 8080, &["v2"], Health::Passing);
        add("web", &nodes[2], "10.0.0.3", 8081, &["v1"], Health::Warning);
        add("web", &nodes[3], "", 8080, &["v1"], Health::Critical);
        add("db", &nodes[3], "", 5432, &[], Health::Passing);
        add("cache", &nodes[3], "", 6379, &[], Health::Warning);
        add("gone", &nodes[0], "", 1, &[], Health::Critical);
        add("api", &nodes[4], "2001:db8::42", 9000, &[], Health::Passing);
        add("ext", &nodes[5], "", 80, &[], Health::Passing);
        // Servers register themselves as service "consul".
        add("consul", &nodes[3], "", 8300, &[], Health::Passing);
        for i in 0..100u8 {
            let big = node(&format!("big-{i}"), &format!("10.1.0.{i}"));
            add("big", &big, "", 7000, &[], Health::Passing);
            nodes.push(big);
        }
        source.nodes = nodes;
        source
    }
}

impl Source for MemSource {
    fn service_instances(&self, service: &str) -> Vec<ServiceInstance> {
        self.services
            .iter()
            .filter(|(name, _)| name.eq_ignore_ascii_case(service))
            .map(|(_, instance)| instance.clone())
            .collect()
    }

    fn node(&self, name: &str) -> Option<NodeRecord> {
        self.nodes
            .iter()
            .find(|n| n.name.eq_ignore_ascii_case(name))
            .cloned()
    }

    fn nodes_with_address(&self, ip: IpAddr) -> Vec<String> {
        self.nodes
            .iter()
            .filter(|n| n.address.parse::<IpAddr>().ok() == Some(ip))
            .map(|n| n.name.clone())
            .collect()
    }
}

/// A standard query (random id) for `name`/`qtype`.
pub(crate) fn build_query(name: &str, qtype: RecordType) -> Message {
    let mut message = Message::query();
    message.add_query(Query::query(
        Name::from_ascii(name).expect("test name"),
        qtype,
    ));
    message
}

pub(crate) fn query_bytes(name: &str, qtype: RecordType) -> Vec<u8> {
    build_query(name, qtype)
        .to_vec()
        .expect("encode test query")
}
