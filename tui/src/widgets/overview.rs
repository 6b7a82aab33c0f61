//! The Overview body: the cluster in a dozen lines (datacenter, leader, servers, members and
//! services by status, gossip and TLS state) above the most recent timeline entries.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::clock;
use crate::app::App;
use crate::state::model::{Health, MemberStatus, Role};
use crate::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let c = &app.cluster;
    let label = |s: &'static str| Span::styled(format!("{s:<11}"), theme.label());
    let mut lines = Vec::new();

    let (dc, agent) = match &c.agent {
        Some(a) => (
            a.datacenter.clone(),
            format!(
                "{} ({}{})",
                a.node,
                if a.server { "server" } else { "client" },
                if a.version.is_empty() {
                    String::new()
                } else {
                    format!(", v{}", a.version)
                }
            ),
        ),
        None => ("?".into(), "?".into()),
    };
    lines.push(Line::from(vec![
        label("Datacenter"),
        Span::raw(format!("{dc:<12}")),
        Span::styled("Agent ", theme.label()),
        Span::raw(agent),
    ]));

    let term = c
        .agent
        .as_ref()
        .map(|a| a.term.clone())
        .filter(|t| !t.is_empty())
        .map(|t| format!("  term {t}"))
        .unwrap_or_default();
    lines.push(Line::from(vec![
        label("Leader"),
        Span::styled(c.leader_name(), theme.leader()),
        Span::raw(format!(
            " {}{term}",
            c.leader
                .as_deref()
                .filter(|l| !l.is_empty())
                .map(|l| format!("({l})"))
                .unwrap_or_default()
        )),
    ]));

    let voters = c.raft.iter().filter(|p| p.voter).count();
    let servers: Vec<_> = c
        .members()
        .iter()
        .filter(|m| m.role == Role::Server)
        .collect();
    let healthy = servers
        .iter()
        .filter(|m| m.status == MemberStatus::Alive)
        .count();
    lines.push(Line::from(vec![
        label("Servers"),
        Span::raw(format!(
            "{} in raft, {voters} voters; {healthy}/{} alive",
            c.raft.len(),
            servers.len()
        )),
    ]));

    let mut members = vec![label("Members")];
    for s in [
        MemberStatus::Alive,
        MemberStatus::Failed,
        MemberStatus::Leaving,
        MemberStatus::Left,
    ] {
        let n = c.members().iter().filter(|m| m.status == s).count();
        members.push(Span::styled(format!("{} {n}  ", s.name()), theme.status(s)));
    }
    lines.push(Line::from(members));

    let mut by_health = [0usize; 3];
    let services = c.services.as_ref().map_or(0, |s| s.len());
    for name in c.services.iter().flat_map(|s| s.keys()) {
        let (p, w, cr) = c.service_counts(name);
        let idx = if cr > 0 {
            2
        } else if w > 0 {
            1
        } else {
            0
        };
        if p + w + cr > 0 {
            by_health[idx] += 1;
        }
    }
    lines.push(Line::from(vec![
        label("Services"),
        Span::raw(format!("{services} total: ")),
        Span::styled(
            format!("passing {}  ", by_health[0]),
            theme.health(Health::Passing),
        ),
        Span::styled(
            format!("warning {}  ", by_health[1]),
            theme.health(Health::Warning),
        ),
        Span::styled(
            format!("critical {}", by_health[2]),
            theme.health(Health::Critical),
        ),
    ]));

    let mut checks = vec![label("Checks")];
    for h in [Health::Passing, Health::Warning, Health::Critical] {
        let n = c.checks().iter().filter(|k| k.status == h).count();
        checks.push(Span::styled(format!("{} {n}  ", h.name()), theme.health(h)));
    }
    lines.push(Line::from(checks));

    let gossip = match c.agent.as_ref().and_then(|a| a.encrypted.map(|e| (e, a))) {
        Some((true, a)) => format!(
            "encrypted (verify in {} / out {}), health score {}",
            a.verify_incoming, a.verify_outgoing, a.health_score
        ),
        Some((false, a)) => format!("NOT encrypted, health score {}", a.health_score),
        None => "?".into(),
    };
    lines.push(Line::from(vec![label("Gossip"), Span::raw(gossip)]));
    let tls = match &c.agent {
        Some(a) if !a.rpc_verify_incoming.is_empty() => format!(
            "RPC verify in {} / out {} / hostname {}; HTTPS {}",
            a.rpc_verify_incoming,
            a.rpc_verify_outgoing,
            a.rpc_verify_hostname,
            match a.https {
                Some(true) => format!("on (client certs {})", a.https_verify_incoming),
                _ => "off".into(),
            }
        ),
        Some(a) => match a.https {
            Some(true) => "HTTPS on".into(),
            _ => "HTTPS off".into(),
        },
        None => "?".into(),
    };
    lines.push(Line::from(vec![label("TLS"), Span::raw(tls)]));
    if let Some(r) = &c.rollout {
        let style = match r.status.as_str() {
            "complete" => theme.health(Health::Passing),
            "running" => theme.health(Health::Warning),
            _ => theme.health(Health::Critical),
        };
        let waiting: Vec<&str> = r
            .nodes
            .iter()
            .filter(|(_, s)| s.as_str() != "ok")
            .map(|(n, _)| n.as_str())
            .collect();
        let mut spans = vec![
            label("Rollout"),
            Span::raw(format!("{} stage {}/{} ", r.kind, r.done, r.stages)),
            Span::styled(r.status.clone(), style),
        ];
        if !r.message.is_empty() {
            spans.push(Span::raw(format!(": {}", r.message)));
        }
        if !waiting.is_empty() && r.status != "complete" {
            spans.push(Span::raw(format!(" (waiting on {})", waiting.join(", "))));
        }
        lines.push(Line::from(spans));
    }

    // Sparklines only where there is room for them and for some events below.
    let trend_rows: u16 = if area.height >= lines.len() as u16 + 2 + 5 + 4 {
        5
    } else {
        0
    };
    let [top, trends, bottom] = Layout::vertical([
        Constraint::Length(lines.len() as u16 + 2),
        Constraint::Length(trend_rows),
        Constraint::Min(0),
    ])
    .areas(area);
    if trend_rows > 0 {
        draw_trends(frame, trends, &c.trends, theme);
    }
    frame.render_widget(
        Paragraph::new(lines).block(super::titled(app, "Overview", None, theme)),
        top,
    );
    let recent: Vec<Line> = c
        .timeline
        .iter()
        .rev()
        .take(bottom.height.saturating_sub(2) as usize)
        .map(|e| {
            Line::from(vec![
                Span::styled(format!("{} ", clock(e.at)), theme.label()),
                Span::styled(e.text.clone(), theme.event(e.kind)),
            ])
        })
        .collect();
    let recent = if recent.is_empty() {
        vec![Line::styled("no changes seen yet", theme.label())]
    } else {
        recent
    };
    frame.render_widget(
        Paragraph::new(recent).block(Block::bordered().title(" Recent events ")),
        bottom,
    );
}

/// Three labelled sparklines: commits per report, the gossip health score, check transitions.
fn draw_trends(frame: &mut Frame, area: Rect, t: &crate::state::trends::Trends, theme: Theme) {
    use ratatui::widgets::Sparkline;
    let block = Block::bordered().title(" Trends (last minutes) ");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows = Layout::vertical([Constraint::Length(1); 3]).split(inner);
    let series = [
        ("Commits", &t.commits),
        ("Health", &t.health),
        ("Checks Δ", &t.transitions),
    ];
    for ((name, data), row) in series.into_iter().zip(rows.iter()) {
        let [label, line, last] = Layout::horizontal([
            Constraint::Length(11),
            Constraint::Min(1),
            Constraint::Length(8),
        ])
        .areas(*row);
        frame.render_widget(Paragraph::new(Span::styled(name, theme.label())), label);
        // The newest samples, right-aligned to the width available.
        let width = line.width as usize;
        let values: Vec<u64> = data.iter().rev().take(width).rev().copied().collect();
        frame.render_widget(Sparkline::default().data(&values), line);
        let latest = data.back().map_or("-".to_string(), u64::to_string);
        frame.render_widget(Paragraph::new(format!(" {latest:>6}")), last);
    }
}
