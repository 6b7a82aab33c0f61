//! The dashboard's state and its one update path: terminal events become `Action`s through the
//! keymap, poller data becomes `Update`s applied to `Cluster`, and side effects the user asks for
//! (KV reads and writes) are queued in `outbox` for the poller. No I/O happens here.

use crossterm::event::{KeyEvent, MouseButton, MouseEvent, MouseEventKind};

use crate::action::Action;
use crate::keys;
use crate::state::model::{Check, Member};
use crate::state::timeline::Entry;
use crate::state::{Cluster, Stamp, Update};

/// The eight tabs, in key order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Overview,
    Nodes,
    Services,
    Health,
    Raft,
    Gossip,
    Kv,
    Events,
}

impl View {
    /// The tab under column `col` of the tab bar, whose labels are `" N Title "` (brackets
    /// instead of spaces on the current one), laid end to end from column 0.
    pub fn at_column(col: u16) -> Option<View> {
        let mut start = 0u16;
        for v in View::ALL {
            let width = v.title().chars().count() as u16 + 4;
            if col < start + width {
                return Some(v);
            }
            start += width;
        }
        None
    }

    pub const ALL: [View; 8] = [
        View::Overview,
        View::Nodes,
        View::Services,
        View::Health,
        View::Raft,
        View::Gossip,
        View::Kv,
        View::Events,
    ];

    pub fn index(self) -> usize {
        View::ALL.iter().position(|v| *v == self).unwrap_or(0)
    }

    pub fn title(self) -> &'static str {
        match self {
            View::Overview => "Overview",
            View::Nodes => "Nodes",
            View::Services => "Services",
            View::Health => "Health",
            View::Raft => "Raft",
            View::Gossip => "Gossip",
            View::Kv => "KV",
            View::Events => "Events",
        }
    }

    /// A view by its name as `--view` takes it (case-insensitive; a number 1–8 works too).
    pub fn parse(name: &str) -> Option<View> {
        let n = name.to_ascii_lowercase();
        View::ALL
            .into_iter()
            .enumerate()
            .find(|(i, v)| v.title().to_ascii_lowercase() == n || (i + 1).to_string() == n)
            .map(|(_, v)| v)
    }

    /// The sort orders `s` cycles through; the first is the default.
    pub fn sorts(self) -> &'static [&'static str] {
        match self {
            View::Nodes | View::Gossip => &["name", "status", "address"],
            View::Services => &["name", "health", "instances"],
            View::Health => &["status", "node", "name"],
            View::Events => &["newest", "oldest"],
            View::Overview | View::Raft | View::Kv => &["name"],
        }
    }
}

/// A drill-in opened with Enter, closed with Esc.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detail {
    Node(String),
    Service(String),
}

/// What a text prompt is asking for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    /// The name of a new key in the current folder.
    NewKey,
    /// The value to write to `key`, CAS on `cas` (0: the key must not exist yet).
    Value { key: String, cas: u64 },
}

/// An open text prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub ask: Ask,
    pub input: String,
}

/// A write waiting for the user's yes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    Put {
        key: String,
        value: Vec<u8>,
        cas: u64,
    },
    Delete {
        key: String,
        cas: u64,
    },
}

/// Which keys mean what right now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Help,
    Filter,
    Prompt(Prompt),
    Confirm(Pending),
}

/// A side effect for the poller to carry out; its answer comes back as an `Update`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    KvList(String),
    KvGet(String),
    KvPut {
        key: String,
        value: Vec<u8>,
        cas: u64,
    },
    KvDelete {
        key: String,
        cas: u64,
    },
}

/// Rows a page key moves by.
const PAGE: usize = 10;

/// The whole dashboard state.
#[derive(Debug, Clone)]
pub struct App {
    pub cluster: Cluster,
    pub view: View,
    pub mode: Mode,
    pub detail: Option<Detail>,
    /// Selected row, per view.
    pub selected: [usize; 8],
    /// Row filter text, per view.
    pub filters: [String; 8],
    /// Index into `View::sorts`, per view.
    pub sort: [usize; 8],
    /// The time of the last event, for ages ("data from 12s ago") and timestamps.
    pub now: Stamp,
    pub quit: bool,
    /// Requests queued for the poller.
    pub outbox: Vec<Request>,
    /// Where the current table's rows are on screen (set after each frame), for clicks.
    pub rows_area: Option<crate::widgets::RowsArea>,
}

impl App {
    pub fn new(view: View, now: Stamp) -> App {
        let mut app = App {
            cluster: Cluster::default(),
            view: View::Overview,
            mode: Mode::Normal,
            detail: None,
            selected: [0; 8],
            filters: Default::default(),
            sort: [0; 8],
            now,
            quit: false,
            outbox: Vec::new(),
            rows_area: None,
        };
        app.apply(Action::Show(view));
        app
    }

    /// Applies poller data received at `now`.
    pub fn on_update(&mut self, update: Update, now: Stamp) {
        self.now = now;
        let refresh_kv = matches!(&update, Update::KvWritten { applied: true, .. });
        if let Update::KvWritten { key, .. } = &update {
            let key = key.clone();
            self.cluster.apply(update, now);
            if refresh_kv {
                self.outbox
                    .push(Request::KvList(self.cluster.kv.prefix.clone()));
                self.outbox.push(Request::KvGet(key));
            }
            return;
        }
        self.cluster.apply(update, now);
    }

    /// Handles a key press.
    pub fn on_key(&mut self, key: KeyEvent) {
        if let Some(action) = keys::action_for(&self.mode, key) {
            self.apply(action);
        }
    }

    /// The mouse where it is natural: the wheel moves the selection, a click on the tab bar
    /// switches views, a click on a row selects it and a click on the selected row opens it
    /// (as Enter). Ignored while a prompt, confirmation or help is open.
    pub fn on_mouse(&mut self, m: MouseEvent) {
        if !matches!(self.mode, Mode::Normal) {
            return;
        }
        let action = match m.kind {
            MouseEventKind::ScrollDown => Some(Action::Down),
            MouseEventKind::ScrollUp => Some(Action::Up),
            MouseEventKind::Down(MouseButton::Left) if m.row == 0 => {
                View::at_column(m.column).map(Action::Show)
            }
            MouseEventKind::Down(MouseButton::Left) => {
                let hit = self.rows_area.and_then(|r| r.row_at(m.column, m.row));
                match hit {
                    Some(i) if i < self.row_count() => {
                        if i == self.selected_index() {
                            Some(Action::Enter)
                        } else {
                            let slot = self.slot();
                            self.selected[slot] = i;
                            None
                        }
                    }
                    _ => None,
                }
            }
            _ => None,
        };
        if let Some(a) = action {
            self.apply(a);
        }
    }

    fn slot(&self) -> usize {
        self.view.index()
    }

    pub fn filter(&self) -> &str {
        &self.filters[self.slot()]
    }

    pub fn sort_name(&self) -> &'static str {
        self.view.sorts()[self.sort[self.slot()] % self.view.sorts().len()]
    }

    /// The one dispatch of user intents.
    pub fn apply(&mut self, action: Action) {
        let slot = self.slot();
        match action {
            Action::Quit => self.quit = true,
            Action::Show(view) => {
                self.view = view;
                self.detail = None;
                if view == View::Kv && self.cluster.kv.children.is_none() {
                    self.outbox
                        .push(Request::KvList(self.cluster.kv.prefix.clone()));
                }
            }
            Action::NextView => self.apply(Action::Show(View::ALL[(slot + 1) % 8])),
            Action::PrevView => self.apply(Action::Show(View::ALL[(slot + 7) % 8])),
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-(PAGE as isize)),
            Action::PageDown => self.move_by(PAGE as isize),
            Action::Top => self.selected[slot] = 0,
            Action::Bottom => self.selected[slot] = self.row_count().saturating_sub(1),
            Action::Enter => self.enter(),
            Action::Back => self.back(),
            Action::StartFilter => self.mode = Mode::Filter,
            Action::Sort => {
                self.sort[slot] = (self.sort[slot] + 1) % self.view.sorts().len();
                self.selected[slot] = 0;
            }
            Action::Help => self.mode = Mode::Help,
            Action::KvNew if self.view == View::Kv => {
                self.mode = Mode::Prompt(Prompt {
                    ask: Ask::NewKey,
                    input: String::new(),
                })
            }
            Action::KvEdit if self.view == View::Kv => match &self.cluster.kv.open {
                Some((key, Some(v))) => {
                    self.mode = Mode::Prompt(Prompt {
                        ask: Ask::Value {
                            key: key.clone(),
                            cas: v.modify_index,
                        },
                        input: String::from_utf8_lossy(&v.bytes).into_owned(),
                    })
                }
                _ => self.cluster.notice = Some("open a key with Enter first".into()),
            },
            Action::KvDelete if self.view == View::Kv => match &self.cluster.kv.open {
                Some((key, Some(v))) => {
                    self.mode = Mode::Confirm(Pending::Delete {
                        key: key.clone(),
                        cas: v.modify_index,
                    })
                }
                _ => self.cluster.notice = Some("open a key with Enter first".into()),
            },
            Action::KvNew | Action::KvEdit | Action::KvDelete => {}
            Action::Input(c) => match &mut self.mode {
                Mode::Filter => {
                    self.filters[slot].push(c);
                    self.selected[slot] = 0;
                }
                Mode::Prompt(p) => p.input.push(c),
                _ => {}
            },
            Action::Erase => match &mut self.mode {
                Mode::Filter => {
                    self.filters[slot].pop();
                }
                Mode::Prompt(p) => {
                    p.input.pop();
                }
                _ => {}
            },
            Action::Submit => self.submit(),
            Action::Cancel => {
                if self.mode == Mode::Filter {
                    self.filters[slot].clear();
                }
                self.mode = Mode::Normal;
            }
        }
    }

    fn move_by(&mut self, delta: isize) {
        let slot = self.slot();
        let max = self.row_count().saturating_sub(1);
        let cur = self.selected[slot].min(max);
        self.selected[slot] = cur.saturating_add_signed(delta).min(max);
    }

    fn selected_index(&self) -> usize {
        self.selected[self.slot()].min(self.row_count().saturating_sub(1))
    }

    fn enter(&mut self) {
        if self.detail.is_some() {
            return;
        }
        let i = self.selected_index();
        match self.view {
            View::Nodes | View::Gossip => {
                if let Some(m) = self.node_rows().get(i) {
                    self.detail = Some(Detail::Node(m.name.clone()));
                }
            }
            View::Health => {
                if let Some(c) = self.check_rows().get(i) {
                    self.detail = Some(Detail::Node(c.node.clone()));
                }
            }
            View::Raft => {
                if let Some(p) = self.cluster.raft.get(i) {
                    self.detail = Some(Detail::Node(p.node.clone()));
                }
            }
            View::Services => {
                if let Some((name, _)) = self.service_rows().get(i) {
                    self.detail = Some(Detail::Service(name.to_string()));
                }
            }
            View::Kv => {
                let Some(child) = self.kv_rows().get(i).map(|s| s.to_string()) else {
                    return;
                };
                if child.ends_with('/') {
                    self.cluster.kv.enter(&child);
                    self.selected[self.slot()] = 0;
                    self.filters[self.slot()].clear();
                    self.outbox
                        .push(Request::KvList(self.cluster.kv.prefix.clone()));
                } else {
                    self.outbox
                        .push(Request::KvGet(format!("{}{child}", self.cluster.kv.prefix)));
                }
            }
            View::Overview | View::Events => {}
        }
    }

    fn back(&mut self) {
        let slot = self.slot();
        if self.detail.take().is_some() {
            return;
        }
        if !self.filters[slot].is_empty() {
            self.filters[slot].clear();
            return;
        }
        if self.view == View::Kv {
            if self.cluster.kv.open.take().is_some() {
                return;
            }
            if self.cluster.kv.up() {
                self.selected[slot] = 0;
                self.outbox
                    .push(Request::KvList(self.cluster.kv.prefix.clone()));
            }
        }
    }

    fn submit(&mut self) {
        let mode = std::mem::replace(&mut self.mode, Mode::Normal);
        match mode {
            Mode::Prompt(Prompt {
                ask: Ask::NewKey,
                input,
            }) => {
                let name = input.trim();
                if name.is_empty() || name.ends_with('/') {
                    self.cluster.notice = Some("a key name is needed (not ending in /)".into());
                    return;
                }
                self.mode = Mode::Prompt(Prompt {
                    ask: Ask::Value {
                        key: format!("{}{name}", self.cluster.kv.prefix),
                        cas: 0,
                    },
                    input: String::new(),
                });
            }
            Mode::Prompt(Prompt {
                ask: Ask::Value { key, cas },
                input,
            }) => {
                self.mode = Mode::Confirm(Pending::Put {
                    key,
                    value: input.into_bytes(),
                    cas,
                })
            }
            Mode::Confirm(Pending::Put { key, value, cas }) => {
                self.outbox.push(Request::KvPut { key, value, cas })
            }
            Mode::Confirm(Pending::Delete { key, cas }) => {
                self.outbox.push(Request::KvDelete { key, cas })
            }
            Mode::Normal | Mode::Help | Mode::Filter => {}
        }
    }

    /// Rows of the current list, for moving the selection.
    pub fn row_count(&self) -> usize {
        match (&self.detail, self.view) {
            (Some(_), _) => 0,
            (None, View::Nodes | View::Gossip) => self.node_rows().len(),
            (None, View::Services) => self.service_rows().len(),
            (None, View::Health) => self.check_rows().len(),
            (None, View::Raft) => self.cluster.raft.len(),
            (None, View::Kv) => self.kv_rows().len(),
            (None, View::Events) => self.event_rows().len(),
            (None, View::Overview) => 0,
        }
    }

    /// The selected row of the current view, clamped to the rows there are.
    pub fn selection(&self) -> usize {
        self.selected_index()
    }

    fn matches(&self, fields: &[&str]) -> bool {
        let f = self.filter().to_lowercase();
        f.is_empty() || fields.iter().any(|s| s.to_lowercase().contains(&f))
    }

    /// Members after the filter, in the chosen order.
    pub fn node_rows(&self) -> Vec<&Member> {
        let mut rows: Vec<&Member> = self
            .cluster
            .members()
            .iter()
            .filter(|m| self.matches(&[&m.name, &m.addr, m.status.name(), m.role.name()]))
            .collect();
        match self.sort_name() {
            "status" => rows.sort_by(|a, b| (a.status, &a.name).cmp(&(b.status, &b.name))),
            "address" => rows.sort_by(|a, b| (&a.addr, a.port).cmp(&(&b.addr, b.port))),
            _ => rows.sort_by(|a, b| (a.role, &a.name).cmp(&(b.role, &b.name))),
        }
        rows
    }

    /// Services and their tags after the filter, in the chosen order.
    pub fn service_rows(&self) -> Vec<(&String, &Vec<String>)> {
        let Some(services) = &self.cluster.services else {
            return Vec::new();
        };
        let mut rows: Vec<(&String, &Vec<String>)> = services
            .iter()
            .filter(|(name, tags)| {
                let tags = tags.join(",");
                self.matches(&[name.as_str(), &tags])
            })
            .collect();
        match self.sort_name() {
            "health" => rows.sort_by_key(|(name, _)| {
                let (p, w, c) = self.cluster.service_counts(name);
                (
                    std::cmp::Reverse(c),
                    std::cmp::Reverse(w),
                    std::cmp::Reverse(p),
                )
            }),
            "instances" => rows.sort_by_key(|(name, _)| {
                let (p, w, c) = self.cluster.service_counts(name);
                std::cmp::Reverse(p + w + c)
            }),
            _ => {}
        }
        rows
    }

    /// Checks after the filter; critical first by default.
    pub fn check_rows(&self) -> Vec<&Check> {
        let mut rows: Vec<&Check> = self
            .cluster
            .checks()
            .iter()
            .filter(|c| {
                self.matches(&[
                    c.status.name(),
                    &c.node,
                    &c.name,
                    &c.service_name,
                    &c.output,
                ])
            })
            .collect();
        match self.sort_name() {
            "node" => rows.sort_by(|a, b| (&a.node, &a.name).cmp(&(&b.node, &b.name))),
            "name" => rows.sort_by(|a, b| (&a.name, &a.node).cmp(&(&b.name, &b.node))),
            _ => {
                rows.sort_by(|a, b| (a.status, &a.node, &a.name).cmp(&(b.status, &b.node, &b.name)))
            }
        }
        rows
    }

    /// KV children of the current folder after the filter.
    pub fn kv_rows(&self) -> Vec<&str> {
        self.cluster
            .kv
            .children
            .iter()
            .flatten()
            .map(String::as_str)
            .filter(|k| self.matches(&[k]))
            .collect()
    }

    /// Timeline entries after the filter, newest first by default.
    pub fn event_rows(&self) -> Vec<&Entry> {
        let rows = self
            .cluster
            .timeline
            .iter()
            .filter(|e| self.matches(&[&e.text]));
        if self.sort_name() == "oldest" {
            rows.collect()
        } else {
            rows.rev().collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::kv::Value;
    use crate::state::model::{MemberStatus, Role};
    use crossterm::event::{KeyCode, KeyModifiers};
    use std::collections::BTreeMap;

    fn press(app: &mut App, code: KeyCode) {
        app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
    }

    fn mouse(app: &mut App, kind: MouseEventKind, column: u16, row: u16) {
        app.on_mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        });
    }

    #[test]
    fn clicking_a_tab_opens_its_view_and_the_wheel_moves() {
        // The columns come from the rendered tab bar, so drawing and hit-testing agree.
        let app = App::new(View::Overview, 0);
        let text = crate::render_text(&app, crate::theme::Theme::detect(true), 120, 5);
        let bar = text.lines().next().unwrap_or_default();
        for (i, v) in View::ALL.iter().enumerate() {
            let label = format!("{} {}", i + 1, v.title());
            let col = bar.find(&label).expect("label on the tab bar") as u16;
            let mut app = App::new(View::Overview, 0);
            mouse(
                &mut app,
                MouseEventKind::Down(MouseButton::Left),
                col + 2,
                0,
            );
            assert_eq!(app.view, *v, "click at column {col} on {bar:?}");
        }
        let mut app = app_with_members(&["a", "b", "c"]);
        mouse(&mut app, MouseEventKind::ScrollDown, 10, 5);
        mouse(&mut app, MouseEventKind::ScrollDown, 10, 5);
        assert_eq!(app.selection(), 2);
        mouse(&mut app, MouseEventKind::ScrollUp, 10, 5);
        assert_eq!(app.selection(), 1);
        // A click below the tab bar does not switch views.
        mouse(&mut app, MouseEventKind::Down(MouseButton::Left), 2, 3);
        assert_eq!(app.view, View::Nodes);
        assert_eq!(View::at_column(500), None);
    }

    #[test]
    fn clicking_a_row_selects_it_and_a_second_click_opens_it() {
        // The geometry comes from a real frame, as in the event loop.
        let mut app = app_with_members(&["a", "b", "c"]);
        let text = crate::render_text(&app, crate::theme::Theme::detect(true), 80, 24);
        app.rows_area = crate::widgets::take_rows_area();
        let row_of = |name: &str| {
            text.lines()
                .position(|l| l.contains(&format!(" {name} ")) || l.contains(&format!(">{name} ")))
                .expect("row drawn") as u16
        };
        mouse(
            &mut app,
            MouseEventKind::Down(MouseButton::Left),
            5,
            row_of("c"),
        );
        assert_eq!(app.selection(), 2);
        assert_eq!(app.detail, None);
        mouse(
            &mut app,
            MouseEventKind::Down(MouseButton::Left),
            5,
            row_of("c"),
        );
        assert_eq!(app.detail, Some(Detail::Node("c".into())));
        // Below the last row: nothing happens.
        let mut app = app_with_members(&["a", "b", "c"]);
        let _ = crate::render_text(&app, crate::theme::Theme::detect(true), 80, 24);
        app.rows_area = crate::widgets::take_rows_area();
        mouse(
            &mut app,
            MouseEventKind::Down(MouseButton::Left),
            5,
            row_of("c") + 3,
        );
        assert_eq!((app.selection(), app.detail.clone()), (0, None));
    }

    fn typed(app: &mut App, text: &str) {
        for c in text.chars() {
            press(app, KeyCode::Char(c));
        }
    }

    fn app_with_members(names: &[&str]) -> App {
        let mut app = App::new(View::Nodes, 0);
        let members = names
            .iter()
            .map(|n| Member {
                name: n.to_string(),
                addr: "10.0.0.1".into(),
                port: 8301,
                status: MemberStatus::Alive,
                role: Role::Client,
                dc: "dc1".into(),
                build: "1.0".into(),
                tags: BTreeMap::new(),
                suspect: false,
            })
            .collect();
        app.on_update(Update::Members(members), 0);
        app
    }

    /// Digits and Tab switch views, wrapping around; q quits.
    #[test]
    fn view_switching() {
        let mut app = App::new(View::Overview, 0);
        press(&mut app, KeyCode::Char('4'));
        assert_eq!(app.view, View::Health);
        press(&mut app, KeyCode::BackTab);
        assert_eq!(app.view, View::Services);
        press(&mut app, KeyCode::Char('8'));
        press(&mut app, KeyCode::Tab);
        assert_eq!(app.view, View::Overview);
        press(&mut app, KeyCode::Char('q'));
        assert!(app.quit);
    }

    /// The selection stays within the rows, and Enter opens the selected node; Esc closes it.
    #[test]
    fn move_and_drill_in() {
        let mut app = app_with_members(&["a", "b", "c"]);
        press(&mut app, KeyCode::Char('k'));
        assert_eq!(app.selection(), 0);
        for _ in 0..5 {
            press(&mut app, KeyCode::Char('j'));
        }
        assert_eq!(app.selection(), 2);
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.detail, Some(Detail::Node("c".into())));
        press(&mut app, KeyCode::Esc);
        assert_eq!(app.detail, None);
    }

    /// `/` filters the rows as one types; Esc clears the filter; typed digits do not switch views.
    #[test]
    fn filtering() {
        let mut app = app_with_members(&["web-1", "web-2", "db-1"]);
        press(&mut app, KeyCode::Char('/'));
        typed(&mut app, "db1");
        assert_eq!(app.view, View::Nodes);
        assert_eq!(app.node_rows().len(), 0);
        press(&mut app, KeyCode::Backspace);
        typed(&mut app, "-");
        press(&mut app, KeyCode::Enter);
        let names: Vec<_> = app.node_rows().iter().map(|m| m.name.clone()).collect();
        assert_eq!(names, ["db-1"]);
        press(&mut app, KeyCode::Esc);
        assert_eq!(app.node_rows().len(), 3);
    }

    /// `s` cycles the sort orders of the view.
    #[test]
    fn sorting_cycles() {
        let mut app = App::new(View::Health, 0);
        assert_eq!(app.sort_name(), "status");
        press(&mut app, KeyCode::Char('s'));
        assert_eq!(app.sort_name(), "node");
        press(&mut app, KeyCode::Char('s'));
        press(&mut app, KeyCode::Char('s'));
        assert_eq!(app.sort_name(), "status");
    }

    /// KV: folders are listed lazily, keys are opened, and an edit asks for confirmation and
    /// then writes with CAS on the index the value was read at.
    #[test]
    fn kv_browse_and_cas_edit() {
        let mut app = App::new(View::Overview, 0);
        press(&mut app, KeyCode::Char('7'));
        assert_eq!(
            app.outbox.drain(..).collect::<Vec<_>>(),
            [Request::KvList("".into())]
        );
        app.on_update(
            Update::KvListed {
                prefix: "".into(),
                keys: vec!["app/".into(), "top".into()],
            },
            1,
        );
        press(&mut app, KeyCode::Enter);
        assert_eq!(
            app.outbox.drain(..).collect::<Vec<_>>(),
            [Request::KvList("app/".into())]
        );
        app.on_update(
            Update::KvListed {
                prefix: "app/".into(),
                keys: vec!["app/cfg".into()],
            },
            1,
        );
        press(&mut app, KeyCode::Enter);
        assert_eq!(
            app.outbox.drain(..).collect::<Vec<_>>(),
            [Request::KvGet("app/cfg".into())]
        );
        app.on_update(
            Update::KvValue {
                key: "app/cfg".into(),
                entry: Some(Value {
                    bytes: b"v1".to_vec(),
                    flags: 0,
                    modify_index: 42,
                }),
            },
            2,
        );
        press(&mut app, KeyCode::Char('e'));
        press(&mut app, KeyCode::Backspace);
        typed(&mut app, "2");
        press(&mut app, KeyCode::Enter);
        assert!(matches!(app.mode, Mode::Confirm(_)));
        assert!(app.outbox.is_empty(), "nothing is written before the yes");
        press(&mut app, KeyCode::Char('y'));
        assert_eq!(
            app.outbox.drain(..).collect::<Vec<_>>(),
            [Request::KvPut {
                key: "app/cfg".into(),
                value: b"v2".to_vec(),
                cas: 42
            }]
        );
        app.on_update(
            Update::KvWritten {
                key: "app/cfg".into(),
                verb: "put",
                applied: false,
            },
            3,
        );
        assert!(
            app.cluster
                .notice
                .as_deref()
                .unwrap_or("")
                .contains("refused")
        );
    }

    /// Delete asks first and a "no" writes nothing; a new key is created with cas=0.
    #[test]
    fn kv_delete_and_new() {
        let mut app = App::new(View::Kv, 0);
        app.outbox.clear();
        app.cluster.kv.value(
            "k",
            Some(Value {
                bytes: vec![],
                flags: 0,
                modify_index: 7,
            }),
        );
        press(&mut app, KeyCode::Char('d'));
        press(&mut app, KeyCode::Char('n'));
        assert!(app.outbox.is_empty());
        press(&mut app, KeyCode::Char('d'));
        press(&mut app, KeyCode::Char('y'));
        assert_eq!(
            app.outbox.pop(),
            Some(Request::KvDelete {
                key: "k".into(),
                cas: 7
            })
        );
        press(&mut app, KeyCode::Char('n'));
        typed(&mut app, "fresh");
        press(&mut app, KeyCode::Enter);
        typed(&mut app, "hello");
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Char('y'));
        assert_eq!(
            app.outbox.pop(),
            Some(Request::KvPut {
                key: "fresh".into(),
                value: b"hello".to_vec(),
                cas: 0
            })
        );
    }

    /// `--view` names parse case-insensitively and by number.
    #[test]
    fn view_names() {
        assert_eq!(View::parse("nodes"), Some(View::Nodes));
        assert_eq!(View::parse("KV"), Some(View::Kv));
        assert_eq!(View::parse("8"), Some(View::Events));
        assert_eq!(View::parse("nope"), None);
    }
}
