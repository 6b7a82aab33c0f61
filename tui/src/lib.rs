//! `ctl tui`, the live terminal dashboard: a client of the HTTP API like any other (through
//! `ctl_server::client`), never linked to agent internals.
//!
//! Module map: `app` (state and its one update path), `action` (what a user can ask),
//! `keys` (the one keymap, which also generates the help), `event` (terminal input, ticks and
//! signals as one stream), `poller` (the only network code), `state` (pure cluster data, the
//! timeline and the KV browser), `widgets` (drawing from state only) and `theme` (colours,
//! `NO_COLOR`).

pub mod action;
pub mod app;
pub mod event;
pub mod keys;
pub mod poller;
pub mod state;
pub mod theme;
pub mod widgets;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use ctl_server::client::Client;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tokio::sync::mpsc::unbounded_channel;

use app::App;
pub use app::View;
use event::{Event, EventHandler};
use state::Stamp;
use theme::Theme;

/// Now, as the dashboard counts time.
fn now() -> Stamp {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// One frame of `app` as plain text: `height` lines, trailing blanks trimmed.
pub fn render_text(app: &App, theme: Theme, width: u16, height: u16) -> String {
    let mut terminal = match Terminal::new(TestBackend::new(width.max(1), height.max(1))) {
        Ok(t) => t,
        Err(e) => match e {},
    };
    // TestBackend cannot fail to draw.
    let _ = terminal.draw(|f| widgets::draw(f, app, theme));
    let buf = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        for x in 0..buf.area.width {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// `ctl tui --once`: fetches everything `view` needs once and returns one frame as text.
pub async fn once(client: &Client, view: View, width: u16, height: u16, no_color: bool) -> String {
    let t = now();
    let mut app = App::new(view, t);
    for u in poller::fetch_once(client, view).await {
        app.on_update(u, t);
    }
    app.outbox.clear();
    render_text(&app, Theme::detect(no_color), width, height)
}

/// Restores the terminal however the dashboard ends (return, error, or unwinding panic; the
/// panic hook `ratatui::init` installs covers a panic that aborts).
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        let _ = crossterm::execute!(std::io::stdout(), crossterm::event::DisableMouseCapture);
        ratatui::restore();
    }
}

/// `ctl tui`: the interactive dashboard, until `q`, Ctrl-C, SIGINT or SIGTERM.
pub async fn run(client: Client, view: View, no_color: bool) -> std::io::Result<()> {
    let theme = Theme::detect(no_color);
    let mut terminal = ratatui::try_init()?;
    let _restore = Restore;
    crossterm::execute!(std::io::stdout(), crossterm::event::EnableMouseCapture)?;
    let mut events = EventHandler::new(Duration::from_secs(1));
    let (requests, requests_rx) = unbounded_channel();
    let _poller = poller::Poller::spawn(client, events.sender(), requests_rx);
    let mut app = App::new(view, now());
    loop {
        for r in app.outbox.drain(..) {
            let _ = requests.send(r);
        }
        terminal.draw(|f| widgets::draw(f, &app, theme))?;
        app.rows_area = widgets::take_rows_area();
        let Some(event) = events.next().await else {
            break;
        };
        match event {
            Event::Tick => app.now = now(),
            Event::Terminal(crossterm::event::Event::Key(key)) => {
                app.cluster.notice = None;
                app.on_key(key);
            }
            Event::Terminal(crossterm::event::Event::Mouse(m)) => app.on_mouse(m),
            Event::Terminal(_) => {}
            Event::Data(update) => app.on_update(update, now()),
            Event::Shutdown => break,
        }
        if app.quit {
            break;
        }
    }
    Ok(())
}
