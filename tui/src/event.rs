//! The dashboard's event source: one task turns terminal input, a slow tick, and SIGINT/SIGTERM
//! into `Event`s on an unbounded channel, which the poller also sends its data into. The main
//! loop therefore waits on exactly one thing and redraws only when something happened.

use std::time::Duration;

use crossterm::event::EventStream;
use futures::StreamExt;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};
use tokio::task::JoinHandle;

use crate::state::Update;

/// Something the main loop must react to.
#[derive(Debug)]
pub enum Event {
    /// Time passed: ages on screen need a redraw.
    Tick,
    Terminal(crossterm::event::Event),
    Data(Update),
    /// A signal asked us to stop, or the terminal went away.
    Shutdown,
}

/// Owns the input task; dropping it stops the task.
pub struct EventHandler {
    tx: UnboundedSender<Event>,
    rx: UnboundedReceiver<Event>,
    task: JoinHandle<()>,
}

impl EventHandler {
    /// Starts reading input; `tick` is how often ages refresh while nothing else happens.
    pub fn new(tick: Duration) -> EventHandler {
        let (tx, rx) = unbounded_channel();
        let task = tokio::spawn(input_loop(tx.clone(), tick));
        EventHandler { tx, rx, task }
    }

    /// A sender for other producers (the poller).
    pub fn sender(&self) -> UnboundedSender<Event> {
        self.tx.clone()
    }

    pub async fn next(&mut self) -> Option<Event> {
        self.rx.recv().await
    }
}

impl Drop for EventHandler {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn input_loop(tx: UnboundedSender<Event>, tick: Duration) {
    let mut input = EventStream::new();
    let mut ticks = tokio::time::interval(tick);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate());
    let int = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt());
    let (Ok(mut term), Ok(mut int)) = (term, int) else {
        let _ = tx.send(Event::Shutdown);
        return;
    };
    loop {
        let event = tokio::select! {
            _ = tx.closed() => return,
            _ = ticks.tick() => Event::Tick,
            _ = term.recv() => Event::Shutdown,
            _ = int.recv() => Event::Shutdown,
            e = input.next() => match e {
                Some(Ok(e)) => Event::Terminal(e),
                // The terminal is gone or unreadable: nothing more can be shown.
                Some(Err(_)) | None => Event::Shutdown,
            },
        };
        let stop = matches!(event, Event::Shutdown);
        if tx.send(event).is_err() || stop {
            return;
        }
    }
}
