//! Colours and emphasis in one place. With `NO_COLOR` or `--no-color` every style keeps only
//! modifiers (bold, reverse), so the layout and highlights still read on a monochrome terminal.

use ratatui::style::{Color, Modifier, Style};

use crate::state::model::{Health, MemberStatus};
use crate::state::timeline::Kind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless `--no-color` was given or `NO_COLOR` is set to anything non-empty
    /// (no-color.org).
    pub fn detect(no_color_flag: bool) -> Theme {
        let env = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme {
            color: !(no_color_flag || env),
        }
    }

    fn fg(self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn health(self, h: Health) -> Style {
        match h {
            Health::Passing => self.fg(Color::Green),
            Health::Warning => self.fg(Color::Yellow),
            Health::Critical => self.fg(Color::Red).add_modifier(Modifier::BOLD),
            Health::Unknown => self.fg(Color::DarkGray),
        }
    }

    pub fn status(self, s: MemberStatus) -> Style {
        match s {
            MemberStatus::Alive => self.fg(Color::Green),
            MemberStatus::Leaving | MemberStatus::Left => self.fg(Color::DarkGray),
            MemberStatus::Failed => self.fg(Color::Red).add_modifier(Modifier::BOLD),
            MemberStatus::None => self.fg(Color::Yellow),
        }
    }

    pub fn event(self, k: Kind) -> Style {
        match k {
            Kind::Fail => self.fg(Color::Red),
            Kind::Join | Kind::Recover => self.fg(Color::Green),
            Kind::Leave => self.fg(Color::DarkGray),
            Kind::Leader | Kind::Rollout => self.fg(Color::Magenta),
            Kind::Check | Kind::Service | Kind::Kv => self.fg(Color::Cyan),
        }
    }

    pub fn title(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn label(self) -> Style {
        self.fg(Color::DarkGray)
    }

    pub fn header(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn leader(self) -> Style {
        self.fg(Color::Magenta).add_modifier(Modifier::BOLD)
    }

    pub fn banner(self) -> Style {
        if self.color {
            Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }
}
