//! The KV browser: one folder (prefix) at a time, loaded lazily, and the value of the key last
//! opened with the modify index it was read at — the index a CAS-safe write must quote.

/// A key's value as read, with the index a CAS write must match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Value {
    pub bytes: Vec<u8>,
    pub flags: u64,
    pub modify_index: u64,
}

/// The folder being browsed and the opened key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Browser {
    /// The folder shown, `""` for the root or ending in `/`.
    pub prefix: String,
    /// Child names relative to `prefix`; folders end in `/`. `None` while loading.
    pub children: Option<Vec<String>>,
    /// The opened key and its value (`None` inside when the key no longer exists).
    pub open: Option<(String, Option<Value>)>,
}

impl Browser {
    /// Takes a `?keys&separator=/` answer for `prefix`; answers for another folder (the user
    /// moved on meanwhile) are dropped.
    pub fn listed(&mut self, prefix: &str, keys: Vec<String>) {
        if prefix != self.prefix {
            return;
        }
        let mut names: Vec<String> = keys
            .into_iter()
            .filter_map(|k| k.strip_prefix(prefix).map(str::to_string))
            .filter(|k| !k.is_empty())
            .collect();
        names.sort();
        names.dedup();
        self.children = Some(names);
    }

    pub fn value(&mut self, key: &str, entry: Option<Value>) {
        self.open = Some((key.to_string(), entry));
    }

    /// Moves into a child folder; the listing must then be fetched.
    pub fn enter(&mut self, child: &str) {
        self.prefix = format!("{}{child}", self.prefix);
        self.children = None;
        self.open = None;
    }

    /// Moves to the parent folder; false at the root.
    pub fn up(&mut self) -> bool {
        if self.prefix.is_empty() {
            return false;
        }
        let trimmed = self.prefix.trim_end_matches('/');
        self.prefix = match trimmed.rfind('/') {
            Some(i) => trimmed[..=i].to_string(),
            None => String::new(),
        };
        self.children = None;
        self.open = None;
        true
    }
}

/// How a value is shown: pretty JSON, plain text, or a hex dump for binary data.
pub fn render_value(bytes: &[u8]) -> Vec<String> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        let trimmed = text.trim_start();
        if (trimmed.starts_with('{') || trimmed.starts_with('['))
            && let Ok(v) = serde_json::from_str::<serde_json::Value>(text)
            && let Ok(pretty) = serde_json::to_string_pretty(&v)
        {
            return pretty.lines().map(str::to_string).collect();
        }
        if !text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t')
        {
            return text.lines().map(str::to_string).collect();
        }
    }
    bytes
        .chunks(16)
        .enumerate()
        .map(|(i, chunk)| {
            let hex: Vec<String> = chunk.iter().map(|b| format!("{b:02x}")).collect();
            let ascii: String = chunk
                .iter()
                .map(|&b| if b.is_ascii_graphic() { b as char } else { '.' })
                .collect();
            format!("{:08x}  {:<47}  {ascii}", i * 16, hex.join(" "))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Listings keep only direct children, and answers for a folder left behind are ignored.
    #[test]
    fn listing_and_navigation() {
        let mut b = Browser::default();
        b.listed("", vec!["app/".into(), "top".into()]);
        assert_eq!(
            b.children.as_deref(),
            Some(&["app/".to_string(), "top".into()][..])
        );
        b.enter("app/");
        assert_eq!(b.prefix, "app/");
        b.listed("", vec!["late".into()]);
        assert_eq!(b.children, None);
        b.listed("app/", vec!["app/cfg".into(), "app/db/".into()]);
        assert_eq!(
            b.children.as_deref(),
            Some(&["cfg".to_string(), "db/".into()][..])
        );
        b.enter("db/");
        assert!(b.up());
        assert_eq!(b.prefix, "app/");
        assert!(b.up());
        assert_eq!(b.prefix, "");
        assert!(!b.up());
    }

    /// JSON is pretty-printed, text shown as is, binary as a hex dump.
    #[test]
    fn values_render_by_kind() {
        assert_eq!(render_value(br#"{"a":1}"#), ["{", "  \"a\": 1", "}"]);
        assert_eq!(render_value(b"plain"), ["plain"]);
        assert_eq!(
            render_value(&[0, 1, 0xff, b'A']),
            [format!("00000000  {:<47}  ..?A", "00 01 ff 41").replace('?', ".")]
        );
    }
}
