//! The piggyback queue: messages to spread, each sent a bounded number of times
//! (`retransmit_mult × ceil(log10(n + 1))`), fewest-sent first, newest news about a node replacing
//! older news about the same node.

use std::collections::HashMap;

/// A queued broadcast.
#[derive(Debug, Clone)]
struct Item {
    /// Messages about the same subject replace each other (a node name, or None for unique ones).
    subject: Option<String>,
    msg: Vec<u8>,
    transmits: u32,
    /// Insertion order, to prefer newer messages among equals.
    id: u64,
}

#[derive(Debug, Default, Clone)]
pub struct Queue {
    items: Vec<Item>,
    /// The id of the current item for each subject; older items about it are stale and are
    /// dropped at the next take. Replacing lazily keeps a push O(1) when a join brings news of
    /// thousands of members at once.
    current: HashMap<String, u64>,
    stale: usize,
    next_id: u64,
}

/// The retransmit limit for a cluster of `n` members.
pub fn retransmit_limit(mult: u32, n: usize) -> u32 {
    let scale = ((n + 1) as f64).log10().ceil() as u32;
    mult * scale.max(1)
}

impl Queue {
    /// Queues a message, superseding any older one about the same subject.
    pub fn push(&mut self, subject: Option<String>, msg: Vec<u8>) {
        self.next_id += 1;
        if let Some(s) = &subject
            && self.current.insert(s.clone(), self.next_id).is_some()
        {
            self.stale += 1;
        }
        self.items.push(Item {
            subject,
            msg,
            transmits: 0,
            id: self.next_id,
        });
    }

    pub fn len(&self) -> usize {
        self.items.len() - self.stale
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn is_current(current: &HashMap<String, u64>, i: &Item) -> bool {
        i.subject
            .as_ref()
            .is_none_or(|s| current.get(s) == Some(&i.id))
    }

    /// Takes messages that fit in `limit` bytes, each costing `overhead` extra, fewest-sent first;
    /// messages sent `max_transmits` times are dropped.
    pub fn take(&mut self, overhead: usize, mut limit: usize, max_transmits: u32) -> Vec<Vec<u8>> {
        if self.stale > 0 {
            let current = &self.current;
            self.items.retain(|i| Self::is_current(current, i));
            self.stale = 0;
        }
        self.items
            .sort_by(|a, b| a.transmits.cmp(&b.transmits).then(b.id.cmp(&a.id)));
        let mut out = Vec::new();
        for item in &mut self.items {
            let cost = item.msg.len() + overhead;
            if cost > limit {
                continue;
            }
            limit -= cost;
            item.transmits += 1;
            out.push(item.msg.clone());
            if limit <= overhead {
                break;
            }
        }
        let current = &mut self.current;
        self.items.retain(|i| {
            let keep = i.transmits < max_transmits;
            if !keep && let Some(s) = &i.subject {
                current.remove(s);
            }
            keep
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Newer news replaces older, sends are bounded, and the byte budget holds.
    #[test]
    fn queue_rules() {
        let mut q = Queue::default();
        q.push(Some("a".into()), vec![1; 10]);
        q.push(Some("a".into()), vec![2; 10]);
        q.push(None, vec![3; 10]);
        assert_eq!(q.len(), 2);
        let got = q.take(2, 12, 2);
        assert_eq!(got.len(), 1, "only one fits");
        let got = q.take(2, 100, 2);
        assert_eq!(got.len(), 2);
        assert_eq!(q.take(2, 100, 2).len(), 1, "the first one hit its limit");
        assert!(q.is_empty());
        assert_eq!(retransmit_limit(4, 5), 4);
        assert_eq!(retransmit_limit(4, 10), 8);
        assert_eq!(retransmit_limit(4, 1000), 16);
    }
}
