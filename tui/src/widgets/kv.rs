//! The KV body: the current folder's children on the left, the opened key's value on the right
//! (pretty JSON, text, or a hex dump), stacked when the terminal is narrow.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row};

use super::lists::table;
use super::titled;
use crate::app::App;
use crate::state::kv::render_value;
use crate::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let kv = &app.cluster.kv;
    let split = if area.width >= 100 {
        Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)])
    } else {
        Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)])
    };
    let [list, value] = split.areas(area);

    let rows: Vec<Row> = app
        .kv_rows()
        .iter()
        .map(|k| {
            let style = if k.ends_with('/') {
                theme.title()
            } else {
                Default::default()
            };
            Row::new(vec![Cell::from(Span::styled(k.to_string(), style))])
        })
        .collect();
    let loading = kv.children.is_none();
    let title = format!(
        "KV /{}{}",
        kv.prefix,
        if loading { " (loading)" } else { "" }
    );
    table(
        frame,
        list,
        titled(app, &title, Some(rows.len()), theme),
        &["Key"],
        &[Constraint::Fill(1)],
        rows,
        Some(app.selection()),
        theme,
    );

    let (title, lines) = match &kv.open {
        None => (
            " Value ".to_string(),
            vec![Line::styled(
                "Enter on a key shows its value",
                theme.label(),
            )],
        ),
        Some((key, None)) => (
            format!(" {key} "),
            vec![Line::styled("(the key does not exist)", theme.label())],
        ),
        Some((key, Some(v))) => {
            let mut lines = vec![Line::styled(
                format!(
                    "{} bytes  flags {}  modify index {}",
                    v.bytes.len(),
                    v.flags,
                    v.modify_index
                ),
                theme.label(),
            )];
            lines.extend(render_value(&v.bytes).into_iter().map(Line::from));
            (format!(" {key} "), lines)
        }
    };
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(title)),
        value,
    );
}
