//! Everything a user can ask of the dashboard, as one closed set. Keys map to actions in
//! `keys`; `App::apply` is the one `match` that carries them out.

use crate::app::View;

/// One user intent, independent of the key that produced it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    Show(View),
    NextView,
    PrevView,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// Drill into the selected row (node, service, KV folder or key).
    Enter,
    /// Leave a drill-in, clear a filter, or go up a KV folder.
    Back,
    StartFilter,
    Sort,
    Help,
    /// KV: create a key in the current folder.
    KvNew,
    /// KV: edit the opened key (CAS on the index it was read at).
    KvEdit,
    /// KV: delete the opened key (CAS on the index it was read at).
    KvDelete,
    /// Typing in a filter or prompt.
    Input(char),
    Erase,
    /// Accept the filter or prompt, or answer yes to a confirmation.
    Submit,
    /// Abandon the filter, prompt, confirmation or help.
    Cancel,
}
