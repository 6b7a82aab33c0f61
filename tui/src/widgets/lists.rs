//! The table views — Nodes, Services, Health, Raft, Gossip, Events — drawn from the row lists
//! `App` computes (filtered and sorted there, so what is drawn is what Enter acts on).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, HighlightSpacing, Paragraph, Row, Table, TableState};

use super::{clock, titled};
use crate::app::{App, View};
use crate::state::model::{Health, MemberStatus};
use crate::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, view: View, theme: Theme) {
    match view {
        View::Nodes => nodes(frame, area, app, theme),
        View::Services => services(frame, area, app, theme),
        View::Health => health(frame, area, app, theme),
        View::Raft => raft(frame, area, app, theme),
        View::Gossip => gossip(frame, area, app, theme),
        View::Events => events(frame, area, app, theme),
        View::Overview | View::Kv => {}
    }
}

/// A table with a header and the current view's selection marked with `>`. Every table view
/// goes through here so selection, highlight and spacing look the same everywhere; the long
/// argument list is the price of keeping it a plain function of its inputs.
#[allow(clippy::too_many_arguments)]
pub fn table(
    frame: &mut Frame,
    area: Rect,
    block: Block,
    header: &[&str],
    widths: &[Constraint],
    rows: Vec<Row>,
    selected: Option<usize>,
    theme: Theme,
) {
    let empty = rows.is_empty();
    let header = Row::new(header.iter().map(|h| Cell::from(*h))).style(theme.header());
    let t = Table::new(rows, widths.to_vec())
        .header(header)
        .block(block)
        .column_spacing(1)
        .row_highlight_style(theme.selected())
        .highlight_symbol(">")
        .highlight_spacing(HighlightSpacing::Always);
    let mut state = TableState::default().with_selected(if empty { None } else { selected });
    frame.render_stateful_widget(t, area, &mut state);
    if selected.is_some() {
        // Where the rows landed, so a click can be mapped back to a row (inside the border,
        // below the header).
        super::set_rows_area(super::RowsArea {
            top: area.y.saturating_add(2),
            bottom: area.bottom().saturating_sub(1),
            left: area.x.saturating_add(1),
            right: area.right().saturating_sub(1),
            offset: state.offset(),
        });
    }
}

fn health_cell(h: Option<Health>, theme: Theme) -> Cell<'static> {
    match h {
        Some(h) => Cell::from(Span::styled(h.name(), theme.health(h))),
        None => Cell::from("-"),
    }
}

fn nodes(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let rows: Vec<Row> = app
        .node_rows()
        .iter()
        .map(|m| {
            Row::new(vec![
                Cell::from(m.name.clone()),
                Cell::from(Span::styled(m.status.name(), theme.status(m.status))),
                Cell::from(m.role.name()),
                Cell::from(format!("{}:{}", m.addr, m.port)),
                Cell::from(m.build.clone()),
                Cell::from(m.dc.clone()),
                health_cell(app.cluster.node_health(&m.name), theme),
            ])
        })
        .collect();
    let block = titled(app, "Nodes", Some(rows.len()), theme);
    table(
        frame,
        area,
        block,
        &["Node", "Status", "Role", "Address", "Build", "DC", "Health"],
        &[
            Constraint::Fill(2),
            Constraint::Length(7),
            Constraint::Length(6),
            Constraint::Fill(2),
            Constraint::Length(8),
            Constraint::Length(5),
            Constraint::Length(8),
        ],
        rows,
        Some(app.selection()),
        theme,
    );
}

fn services(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let rows: Vec<Row> = app
        .service_rows()
        .iter()
        .map(|(name, tags)| {
            let (p, w, c) = app.cluster.service_counts(name);
            let n = |v: usize, h: Health| {
                Cell::from(Span::styled(
                    v.to_string(),
                    if v > 0 { theme.health(h) } else { Style::new() },
                ))
            };
            Row::new(vec![
                Cell::from(name.to_string()),
                Cell::from((p + w + c).to_string()),
                n(p, Health::Passing),
                n(w, Health::Warning),
                n(c, Health::Critical),
                Cell::from(tags.join(",")),
            ])
        })
        .collect();
    let block = titled(app, "Services", Some(rows.len()), theme);
    table(
        frame,
        area,
        block,
        &["Service", "Inst", "Pass", "Warn", "Crit", "Tags"],
        &[
            Constraint::Fill(2),
            Constraint::Length(5),
            Constraint::Length(5),
            Constraint::Length(5),
            Constraint::Length(5),
            Constraint::Fill(2),
        ],
        rows,
        Some(app.selection()),
        theme,
    );
}

fn health(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let rows: Vec<Row> = app
        .check_rows()
        .iter()
        .map(|c| {
            Row::new(vec![
                health_cell(Some(c.status), theme),
                Cell::from(c.node.clone()),
                Cell::from(c.name.clone()),
                Cell::from(c.service_name.clone()),
                Cell::from(c.output.lines().next().unwrap_or_default().to_string()),
            ])
        })
        .collect();
    let block = titled(app, "Health", Some(rows.len()), theme);
    table(
        frame,
        area,
        block,
        &["Status", "Node", "Check", "Service", "Output"],
        &[
            Constraint::Length(8),
            Constraint::Fill(1),
            Constraint::Fill(1),
            Constraint::Fill(1),
            Constraint::Fill(2),
        ],
        rows,
        Some(app.selection()),
        theme,
    );
}

fn raft(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let leader_index = app
        .cluster
        .raft
        .iter()
        .find(|p| p.leader)
        .map(|p| p.last_index);
    let rows: Vec<Row> = app
        .cluster
        .raft
        .iter()
        .map(|p| {
            let state = if p.leader {
                "leader"
            } else if p.voter {
                "follower"
            } else {
                "non-voter"
            };
            let trails = match leader_index {
                Some(l) if !p.leader && p.last_index > 0 => {
                    l.saturating_sub(p.last_index).to_string()
                }
                _ => "-".into(),
            };
            let row = Row::new(vec![
                p.node.clone(),
                p.address.clone(),
                state.to_string(),
                if p.voter { "yes" } else { "no" }.to_string(),
                if p.last_index > 0 {
                    p.last_index.to_string()
                } else {
                    "-".into()
                },
                trails,
                if p.last_contact.is_empty() {
                    "-".into()
                } else {
                    p.last_contact.clone()
                },
                match p.healthy {
                    Some(true) => "healthy",
                    Some(false) => "UNHEALTHY",
                    None => "-",
                }
                .to_string(),
            ]);
            if p.leader {
                row.style(theme.leader())
            } else {
                row
            }
        })
        .collect();
    // Leader changes over time, newest first, under the peers when there is room.
    let changes: Vec<Line> = app
        .cluster
        .timeline
        .iter()
        .rev()
        .filter(|e| e.kind == crate::state::timeline::Kind::Leader)
        .take(5)
        .map(|e| {
            Line::from(vec![
                Span::styled(format!("{}  ", super::clock(e.at)), theme.label()),
                Span::styled(e.text.clone(), theme.event(e.kind)),
            ])
        })
        .collect();
    let history_rows = if area.height >= 14 { 7 } else { 0 };
    let [peers_area, history_area] =
        Layout::vertical([Constraint::Min(4), Constraint::Length(history_rows)]).areas(area);
    if history_rows > 0 {
        let lines = if changes.is_empty() {
            vec![Line::styled(
                "no leader change seen since the dashboard started",
                theme.label(),
            )]
        } else {
            changes
        };
        frame.render_widget(
            Paragraph::new(lines).block(
                Block::bordered()
                    .title(Span::styled(" Leader changes ", theme.title()))
                    .border_style(theme.label()),
            ),
            history_area,
        );
    }
    let block = titled(app, "Raft peers", Some(rows.len()), theme);
    table(
        frame,
        peers_area,
        block,
        &[
            "Node", "Address", "State", "Voter", "Index", "Trails", "Contact", "Health",
        ],
        &[
            Constraint::Fill(1),
            Constraint::Min(15),
            Constraint::Length(9),
            Constraint::Length(5),
            Constraint::Length(7),
            Constraint::Length(6),
            Constraint::Length(7),
            Constraint::Length(9),
        ],
        rows,
        Some(app.selection()),
        theme,
    );
}

fn gossip(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let c = &app.cluster;
    let keys = c.keyring.as_deref().unwrap_or_default();
    let key_rows = (keys.len().max(1) + 3) as u16;
    let [top, members_area, keys_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(4),
        Constraint::Length(key_rows),
    ])
    .areas(area);

    let mut summary = Vec::new();
    for s in [
        MemberStatus::Alive,
        MemberStatus::Failed,
        MemberStatus::Leaving,
        MemberStatus::Left,
    ] {
        let n = c.members().iter().filter(|m| m.status == s).count();
        summary.push(Span::styled(format!("{} {n}  ", s.name()), theme.status(s)));
    }
    let enc = match c.agent.as_ref().and_then(|a| a.encrypted) {
        Some(true) => "encryption on",
        Some(false) => "encryption off",
        None => "encryption ?",
    };
    summary.push(Span::styled(enc, theme.label()));
    frame.render_widget(Line::from(summary), top);

    let rollout = c.rollout.as_ref().filter(|r| !r.nodes.is_empty());
    let rows: Vec<Row> = app
        .node_rows()
        .iter()
        .map(|m| {
            let rt = c.runtime.get(&m.name);
            let status = if m.gossip_status() == "suspect" {
                Span::styled("suspect", theme.health(Health::Warning))
            } else {
                Span::styled(m.status.name(), theme.status(m.status))
            };
            let score = match rt.map(|r| r.health_score) {
                Some(0) => Span::styled("0", theme.health(Health::Passing)),
                Some(n) => Span::styled(n.to_string(), theme.health(Health::Warning)),
                None => Span::raw("-"),
            };
            let mut cells = vec![
                Cell::from(m.name.clone()),
                Cell::from(format!("{}:{}", m.addr, m.port)),
                Cell::from(status),
                Cell::from(m.role.name()),
                Cell::from(score),
                Cell::from(rt.map_or("-", |r| r.gossip)),
                Cell::from(rt.map_or("-", |r| r.tls)),
            ];
            if let Some(r) = rollout {
                cells.push(Cell::from(
                    r.nodes.get(&m.name).map_or("-", String::as_str).to_string(),
                ));
            }
            Row::new(cells)
        })
        .collect();
    let block = titled(app, "Gossip members", Some(rows.len()), theme);
    let mut headers = vec![
        "Member", "Address", "Status", "Role", "Score", "Gossip", "TLS",
    ];
    let mut widths = vec![
        Constraint::Fill(2),
        Constraint::Min(15),
        Constraint::Length(8),
        Constraint::Length(6),
        Constraint::Length(5),
        Constraint::Length(10),
        Constraint::Length(4),
    ];
    if rollout.is_some() {
        headers.push("Rollout");
        widths.push(Constraint::Fill(1));
    }
    table(
        frame,
        members_area,
        block,
        &headers,
        &widths,
        rows,
        Some(app.selection()),
        theme,
    );

    let lines: Vec<Line> = if keys.is_empty() {
        vec![Line::styled(
            match c.keyring {
                Some(_) => "no keys (gossip is not encrypted)",
                None => "keyring not loaded",
            },
            theme.label(),
        )]
    } else {
        keys.iter()
            .map(|k| {
                let complete = k.installed == k.total;
                Line::from(vec![
                    Span::raw(format!("{:<46}", k.key)),
                    Span::styled(
                        format!("[{}/{}]", k.installed, k.total),
                        if complete {
                            theme.health(Health::Passing)
                        } else {
                            theme.health(Health::Warning)
                        },
                    ),
                    Span::styled(if k.primary { "  primary" } else { "" }, theme.title()),
                ])
            })
            .collect()
    };
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(" Keyring ")),
        keys_area,
    );
}

fn events(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let rows: Vec<Row> = app
        .event_rows()
        .iter()
        .map(|e| {
            Row::new(vec![
                Cell::from(clock(e.at)),
                Cell::from(Span::styled(e.text.clone(), theme.event(e.kind))),
            ])
        })
        .collect();
    let block = titled(app, "Events", Some(rows.len()), theme);
    table(
        frame,
        area,
        block,
        &["Time", "What changed"],
        &[Constraint::Length(8), Constraint::Fill(1)],
        rows,
        Some(app.selection()),
        theme,
    );
}
