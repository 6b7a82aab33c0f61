//! The one keymap. Normal-mode keys are a table, so the `?` help is generated from the same data
//! that dispatches and can never disagree with it; modal keys (typing, confirming) are fixed.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::action::Action;
use crate::app::{Mode, View};

/// One normal-mode key and what it does.
pub struct Binding {
    pub key: KeyCode,
    pub action: Action,
    pub help: &'static str,
}

const fn bind(key: KeyCode, action: Action, help: &'static str) -> Binding {
    Binding { key, action, help }
}

/// Normal-mode keys, in the order the help lists them; bindings sharing a help text are shown
/// on one line.
pub const KEYMAP: &[Binding] = &[
    bind(
        KeyCode::Char('1'),
        Action::Show(View::Overview),
        "switch view",
    ),
    bind(KeyCode::Char('2'), Action::Show(View::Nodes), "switch view"),
    bind(
        KeyCode::Char('3'),
        Action::Show(View::Services),
        "switch view",
    ),
    bind(
        KeyCode::Char('4'),
        Action::Show(View::Health),
        "switch view",
    ),
    bind(KeyCode::Char('5'), Action::Show(View::Raft), "switch view"),
    bind(
        KeyCode::Char('6'),
        Action::Show(View::Gossip),
        "switch view",
    ),
    bind(KeyCode::Char('7'), Action::Show(View::Kv), "switch view"),
    bind(
        KeyCode::Char('8'),
        Action::Show(View::Events),
        "switch view",
    ),
    bind(KeyCode::Tab, Action::NextView, "next / previous view"),
    bind(KeyCode::BackTab, Action::PrevView, "next / previous view"),
    bind(KeyCode::Char('j'), Action::Down, "move down"),
    bind(KeyCode::Down, Action::Down, "move down"),
    bind(KeyCode::Char('k'), Action::Up, "move up"),
    bind(KeyCode::Up, Action::Up, "move up"),
    bind(KeyCode::PageDown, Action::PageDown, "page down / up"),
    bind(KeyCode::PageUp, Action::PageUp, "page down / up"),
    bind(KeyCode::Char('g'), Action::Top, "first / last row"),
    bind(KeyCode::Char('G'), Action::Bottom, "first / last row"),
    bind(KeyCode::Enter, Action::Enter, "drill in / open"),
    bind(KeyCode::Esc, Action::Back, "back / clear filter"),
    bind(KeyCode::Backspace, Action::Back, "back / clear filter"),
    bind(KeyCode::Char('/'), Action::StartFilter, "filter rows"),
    bind(KeyCode::Char('s'), Action::Sort, "cycle sort order"),
    bind(KeyCode::Char('n'), Action::KvNew, "KV: new key here"),
    bind(
        KeyCode::Char('e'),
        Action::KvEdit,
        "KV: edit opened key (CAS)",
    ),
    bind(
        KeyCode::Char('d'),
        Action::KvDelete,
        "KV: delete opened key (CAS)",
    ),
    bind(KeyCode::Char('?'), Action::Help, "this help"),
    bind(KeyCode::Char('q'), Action::Quit, "quit"),
];

/// The action for a key press in the given mode, if any.
pub fn action_for(mode: &Mode, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    match mode {
        Mode::Normal => KEYMAP.iter().find(|b| b.key == key.code).map(|b| b.action),
        Mode::Help => match key.code {
            KeyCode::Char('q') => Some(Action::Quit),
            _ => Some(Action::Cancel),
        },
        Mode::Filter | Mode::Prompt(_) => match key.code {
            KeyCode::Enter => Some(Action::Submit),
            KeyCode::Esc => Some(Action::Cancel),
            KeyCode::Backspace => Some(Action::Erase),
            KeyCode::Char(c) => Some(Action::Input(c)),
            _ => None,
        },
        Mode::Confirm(_) => match key.code {
            KeyCode::Char('y') | KeyCode::Char('Y') => Some(Action::Submit),
            KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc => Some(Action::Cancel),
            _ => None,
        },
    }
}

/// A key's name as the help shows it.
fn key_name(code: KeyCode) -> String {
    match code {
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "S-Tab".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Backspace => "BkSp".into(),
        other => format!("{other:?}"),
    }
}

/// The help, generated from `KEYMAP`: (keys, what they do), one line per distinct help text.
pub fn help() -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = Vec::new();
    for b in KEYMAP {
        match out.iter_mut().find(|(_, h)| *h == b.help) {
            Some((keys, _)) => {
                keys.push(' ');
                keys.push_str(&key_name(b.key));
            }
            None => out.push((key_name(b.key), b.help)),
        }
    }
    out.push(("C-c".into(), "quit (always)"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    /// Every normal-mode key dispatches exactly one action: no key is bound twice.
    #[test]
    fn no_key_bound_twice() {
        for (i, a) in KEYMAP.iter().enumerate() {
            assert!(
                KEYMAP[i + 1..].iter().all(|b| b.key != a.key),
                "{:?} bound twice",
                a.key
            );
        }
    }

    /// The help lists every binding, grouped by what it does.
    #[test]
    fn help_is_generated_from_the_keymap() {
        let help = help();
        assert_eq!(help[0], ("1 2 3 4 5 6 7 8".to_string(), "switch view"));
        assert!(help.iter().any(|(k, h)| k == "j ↓" && *h == "move down"));
        assert!(help.iter().any(|(k, _)| k == "q"));
    }

    /// Typing in a filter produces input, not view switches; Ctrl-C quits from any mode.
    #[test]
    fn modes_change_meaning_of_keys() {
        assert_eq!(
            action_for(&Mode::Normal, key(KeyCode::Char('2'))),
            Some(Action::Show(View::Nodes))
        );
        assert_eq!(
            action_for(&Mode::Filter, key(KeyCode::Char('2'))),
            Some(Action::Input('2'))
        );
        assert_eq!(
            action_for(&Mode::Help, key(KeyCode::Esc)),
            Some(Action::Cancel)
        );
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(action_for(&Mode::Filter, ctrl_c), Some(Action::Quit));
    }
}
