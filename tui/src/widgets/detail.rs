//! Drill-ins: a node (its gossip details, the service instances on it and its checks with
//! output) or a service (its instances and their checks).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row};

use super::lists::table;
use crate::app::{App, Detail};
use crate::state::model::{Check, Instance};
use crate::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, detail: &Detail, theme: Theme) {
    match detail {
        Detail::Node(name) => node(frame, area, app, name, theme),
        Detail::Service(name) => service(frame, area, app, name, theme),
    }
}

fn checks_table(frame: &mut Frame, area: Rect, title: &str, checks: &[&Check], theme: Theme) {
    let rows: Vec<Row> = checks
        .iter()
        .map(|c| {
            Row::new(vec![
                Cell::from(Span::styled(c.status.name(), theme.health(c.status))),
                Cell::from(c.node.clone()),
                Cell::from(c.name.clone()),
                Cell::from(c.service_id.clone()),
                Cell::from(c.output.lines().next().unwrap_or_default().to_string()),
            ])
        })
        .collect();
    table(
        frame,
        area,
        Block::bordered().title(format!(" {title} ({}) ", rows.len())),
        &["Status", "Node", "Check", "Service ID", "Output"],
        &[
            Constraint::Length(8),
            Constraint::Fill(1),
            Constraint::Fill(1),
            Constraint::Fill(1),
            Constraint::Fill(3),
        ],
        rows,
        None,
        theme,
    );
}

/// Service instances with their address, health and tags; the first column names what the
/// drill-in is not about (the service on a node's page, the node on a service's page).
fn instances_table(
    frame: &mut Frame,
    area: Rect,
    block: Block,
    first: (&str, fn(&Instance) -> &String),
    instances: &[&Instance],
    theme: Theme,
) {
    let rows: Vec<Row> = instances
        .iter()
        .map(|i| {
            let h = i.health();
            Row::new(vec![
                Cell::from(first.1(i).clone()),
                Cell::from(i.id.clone()),
                Cell::from(format!("{}:{}", i.address, i.port)),
                Cell::from(Span::styled(h.name(), theme.health(h))),
                Cell::from(i.tags.join(",")),
            ])
        })
        .collect();
    table(
        frame,
        area,
        block,
        &[first.0, "ID", "Address", "Health", "Tags"],
        &[
            Constraint::Fill(1),
            Constraint::Fill(1),
            Constraint::Fill(1),
            Constraint::Length(8),
            Constraint::Fill(1),
        ],
        rows,
        None,
        theme,
    );
}

fn node(frame: &mut Frame, area: Rect, app: &App, name: &str, theme: Theme) {
    let c = &app.cluster;
    let member = c.members().iter().find(|m| m.name == name);
    let info = match member {
        Some(m) => {
            let tags: Vec<String> = m.tags.iter().map(|(k, v)| format!("{k}={v}")).collect();
            vec![
                Line::from(vec![
                    Span::styled(m.status.name(), theme.status(m.status)),
                    Span::raw(format!(
                        "  {}  {}:{}  dc {}  build {}",
                        m.role.name(),
                        m.addr,
                        m.port,
                        m.dc,
                        m.build
                    )),
                ]),
                Line::styled(format!("tags: {}", tags.join(" ")), theme.label()),
            ]
        }
        None => vec![Line::from("not a gossip member (catalog only)")],
    };
    let instances: Vec<_> = c
        .instances
        .values()
        .flatten()
        .filter(|i| i.node == name)
        .collect();
    let checks: Vec<&Check> = c.checks().iter().filter(|k| k.node == name).collect();
    let [head, svc, chk] = Layout::vertical([
        Constraint::Length(4),
        Constraint::Length((instances.len() as u16 + 3).min(area.height / 3).max(4)),
        Constraint::Min(3),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(info).block(Block::bordered().title(Span::styled(
            format!(" Node {name}  (Esc back) "),
            theme.title(),
        ))),
        head,
    );
    let block = Block::bordered().title(format!(" Services ({}) ", instances.len()));
    instances_table(
        frame,
        svc,
        block,
        ("Service", |i| &i.service),
        &instances,
        theme,
    );
    checks_table(frame, chk, "Checks", &checks, theme);
}

fn service(frame: &mut Frame, area: Rect, app: &App, name: &str, theme: Theme) {
    let c = &app.cluster;
    let instances: Vec<_> = c.instances.get(name).into_iter().flatten().collect();
    let checks: Vec<&Check> = instances.iter().flat_map(|i| i.checks.iter()).collect();
    let [inst, chk] = Layout::vertical([
        Constraint::Length((instances.len() as u16 + 3).min(area.height / 2).max(4)),
        Constraint::Min(3),
    ])
    .areas(area);
    let block = Block::bordered().title(Span::styled(
        format!(
            " Service {name}: {} instances  (Esc back) ",
            instances.len()
        ),
        theme.title(),
    ));
    instances_table(frame, inst, block, ("Node", |i| &i.node), &instances, theme);
    checks_table(frame, chk, "Checks", &checks, theme);
}
