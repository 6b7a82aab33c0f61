//! The only place output is formatted: plain lines, JSON, and comfy-table tables, written so that a
//! closed stdout (`| head`) ends the command quietly instead of panicking.

use std::io::Write;

use comfy_table::{Table, presets};
use serde::Serialize;

use crate::CliError;

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
}

fn write(bytes: &[u8]) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|_| out.flush())
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::BrokenPipe => CliError::BrokenPipe,
            _ => CliError::Failed(format!("writing output: {e}")),
        })
}

/// Prints one line.
pub fn line(s: &str) -> Result<(), CliError> {
    let mut buf = Vec::with_capacity(s.len() + 1);
    buf.extend_from_slice(s.as_bytes());
    buf.push(b'\n');
    write(&buf)
}

/// Prints raw bytes followed by a newline (values may not be UTF-8).
pub fn bytes_line(b: &[u8]) -> Result<(), CliError> {
    let mut buf = b.to_vec();
    buf.push(b'\n');
    write(&buf)
}

/// Prints a value as indented JSON.
pub fn json<T: Serialize>(v: &T) -> Result<(), CliError> {
    let s = serde_json::to_string_pretty(v)
        .map_err(|e| CliError::Failed(format!("encoding JSON: {e}")))?;
    line(&s)
}

/// Prints a value as JSON indented with tabs (Consul's `kv export` layout).
pub fn json_tabs<T: Serialize>(v: &T) -> Result<(), CliError> {
    let mut buf = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b"\t");
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
    v.serialize(&mut ser)
        .map_err(|e| CliError::Failed(format!("encoding JSON: {e}")))?;
    buf.push(b'\n');
    write(&buf)
}

/// Prints `name<pad>value` rows aligned like Go's tabwriter with a padding of 6 (Consul's
/// `kv get --detailed`).
pub fn aligned(rows: &[(&str, String)]) -> Result<(), CliError> {
    let width = rows.iter().map(|(k, _)| k.len()).max().unwrap_or(0) + 6;
    let mut s = String::new();
    for (k, v) in rows {
        s.push_str(&format!("{k:<width$}{v}\n"));
    }
    write(s.as_bytes())
}

/// A borderless table with a header, in Consul's columnar style.
pub fn table(header: &[&str], rows: Vec<Vec<String>>) -> Result<(), CliError> {
    let mut t = Table::new();
    t.load_style(presets::NOTHING);
    t.set_header(header.to_vec());
    for r in rows {
        t.add_row(r);
    }
    // Consul's columnize: no margin, two spaces between columns.
    let n = header.len();
    for (i, col) in t.column_iter_mut().enumerate() {
        col.set_padding((0, if i + 1 < n { 2 } else { 0 }));
    }
    let text = t.to_string();
    let trimmed: Vec<&str> = text.lines().map(|l| l.trim_end()).collect();
    line(&trimmed.join("\n"))
}

/// Columns aligned as [`table`] does, without a header (`catalog services --tags`).
pub fn table_no_header(rows: Vec<Vec<String>>) -> Result<(), CliError> {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0usize; cols];
    for r in &rows {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(c.chars().count());
        }
    }
    let lines: Vec<String> = rows
        .iter()
        .map(|r| {
            r.iter()
                .enumerate()
                .map(|(i, c)| {
                    if i + 1 < r.len() {
                        format!("{c:<w$}  ", w = widths[i])
                    } else {
                        c.clone()
                    }
                })
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect();
    line(&lines.join("\n"))
}

/// Writes a progress line to stderr when stderr is a terminal (overwritten in place).
pub fn progress(s: &str) {
    use std::io::IsTerminal;
    let mut err = std::io::stderr();
    if err.is_terminal() {
        let _ = write!(err, "\r\x1b[2K{s}");
        let _ = err.flush();
    }
}

/// Ends a progress line.
pub fn progress_done() {
    use std::io::IsTerminal;
    let mut err = std::io::stderr();
    if err.is_terminal() {
        let _ = write!(err, "\r\x1b[2K");
        let _ = err.flush();
    }
}
