//! Drawing, from `App` state only: the frame's chrome (tabs, the unreachable-agent banner, the
//! status line, help and confirmation pop-ups) here, and one module per kind of body. Nothing
//! here changes state or talks to the network, so a frame is a pure function of the state.

mod detail;
mod kv;
mod lists;
mod overview;
#[cfg(test)]
mod tests;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::app::{App, Ask, Mode, Pending, View};
use crate::keys;
use crate::state::Stamp;
use crate::theme::Theme;

/// Draws one whole frame.
pub fn draw(frame: &mut Frame, app: &App, theme: Theme) {
    let banner = !app.cluster.errors.is_empty();
    let [tabs, banner_area, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(if banner { 2 } else { 0 }),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(frame.area());
    draw_tabs(frame, tabs, app, theme);
    if banner {
        draw_banner(frame, banner_area, app, theme);
    }
    match (&app.detail, app.view) {
        (Some(d), _) => detail::draw(frame, body, app, d, theme),
        (None, View::Overview) => overview::draw(frame, body, app, theme),
        (None, View::Kv) => kv::draw(frame, body, app, theme),
        (None, view) => lists::draw(frame, body, app, view, theme),
    }
    draw_status(frame, status, app, theme);
    match &app.mode {
        Mode::Help => draw_help(frame, app, theme),
        Mode::Confirm(p) => draw_confirm(frame, p, theme),
        Mode::Normal | Mode::Filter | Mode::Prompt(_) => {}
    }
}

/// Where the last drawn selectable table put its rows, and its scroll offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowsArea {
    pub top: u16,
    /// Exclusive.
    pub bottom: u16,
    pub left: u16,
    /// Exclusive.
    pub right: u16,
    /// The index of the first row shown.
    pub offset: usize,
}

impl RowsArea {
    /// The row index at a screen cell, if the cell is on a row.
    pub fn row_at(&self, column: u16, row: u16) -> Option<usize> {
        let inside =
            (self.top..self.bottom).contains(&row) && (self.left..self.right).contains(&column);
        inside.then(|| self.offset + usize::from(row - self.top))
    }
}

thread_local! {
    static ROWS_AREA: std::cell::Cell<Option<RowsArea>> = const { std::cell::Cell::new(None) };
}

fn set_rows_area(r: RowsArea) {
    ROWS_AREA.with(|c| c.set(Some(r)));
}

/// The rows area of the frame just drawn (`None` when it had no selectable table); the event
/// loop hands it to the app so mouse clicks can select rows.
pub fn take_rows_area() -> Option<RowsArea> {
    ROWS_AREA.with(|c| c.take())
}

/// `HH:MM:SS` (UTC) of a stamp.
pub fn clock(at: Stamp) -> String {
    let s = at % 86_400;
    format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// A duration in seconds as an operator reads it: `12s`, `3m20s`, `2h5m`.
pub fn age(secs: u64) -> String {
    match secs {
        0..60 => format!("{secs}s"),
        60..3600 => format!("{}m{}s", secs / 60, secs % 60),
        _ => format!("{}h{}m", secs / 3600, secs / 60 % 60),
    }
}

/// A bordered block titled with the view's name, its row count, sort and filter.
pub fn titled(app: &App, title: &str, count: Option<usize>, theme: Theme) -> Block<'static> {
    let mut t = format!(" {title}");
    if let Some(n) = count {
        t.push_str(&format!(" ({n})"));
    }
    if app.view.sorts().len() > 1 {
        t.push_str(&format!("  sort:{}", app.sort_name()));
    }
    if !app.filter().is_empty() || app.mode == Mode::Filter {
        t.push_str(&format!("  filter:/{}", app.filter()));
    }
    t.push(' ');
    Block::bordered().title(Span::styled(t, theme.title()))
}

fn draw_tabs(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let mut spans = Vec::new();
    for (i, v) in View::ALL.iter().enumerate() {
        // Brackets mark the current tab even in plain-text output (`--once`, snapshots).
        let (open, close, style) = if *v == app.view {
            ("[", "]", theme.selected())
        } else {
            (" ", " ", Style::new())
        };
        spans.push(Span::styled(
            format!("{open}{} {}{close}", i + 1, v.title()),
            style,
        ));
    }
    frame.render_widget(Line::from(spans), area);
}

fn draw_banner(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let error = app
        .cluster
        .errors
        .values()
        .next()
        .cloned()
        .unwrap_or_default();
    let data = match app.cluster.last_ok {
        Some(t) => format!("showing data from {} ago", age(app.now.saturating_sub(t))),
        None => "no data yet".into(),
    };
    let text = format!(" ! agent unreachable, retrying; {data}: {error}");
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: true })
            .style(theme.banner()),
        area,
    );
}

fn draw_status(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let line = match &app.mode {
        Mode::Filter => Line::from(format!("/{}_", app.filter())),
        Mode::Prompt(p) => {
            let label = match &p.ask {
                Ask::NewKey => format!("new key in '{}': ", app.cluster.kv.prefix),
                Ask::Value { key, .. } => format!("value for {key}: "),
            };
            Line::from(vec![
                Span::styled(label, theme.title()),
                Span::raw(format!("{}_", p.input)),
            ])
        }
        Mode::Confirm(_) => Line::from("y: confirm   n / Esc: cancel"),
        Mode::Normal | Mode::Help => match &app.cluster.notice {
            Some(n) => Line::from(n.clone()),
            None => {
                let hint = match (&app.detail, app.view) {
                    (Some(_), _) => "Esc back",
                    (None, View::Kv) => "Enter open  Esc up  n new  e edit  d delete",
                    (None, View::Overview) => "1-8 views",
                    _ => "Enter drill in  / filter  s sort",
                };
                let updated = match app.cluster.last_ok {
                    Some(t) => format!("updated {} ago", age(app.now.saturating_sub(t))),
                    None => "connecting".into(),
                };
                Line::from(vec![
                    Span::raw(format!("? help  q quit  {hint}")),
                    Span::styled(format!("  {updated}"), theme.label()),
                ])
            }
        },
    };
    frame.render_widget(line, area);
}

/// A centred rectangle of at most `w` x `h` inside `area`.
fn centred(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

fn draw_help(frame: &mut Frame, _app: &App, theme: Theme) {
    let help = keys::help();
    let width = help
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    let lines: Vec<Line> = help
        .iter()
        .map(|(k, h)| {
            Line::from(vec![
                Span::styled(format!("{k:>width$}  "), theme.title()),
                Span::raw(*h),
            ])
        })
        .collect();
    let area = centred(frame.area(), 56, lines.len() as u16 + 2);
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(" keys (any key closes) ")),
        area,
    );
}

fn draw_confirm(frame: &mut Frame, pending: &Pending, theme: Theme) {
    let text = match pending {
        Pending::Put { key, value, cas } => {
            let guard = if *cas == 0 {
                "only if it does not exist yet".to_string()
            } else {
                format!("only if unchanged since index {cas}")
            };
            format!("Write {} bytes to {key}, {guard}? [y/n]", value.len())
        }
        Pending::Delete { key, cas } => {
            format!("Delete {key}, only if unchanged since index {cas}? [y/n]")
        }
    };
    let area = centred(frame.area(), 60, 5);
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: true })
            .block(Block::bordered().title(Span::styled(" confirm ", theme.banner()))),
        area,
    );
}
