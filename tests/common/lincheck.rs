//! A linearizability checker for histories of key-value register operations (reads, writes,
//! value-based compare-and-set, deletes), used by the integration tests that drive a cluster
//! concurrently while injecting faults. A test records, for every request, when it was sent, when
//! its answer arrived and what the answer was (or that none arrived); [`check`] then decides
//! whether some single order of the operations both respects real time (an operation that
//! finished before another started comes first) and explains every answer with one sequential
//! register per key. Keys are independent registers, so the history is split by key and each key
//! is checked on its own (linearizability is compositional), which keeps the search small. Each
//! key is searched with the Wing–Gong algorithm as refined by Lowe (the approach Porcupine takes):
//! a depth-first search over the list of call and return events that memoises the configurations
//! (set of operations already linearized, register value) it has explored, and backtracks. On top
//! of that come a few exact prunings (reads are placed as soon as they fit, a configuration that
//! left a needed value unreachable is abandoned at once, and operations whose outcome is unknown
//! are only tried where they make a difference), without which heavily concurrent histories or
//! timeouts make the search blow up. The search has a step budget so that a pathological history
//! yields "inconclusive" instead of hanging a test.
#![allow(dead_code)]

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::time::Instant;

/// Nanoseconds since the start of the test run (see [`Clock`]); plain integers keep hand-written
/// histories short and readable.
pub type Time = u64;

/// The request a client made against one key.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Op {
    /// Read the current value; answered with [`Output::Read`].
    Read,
    /// Unconditionally set the value; answered with [`Output::Written`].
    Write(Vec<u8>),
    /// Set the value to `new` only if the current value is `expected` (`None` meaning "the key
    /// is absent"); answered with [`Output::Cas`] saying whether it took effect.
    Cas {
        expected: Option<Vec<u8>>,
        new: Vec<u8>,
    },
    /// Remove the key; answered with [`Output::Deleted`].
    Delete,
}

/// The answer a client received for an [`Op`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Output {
    /// The value read; `None` means the key was absent.
    Read(Option<Vec<u8>>),
    /// The write was acknowledged.
    Written,
    /// Whether the compare-and-set took effect.
    Cas(bool),
    /// The delete was acknowledged.
    Deleted,
}

/// What a client learnt about its operation.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// An answer arrived at [`Operation::ret`].
    Ok(Output),
    /// No usable answer arrived (timeout, connection reset, 5xx, ...): the operation may or may not
    /// have taken effect, at any moment after its invocation. The checker treats it as never
    /// returning, so it may be placed anywhere after [`Operation::call`] or left out altogether.
    /// Unknown reads constrain nothing and are ignored.
    Unknown,
}

/// One operation of a recorded history.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Operation {
    /// Which client issued it; only used to make explanations readable.
    pub client: u64,
    pub key: String,
    pub op: Op,
    /// When the request was sent. Record it *before* sending, so the operation's real effect
    /// lies inside `[call, ret]`.
    pub call: Time,
    /// When the answer was received; ignored when the outcome is [`Outcome::Unknown`].
    pub ret: Time,
    pub outcome: Outcome,
}

impl Operation {
    pub fn new(
        client: u64,
        key: impl Into<String>,
        op: Op,
        call: Time,
        ret: Time,
        outcome: Outcome,
    ) -> Self {
        Operation {
            client,
            key: key.into(),
            op,
            call,
            ret,
            outcome,
        }
    }

    /// A read that returned `value` (`None`: the key was absent).
    pub fn read(
        client: u64,
        key: impl Into<String>,
        value: Option<&[u8]>,
        call: Time,
        ret: Time,
    ) -> Self {
        let output = Output::Read(value.map(<[u8]>::to_vec));
        Self::new(client, key, Op::Read, call, ret, Outcome::Ok(output))
    }

    /// An acknowledged write of `value`.
    pub fn write(client: u64, key: impl Into<String>, value: &[u8], call: Time, ret: Time) -> Self {
        let op = Op::Write(value.to_vec());
        Self::new(client, key, op, call, ret, Outcome::Ok(Output::Written))
    }

    /// A compare-and-set from `expected` to `new` that reported `succeeded`.
    pub fn cas(
        client: u64,
        key: impl Into<String>,
        expected: Option<&[u8]>,
        new: &[u8],
        succeeded: bool,
        call: Time,
        ret: Time,
    ) -> Self {
        let op = Op::Cas {
            expected: expected.map(<[u8]>::to_vec),
            new: new.to_vec(),
        };
        Self::new(
            client,
            key,
            op,
            call,
            ret,
            Outcome::Ok(Output::Cas(succeeded)),
        )
    }

    /// An acknowledged delete.
    pub fn delete(client: u64, key: impl Into<String>, call: Time, ret: Time) -> Self {
        Self::new(
            client,
            key,
            Op::Delete,
            call,
            ret,
            Outcome::Ok(Output::Deleted),
        )
    }

    /// The same operation, but without a usable answer (see [`Outcome::Unknown`]).
    pub fn unknown(mut self) -> Self {
        self.outcome = Outcome::Unknown;
        self
    }

    /// Whether `output` is the kind of answer `op` produces; mismatches are recording bugs.
    fn output_matches(&self, output: &Output) -> bool {
        matches!(
            (&self.op, output),
            (Op::Read, Output::Read(_))
                | (Op::Write(_), Output::Written)
                | (Op::Cas { .. }, Output::Cas(_))
                | (Op::Delete, Output::Deleted)
        )
    }
}

impl fmt::Display for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "client {} ", self.client)?;
        match (&self.op, &self.outcome) {
            (Op::Read, Outcome::Ok(Output::Read(v))) => write!(f, "read -> {}", ShowValue(v))?,
            (Op::Read, _) => f.write_str("read")?,
            (Op::Write(v), _) => write!(f, "write {}", ShowBytes(v))?,
            (Op::Cas { expected, new }, outcome) => {
                write!(f, "cas {} => {}", ShowValue(expected), ShowBytes(new))?;
                match outcome {
                    Outcome::Ok(Output::Cas(true)) => f.write_str(" -> succeeded")?,
                    Outcome::Ok(Output::Cas(false)) => f.write_str(" -> failed")?,
                    _ => {}
                }
            }
            (Op::Delete, _) => f.write_str("delete")?,
        }
        match self.outcome {
            Outcome::Ok(_) => write!(f, " [{}..{}]", self.call, self.ret),
            Outcome::Unknown => write!(f, " [{}..?] (outcome unknown)", self.call),
        }
    }
}

/// Renders a register value for explanations: quoted text when it is printable UTF-8 (the common
/// case in tests), hex otherwise, truncated so one huge value cannot drown the message.
struct ShowBytes<'a>(&'a [u8]);

impl fmt::Display for ShowBytes<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const MAX: usize = 48;
        let bytes = &self.0[..self.0.len().min(MAX)];
        let ellipsis = if self.0.len() > MAX { "..." } else { "" };
        match std::str::from_utf8(bytes) {
            Ok(s) if !s.chars().any(char::is_control) => write!(f, "{s:?}{ellipsis}"),
            _ => {
                f.write_str("0x")?;
                for b in bytes {
                    write!(f, "{b:02x}")?;
                }
                f.write_str(ellipsis)
            }
        }
    }
}

/// A value that may be absent.
struct ShowValue<'a>(&'a Option<Vec<u8>>);

impl fmt::Display for ShowValue<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(v) => ShowBytes(v).fmt(f),
            None => f.write_str("<absent>"),
        }
    }
}

/// Converts [`Instant`]s into [`Time`]s relative to the start of a test, for recording histories
/// from several threads against one time base.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    start: Instant,
}

impl Clock {
    pub fn start() -> Self {
        Clock {
            start: Instant::now(),
        }
    }

    /// Nanoseconds since [`Clock::start`] (saturating after ~584 years).
    pub fn now(&self) -> Time {
        u64::try_from(self.start.elapsed().as_nanos()).unwrap_or(u64::MAX)
    }
}

/// Limits on the search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Config {
    /// Search steps allowed per key before giving up with [`CheckResult::Inconclusive`]. A step
    /// is one candidate tried or one choice undone; each step stores at most one memo entry of
    /// about `ops / 64 + 1` words, so this also bounds memory.
    pub max_steps_per_key: u64,
}

impl Default for Config {
    /// Ample for thousands of operations per key in typical histories, which take from a few to a
    /// few dozen steps per operation, while keeping a hopeless search to a second or two.
    fn default() -> Self {
        Config {
            max_steps_per_key: 5_000_000,
        }
    }
}

/// The verdict on a history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckResult {
    /// Every key has a linearization.
    Ok,
    /// The operations on `key` cannot be linearized; `explanation` says where the search got
    /// stuck (the first such key in key order is reported).
    Violation { key: String, explanation: String },
    /// No violation was found, but the search for these keys ran out of budget.
    Inconclusive { keys: Vec<String> },
}

impl CheckResult {
    pub fn is_ok(&self) -> bool {
        matches!(self, CheckResult::Ok)
    }

    pub fn is_violation(&self) -> bool {
        matches!(self, CheckResult::Violation { .. })
    }
}

impl fmt::Display for CheckResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CheckResult::Ok => f.write_str("linearizable"),
            CheckResult::Violation { key, explanation } => {
                write!(f, "not linearizable (key {key:?}): {explanation}")
            }
            CheckResult::Inconclusive { keys } => {
                write!(f, "inconclusive: step budget exhausted for keys {keys:?}")
            }
        }
    }
}

/// A history that cannot have come from a correct recording; `index` is the position in the
/// slice passed to [`check`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HistoryError {
    /// A completed operation returned before it was invoked.
    ReturnBeforeCall { index: usize },
    /// The answer does not belong to the operation (e.g. a read answered with `Written`).
    OutputMismatch { index: usize },
}

impl fmt::Display for HistoryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HistoryError::ReturnBeforeCall { index } => {
                write!(f, "operation #{index} returns before it is called")
            }
            HistoryError::OutputMismatch { index } => {
                write!(f, "operation #{index} has an answer of the wrong kind")
            }
        }
    }
}

impl std::error::Error for HistoryError {}

/// How much searching a check took, for tests that want to watch the checker's cost.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Keys searched (the search stops at the first violating key).
    pub keys: usize,
    /// Search steps over all keys searched.
    pub total_steps: u64,
    /// Search steps of the most expensive key.
    pub max_key_steps: u64,
}

/// Checks that `history` is linearizable with respect to one independent register per key.
///
/// Operations are identified in explanations by their index in `history` (`#3`). Times are
/// compared inclusively: operations whose intervals merely touch are treated as concurrent, which
/// errs towards accepting when clocks are coarse.
pub fn check(history: &[Operation], config: &Config) -> Result<CheckResult, HistoryError> {
    check_with_stats(history, config).map(|(result, _)| result)
}

/// [`check`], also reporting the search effort.
pub fn check_with_stats(
    history: &[Operation],
    config: &Config,
) -> Result<(CheckResult, Stats), HistoryError> {
    let mut by_key: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (index, op) in history.iter().enumerate() {
        if let Outcome::Ok(output) = &op.outcome {
            if !op.output_matches(output) {
                return Err(HistoryError::OutputMismatch { index });
            }
            if op.ret < op.call {
                return Err(HistoryError::ReturnBeforeCall { index });
            }
        }
        by_key.entry(&op.key).or_default().push(index);
    }

    let mut stats = Stats::default();
    let mut inconclusive = Vec::new();
    for (key, indices) in by_key {
        let register = Register::build(history, &indices);
        let (outcome, steps) = search(&register.ops, config.max_steps_per_key);
        stats.keys += 1;
        stats.total_steps += steps;
        stats.max_key_steps = stats.max_key_steps.max(steps);
        match outcome {
            Search::Linearizable => {}
            Search::GaveUp => inconclusive.push(key.to_owned()),
            Search::Stuck(stuck) => {
                let explanation = register.explain(history, key, indices.len(), &stuck);
                let key = key.to_owned();
                return Ok((CheckResult::Violation { key, explanation }, stats));
            }
        }
    }
    let result = if inconclusive.is_empty() {
        CheckResult::Ok
    } else {
        CheckResult::Inconclusive { keys: inconclusive }
    };
    Ok((result, stats))
}

/// An interned register value. Interning makes the model state a small integer, so stepping and
/// memoising never copy or hash byte strings.
type Val = u32;
/// The key is absent.
const ABSENT: Val = 0;
/// Stands for every value that only unanswered operations write and nothing ever observes (see
/// [`simplify_unknowns`]).
const UNOBSERVED: Val = 1;

/// The register semantics of one operation, with its answer folded in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Step {
    /// A read that returned this value.
    Read(Val),
    /// A write (or, with [`ABSENT`], a delete).
    Set(Val),
    /// A compare-and-set; `succeeded` is `None` when its outcome is unknown.
    Cas {
        expected: Val,
        new: Val,
        succeeded: Option<bool>,
    },
}

impl Step {
    /// The register value after applying this step to `state`, or `None` if the recorded answer
    /// is impossible in `state`.
    fn apply(self, state: Val) -> Option<Val> {
        match self {
            Step::Read(v) => (state == v).then_some(state),
            Step::Set(v) => Some(v),
            Step::Cas {
                expected,
                new,
                succeeded,
            } => match succeeded {
                Some(true) => (state == expected).then_some(new),
                Some(false) => (state != expected).then_some(state),
                None => Some(if state == expected { new } else { state }),
            },
        }
    }

    /// Whether the step leaves the value unchanged whenever its answer fits (reads, failed
    /// compare-and-sets). Such an operation, once it fits and may come next, can be linearized
    /// right away without considering alternatives: in any linearization from here it can be
    /// moved forward to this point without changing what any other operation sees.
    fn is_identity_when_fits(self) -> bool {
        match self {
            Step::Read(_) => true,
            Step::Set(_) => false,
            Step::Cas {
                expected,
                new,
                succeeded,
            } => succeeded == Some(false) || (succeeded == Some(true) && expected == new),
        }
    }
}

/// One operation on the register being searched.
#[derive(Debug, Clone, Copy)]
struct RegOp {
    /// Index in the caller's history, for explanations.
    index: usize,
    step: Step,
    call: Time,
    /// `None` for unknown outcomes: the operation never has to have happened.
    ret: Option<Time>,
}

/// The operations on one key, in model form.
struct Register {
    ops: Vec<RegOp>,
    /// Interned values by [`Val`]; the first two entries are placeholders for [`ABSENT`] and
    /// [`UNOBSERVED`].
    values: Vec<Option<Vec<u8>>>,
}

impl Register {
    fn build(history: &[Operation], indices: &[usize]) -> Self {
        let mut values: Vec<Option<Vec<u8>>> = vec![None, None];
        let mut ids: HashMap<Vec<u8>, Val> = HashMap::new();
        let mut intern = |v: Option<&Vec<u8>>| -> Val {
            let Some(bytes) = v else { return ABSENT };
            *ids.entry(bytes.clone()).or_insert_with(|| {
                values.push(Some(bytes.clone()));
                // No history that fits in memory has u32::MAX distinct values.
                Val::try_from(values.len() - 1).unwrap_or(Val::MAX)
            })
        };

        let mut ops = Vec::with_capacity(indices.len());
        for &index in indices {
            let op = &history[index];
            let output = match &op.outcome {
                Outcome::Ok(output) => Some(output),
                Outcome::Unknown => None,
            };
            let step = match (&op.op, output) {
                (Op::Read, Some(Output::Read(v))) => Step::Read(intern(v.as_ref())),
                // An unanswered read changes nothing and promises nothing.
                (Op::Read, _) => continue,
                (Op::Write(v), _) => Step::Set(intern(Some(v))),
                (Op::Delete, _) => Step::Set(ABSENT),
                (Op::Cas { expected, new }, output) => Step::Cas {
                    expected: intern(expected.as_ref()),
                    new: intern(Some(new)),
                    succeeded: match output {
                        Some(Output::Cas(succeeded)) => Some(*succeeded),
                        _ => None,
                    },
                },
            };
            ops.push(RegOp {
                index,
                step,
                call: op.call,
                ret: output.map(|_| op.ret),
            });
        }
        simplify_unknowns(&mut ops);
        Register { ops, values }
    }

    fn show(&self, v: Val) -> String {
        match (v, self.values.get(v as usize)) {
            (UNOBSERVED, _) => "some value that only unanswered operations wrote".to_owned(),
            (_, Some(v)) => ShowValue(v).to_string(),
            (_, None) => "?".to_owned(),
        }
    }

    /// Turns the deepest dead end of the search into a readable account.
    fn explain(&self, history: &[Operation], key: &str, total: usize, stuck: &Stuck) -> String {
        const TAIL: usize = 3;
        const MAX_CANDIDATES: usize = 10;
        let describe = |op: usize| {
            let index = self.ops[op].index;
            format!("#{index} ({})", history[index])
        };
        let mut text = format!(
            "the {total} operation(s) on key {key:?} have no linearization. The longest \
             linearizable prefix the search found has {} operation(s)",
            stuck.prefix.len()
        );
        if !stuck.prefix.is_empty() {
            let start = stuck.prefix.len().saturating_sub(TAIL);
            let tail: Vec<String> = stuck.prefix[start..]
                .iter()
                .map(|&op| describe(op))
                .collect();
            text.push_str(&format!(", ending with {}", tail.join(", then ")));
        }
        text.push_str(&format!(
            " and leaves the value {}. ",
            self.show(stuck.state)
        ));
        if let Some(op) = stuck.starved {
            let (Step::Read(v) | Step::Cas { expected: v, .. }) = self.ops[op].step else {
                return text;
            };
            text.push_str(&format!(
                "But {} needs the value {}, which no operation left to linearize can store.",
                describe(op),
                self.show(v)
            ));
            return text;
        }
        match stuck.blocked {
            Some(op) => text.push_str(&format!(
                "After that, {} must take effect before it returns, but none of the answered \
                 operations that could come next can be linearized:",
                describe(op)
            )),
            None => text.push_str("No answered operation can be linearized after that:"),
        }
        for &op in stuck.candidates.iter().take(MAX_CANDIDATES) {
            let why = match self.ops[op].step.apply(stuck.state) {
                None => format!(
                    "its answer is impossible when the value is {}",
                    self.show(stuck.state)
                ),
                Some(_) => "it fits, but every continuation fails".to_owned(),
            };
            text.push_str(&format!("\n  - {}: {why}", describe(op)));
        }
        if stuck.candidates.len() > MAX_CANDIDATES {
            let more = stuck.candidates.len() - MAX_CANDIDATES;
            text.push_str(&format!("\n  - ... and {more} more"));
        }
        if stuck.unanswered > 0 {
            text.push_str(&format!(
                "\n  ({} unanswered operation(s) could also have taken effect by then; no choice \
                 of them helps)",
                stuck.unanswered
            ));
        }
        text
    }
}

/// Prepares the unknown-outcome operations, and orders answered operations first (the search
/// numbers them apart).
///
/// A value nothing observes (no completed read returns it, no compare-and-set expects it) behaves
/// exactly like any other such value, so the values unknown operations store are merged into
/// [`UNOBSERVED`] when unobserved. That makes many unknown operations identical, and the search
/// treats identical unknown operations as interchangeable (see [`Class`]).
fn simplify_unknowns(ops: &mut [RegOp]) {
    let mut observed = HashSet::new();
    for op in ops.iter() {
        match op.step {
            Step::Read(v) | Step::Cas { expected: v, .. } => {
                observed.insert(v);
            }
            Step::Set(_) => {}
        }
    }
    for op in ops.iter_mut().filter(|op| op.ret.is_none()) {
        match &mut op.step {
            Step::Set(v) | Step::Cas { new: v, .. } if !observed.contains(v) => *v = UNOBSERVED,
            _ => {}
        }
    }
    ops.sort_by_key(|op| op.ret.is_none());
}

/// The deepest dead end met by a failed search: `prefix` (operations, in order) was linearized,
/// leaving `state`; then either `starved` needs a value nothing left can store, or the next event
/// was the return of `blocked`, `candidates` were the answered operations that could have been
/// linearized next, and `unanswered` unknown operations could have taken effect too.
#[derive(Debug)]
struct Stuck {
    prefix: Vec<usize>,
    state: Val,
    starved: Option<usize>,
    blocked: Option<usize>,
    candidates: Vec<usize>,
    unanswered: usize,
}

enum Search {
    Linearizable,
    Stuck(Stuck),
    GaveUp,
}

/// Whether every bit set in `small` is set in `large` (slices of equal length).
fn is_subset(small: &[u64], large: &[u64]) -> bool {
    small.iter().zip(large).all(|(s, l)| s & !l == 0)
}

/// A doubly linked list over nodes `0..=len + 1`, node 0 being the head and `len + 1` the tail,
/// from which nodes are unlinked and relinked in LIFO order ("dancing links"): an unlinked node
/// keeps its own pointers, so relinking it restores the list exactly.
struct Links {
    next: Vec<usize>,
    prev: Vec<usize>,
}

impl Links {
    fn new(len: usize) -> Self {
        Links {
            next: (1..=len + 2).collect(),
            prev: (0..len + 2).map(|n| n.saturating_sub(1)).collect(),
        }
    }

    fn tail(&self) -> usize {
        self.next.len() - 1
    }

    fn first(&self) -> usize {
        self.next[0]
    }

    fn unlink(&mut self, node: usize) {
        let (prev, next) = (self.prev[node], self.next[node]);
        self.next[prev] = next;
        self.prev[next] = prev;
    }

    fn relink(&mut self, node: usize) {
        let (prev, next) = (self.prev[node], self.next[node]);
        self.next[prev] = node;
        self.prev[next] = node;
    }
}

/// Unknown operations with identical steps. They are interchangeable, so the search only ever
/// uses the earliest-invoked ones not used yet, in order: if a linearization uses `k` of them at
/// some positions, using the `k` earliest instead is also valid, since the `i`-th position admits
/// at least `i` of the operations (those used at or before it) and hence also the `i`-th
/// earliest. Which ones were used then follows from how many.
struct Class {
    step: Step,
    /// The operations, in invocation order.
    tokens: Vec<usize>,
    used: usize,
}

/// Where to look for an alternative after undoing a choice.
#[derive(Debug, Clone, Copy)]
enum Resume {
    /// The choice was forced (see [`Step::is_identity_when_fits`]): there is no alternative.
    Forced,
    /// Continue the walk of answered operations after this call node.
    Answered(usize),
    /// Continue with the unknown-operation choices after this position.
    Unknown(usize),
}

/// A linearized operation, with what is needed to undo it.
#[derive(Debug, Clone, Copy)]
struct Frame {
    op: usize,
    before: Val,
    resume: Resume,
}

/// What the search does next.
#[derive(Debug, Clone, Copy)]
enum Cursor {
    /// A new configuration was reached.
    Start,
    /// Trying answered operations, at this node of the event list.
    Answered(usize),
    /// Trying the unknown-operation choices of the current configuration, at this position.
    Unknown(usize),
    /// No way forward from this configuration: backtrack.
    Dead,
}

/// The Wing–Gong–Lowe search over one register's operations (answered ones first in `ops`),
/// extended for operations with unknown outcomes.
///
/// The call and return events of answered operations, in time order, form a linked list. From
/// each configuration the search tries, in order: an operation that may come next and fits
/// without changing the value (committed to without alternatives, see
/// [`Step::is_identity_when_fits`]); each answered operation whose call precedes the first
/// remaining return; then the useful unknown operations invoked by then (see
/// [`Searcher::plan_unknown`]). Linearizing an operation unlinks its events and pushes the choice
/// on a stack; when nothing fits, the last choice is undone (its events relinked in place) and the
/// search resumes with the next alternative. It succeeds as soon as every answered operation is
/// linearized: leftover unknown operations go at the end, where they affect no answer.
///
/// Configurations already explored are memoised, which is what makes the search practical. A
/// configuration is (answered operations linearized, register value, unknown operations
/// linearized), and one is pruned if an explored one has the same first two parts and a subset of
/// its unknown operations: unknown operations are optional, so having fewer of them used up can
/// only leave more ways to continue. Trying answered operations first makes the configurations
/// with fewer unknown operations come first.
struct Searcher<'a> {
    ops: &'a [RegOp],
    answered: usize,
    /// Events of answered operations; `event_op[node]` is the operation, `is_call[node]` the kind.
    events: Links,
    event_op: Vec<usize>,
    is_call: Vec<bool>,
    call_node: Vec<usize>,
    return_node: Vec<usize>,
    classes: Vec<Class>,
    /// For unknown operations, the index of their class.
    class_of: Vec<usize>,
    /// Classes of unknown writes and deletes, by the value they store.
    sets_by_value: HashMap<Val, Vec<usize>>,
    /// Classes of unknown compare-and-sets, by expected value and by new value.
    cas_by_expected: HashMap<Val, Vec<usize>>,
    cas_by_new: HashMap<Val, Vec<usize>>,
    /// For the configuration at each depth, the classes whose next unknown operation to try.
    unknown_choices: Vec<Vec<usize>>,
    /// Bits of linearized answered operations, then the value (the memo key), then bits of
    /// linearized unknown operations.
    config: Vec<u64>,
    words: usize,
    seen: HashMap<Box<[u64]>, Vec<Box<[u64]>>>,
    state: Val,
    completed: usize,
    stack: Vec<Frame>,
    deepest: Option<Stuck>,
    /// Per value: unlinearized answered operations that need the register to hold it (reads of
    /// it, successful compare-and-sets expecting it), and unlinearized operations that may store
    /// it. A needed value nothing can store any more dooms the configuration unless it is the
    /// current value; `starving` counts such values, making the check constant-time. This catches
    /// a wrong guess (say, a write linearized too early) as soon as it is made.
    needs: Vec<u32>,
    producers: Vec<u32>,
    starving: usize,
}

/// The value `op` needs the register to hold when it takes effect, and the value it may store.
fn needs_and_stores(op: &RegOp) -> (Option<Val>, Option<Val>) {
    match op.step {
        Step::Read(v) => (Some(v), None),
        Step::Set(v) => (None, Some(v)),
        Step::Cas {
            expected,
            new,
            succeeded,
        } => match succeeded {
            Some(true) => (Some(expected), Some(new)),
            Some(false) => (None, None),
            None => (None, Some(new)),
        },
    }
}

/// Searches for a linearization of `ops` within `max_steps`; also returns the steps taken.
fn search(ops: &[RegOp], max_steps: u64) -> (Search, u64) {
    let answered = ops.iter().take_while(|op| op.ret.is_some()).count();
    if answered == 0 {
        return (Search::Linearizable, 0);
    }
    let mut searcher = Searcher::new(ops, answered);
    if searcher.doomed() {
        searcher.note_dead_end();
        return (searcher.deepest.map_or(Search::GaveUp, Search::Stuck), 0);
    }
    let mut cursor = Cursor::Start;
    let mut steps = 0;
    while steps < max_steps {
        steps += 1;
        cursor = match cursor {
            Cursor::Start if searcher.completed == answered => {
                return (Search::Linearizable, steps);
            }
            Cursor::Start => searcher.start(),
            Cursor::Answered(node) => searcher.try_answered(node),
            Cursor::Unknown(position) => searcher.try_unknown(position),
            Cursor::Dead => match searcher.backtrack() {
                Some(cursor) => cursor,
                None => {
                    let stuck = searcher.deepest.take();
                    return (stuck.map_or(Search::GaveUp, Search::Stuck), steps);
                }
            },
        };
    }
    (Search::GaveUp, steps)
}

impl<'a> Searcher<'a> {
    fn new(ops: &'a [RegOp], answered: usize) -> Self {
        // At equal times calls come first, so touching intervals overlap.
        let mut events: Vec<(Time, bool, usize)> = Vec::with_capacity(2 * answered);
        for (i, op) in ops[..answered].iter().enumerate() {
            events.push((op.call, false, i));
            events.push((op.ret.unwrap_or(Time::MAX), true, i));
        }
        events.sort_unstable();
        let mut call_node = vec![0; answered];
        let mut return_node = vec![0; answered];
        // Index 0 is the head; the tail's entries are never read.
        let mut event_op = vec![0; events.len() + 2];
        let mut is_call = vec![false; events.len() + 2];
        for (n, &(_, is_return, op)) in events.iter().enumerate() {
            event_op[n + 1] = op;
            is_call[n + 1] = !is_return;
            if is_return {
                return_node[op] = n + 1;
            } else {
                call_node[op] = n + 1;
            }
        }

        let mut unknown: Vec<usize> = (answered..ops.len()).collect();
        unknown.sort_by_key(|&i| (ops[i].call, i));
        let mut classes: Vec<Class> = Vec::new();
        let mut class_index: HashMap<Step, usize> = HashMap::new();
        let mut class_of = vec![0; ops.len()];
        for op in unknown {
            let step = ops[op].step;
            let class = *class_index.entry(step).or_insert_with(|| {
                classes.push(Class {
                    step,
                    tokens: Vec::new(),
                    used: 0,
                });
                classes.len() - 1
            });
            classes[class].tokens.push(op);
            class_of[op] = class;
        }
        let mut sets_by_value: HashMap<Val, Vec<usize>> = HashMap::new();
        let mut cas_by_expected: HashMap<Val, Vec<usize>> = HashMap::new();
        let mut cas_by_new: HashMap<Val, Vec<usize>> = HashMap::new();
        for (i, class) in classes.iter().enumerate() {
            match class.step {
                Step::Set(v) => sets_by_value.entry(v).or_default().push(i),
                Step::Cas { expected, new, .. } => {
                    cas_by_expected.entry(expected).or_default().push(i);
                    cas_by_new.entry(new).or_default().push(i);
                }
                Step::Read(_) => {}
            }
        }

        let len = ops
            .iter()
            .map(|op| match op.step {
                Step::Read(v) | Step::Set(v) => v,
                Step::Cas { expected, new, .. } => expected.max(new),
            })
            .max()
            .unwrap_or(UNOBSERVED) as usize
            + 1;
        let mut needs = vec![0; len];
        let mut producers = vec![0; len];
        for op in ops {
            let (need, store) = needs_and_stores(op);
            if let Some(v) = need {
                needs[v as usize] += 1;
            }
            if let Some(v) = store {
                producers[v as usize] += 1;
            }
        }
        let starving = (0..len)
            .filter(|&v| needs[v] > 0 && producers[v] == 0)
            .count();

        let words = answered.div_ceil(64);
        Searcher {
            ops,
            answered,
            events: Links::new(events.len()),
            event_op,
            is_call,
            call_node,
            return_node,
            classes,
            class_of,
            sets_by_value,
            cas_by_expected,
            cas_by_new,
            unknown_choices: Vec::new(),
            config: vec![0; words + 1 + (ops.len() - answered).div_ceil(64)],
            words,
            seen: HashMap::new(),
            state: ABSENT,
            completed: 0,
            stack: Vec::new(),
            deepest: None,
            needs,
            producers,
            starving,
        }
    }

    /// Updates the value accounting for linearizing `op` (`taken`) or undoing that.
    fn account(&mut self, op: usize, taken: bool) {
        let (need, store) = needs_and_stores(&self.ops[op]);
        let starving = |needs: u32, producers: u32| needs > 0 && producers == 0;
        for (v, is_need) in [(need, true), (store, false)] {
            let Some(v) = v.map(|v| v as usize) else {
                continue;
            };
            let before = starving(self.needs[v], self.producers[v]);
            let count = if is_need {
                &mut self.needs[v]
            } else {
                &mut self.producers[v]
            };
            *count = if taken { *count - 1 } else { *count + 1 };
            match (before, starving(self.needs[v], self.producers[v])) {
                (false, true) => self.starving += 1,
                (true, false) => self.starving -= 1,
                _ => {}
            }
        }
    }

    /// Whether some value still needed can no longer be stored and is not the current one.
    fn doomed(&self) -> bool {
        let s = self.state as usize;
        let current = self.needs[s] > 0 && self.producers[s] == 0;
        self.starving > usize::from(current)
    }

    /// The word and bit of `op` in `config`.
    fn locate(&self, op: usize) -> (usize, u64) {
        match op.checked_sub(self.answered) {
            None => (op / 64, 1 << (op % 64)),
            Some(u) => (self.words + 1 + u / 64, 1 << (u % 64)),
        }
    }

    /// At a new configuration: commits to an operation that fits and changes nothing, if any may
    /// come next; otherwise starts trying answered operations.
    fn start(&mut self) -> Cursor {
        let mut node = self.events.first();
        while node != self.events.tail() && self.is_call[node] {
            let op = self.event_op[node];
            let step = self.ops[op].step;
            if step.is_identity_when_fits() && step.apply(self.state).is_some() {
                return self.visit(op, self.state, Resume::Forced, Cursor::Dead);
            }
            node = self.events.next[node];
        }
        Cursor::Answered(self.events.first())
    }

    fn try_answered(&mut self, node: usize) -> Cursor {
        if node == self.events.tail() || !self.is_call[node] {
            // The first remaining return: unknown operations invoked by then may come next.
            let barrier = if node == self.events.tail() {
                Time::MAX
            } else {
                self.ops[self.event_op[node]].ret.unwrap_or(Time::MAX)
            };
            self.plan_unknown(barrier);
            return Cursor::Unknown(0);
        }
        let op = self.event_op[node];
        let next = Cursor::Answered(self.events.next[node]);
        match self.ops[op].step.apply(self.state) {
            Some(new) => self.visit(op, new, Resume::Answered(node), next),
            None => next,
        }
    }

    /// The next unused operation of `class`, if it was invoked by `barrier`.
    fn next_token(&self, class: usize, barrier: Time) -> Option<usize> {
        let class = &self.classes[class];
        let token = *class.tokens.get(class.used)?;
        (self.ops[token].call <= barrier).then_some(token)
    }

    /// Chooses the unknown operations worth trying from the current configuration, whose answered
    /// candidates were just found not to lead anywhere, and whose first remaining return is at
    /// `barrier`.
    ///
    /// In a linearization, an unknown operation `u` can be dropped when the operation after it is
    /// a write or delete (which overwrites its effect) or when it is last, and swapped with the
    /// next operation when that one fits both before and after `u` with the same result (a failed
    /// compare-and-set that fits either way). So some linearization, if any exists, has every
    /// unknown operation immediately followed by one that needs the value `u` leaves: a read of
    /// it, a compare-and-set expecting it, a failed compare-and-set that did not fit before, or an
    /// unknown compare-and-set expecting it, itself so followed. The last operation of such a run
    /// is answered and may come next already (unknown operations return no earlier). Hence only
    /// unknown operations leaving a value that some answered candidate wants, directly or through
    /// unknown compare-and-sets, are tried, or any value at all when a failed compare-and-set is
    /// waiting for the current value to change.
    fn plan_unknown(&mut self, barrier: Time) {
        let mut wanted: Vec<Val> = Vec::new();
        let mut want_any = false;
        let mut node = self.events.first();
        while node != self.events.tail() && self.is_call[node] {
            // Candidates that fit and change nothing were committed to already, so the reads and
            // failed compare-and-sets here do not fit the current value.
            let want = match self.ops[self.event_op[node]].step {
                Step::Read(v) => Some(v),
                Step::Cas {
                    expected,
                    succeeded: Some(true),
                    ..
                } => Some(expected),
                Step::Cas {
                    succeeded: Some(false),
                    ..
                } => {
                    want_any = true;
                    None
                }
                Step::Set(_) | Step::Cas { .. } => None,
            };
            if let Some(v) = want.filter(|v| !wanted.contains(v)) {
                wanted.push(v);
            }
            node = self.events.next[node];
        }

        let depth = self.stack.len();
        if self.unknown_choices.len() <= depth {
            self.unknown_choices.resize_with(depth + 1, Vec::new);
        }
        let mut choices = std::mem::take(&mut self.unknown_choices[depth]);
        choices.clear();
        let state = self.state;
        let useful = |class: &Class| class.step.apply(state).is_some_and(|new| new != state);
        if want_any {
            for class in 0..self.classes.len() {
                if useful(&self.classes[class]) && self.next_token(class, barrier).is_some() {
                    choices.push(class);
                }
            }
        } else {
            // Values unknown compare-and-sets could turn into wanted ones are wanted too.
            let mut i = 0;
            while let Some(&v) = wanted.get(i) {
                for &class in self.cas_by_new.get(&v).into_iter().flatten() {
                    if let Step::Cas { expected, .. } = self.classes[class].step
                        && !wanted.contains(&expected)
                    {
                        wanted.push(expected);
                    }
                }
                i += 1;
            }
            let writes = wanted
                .iter()
                .flat_map(|v| self.sets_by_value.get(v))
                .flatten();
            let swaps = self.cas_by_expected.get(&state).into_iter().flatten();
            for &class in writes.chain(swaps) {
                let leaves = self.classes[class].step.apply(state);
                if useful(&self.classes[class])
                    && leaves.is_some_and(|v| wanted.contains(&v))
                    && self.next_token(class, barrier).is_some()
                {
                    choices.push(class);
                }
            }
        }
        self.unknown_choices[depth] = choices;
    }

    fn try_unknown(&mut self, position: usize) -> Cursor {
        let Some(&class) = self
            .unknown_choices
            .get(self.stack.len())
            .and_then(|choices| choices.get(position))
        else {
            return Cursor::Dead;
        };
        let token = self.classes[class].tokens[self.classes[class].used];
        let next = Cursor::Unknown(position + 1);
        match self.classes[class].step.apply(self.state) {
            Some(new) => self.visit(token, new, Resume::Unknown(position), next),
            None => next,
        }
    }

    /// Linearizes `op`, leaving the value `new`, and goes on from there, unless that configuration
    /// is already covered by an explored one (then goes on with `otherwise`) or is doomed (then
    /// backtracks at once).
    fn visit(&mut self, op: usize, new: Val, resume: Resume, otherwise: Cursor) -> Cursor {
        let (word, mask) = self.locate(op);
        self.config[word] |= mask;
        self.config[self.words] = u64::from(new);
        let (key, unknown) = self.config.split_at(self.words + 1);
        let fresh = match self.seen.get_mut(key) {
            Some(explored) => {
                let fresh = !explored.iter().any(|old| is_subset(old, unknown));
                if fresh {
                    explored.retain(|old| !is_subset(unknown, old));
                    explored.push(unknown.into());
                }
                fresh
            }
            None => {
                self.seen.insert(key.into(), vec![unknown.into()]);
                true
            }
        };
        if !fresh {
            self.config[word] &= !mask;
            self.config[self.words] = u64::from(self.state);
            return otherwise;
        }
        self.stack.push(Frame {
            op,
            before: self.state,
            resume,
        });
        self.state = new;
        if op < self.answered {
            self.events.unlink(self.call_node[op]);
            self.events.unlink(self.return_node[op]);
            self.completed += 1;
        } else {
            self.classes[self.class_of[op]].used += 1;
        }
        self.account(op, true);
        if self.doomed() {
            Cursor::Dead
        } else {
            Cursor::Start
        }
    }

    /// Undoes the last choice and says where to look for an alternative; `None` when there is
    /// nothing left to undo.
    fn backtrack(&mut self) -> Option<Cursor> {
        self.note_dead_end();
        let frame = self.stack.pop()?;
        let (word, mask) = self.locate(frame.op);
        self.config[word] &= !mask;
        self.state = frame.before;
        self.config[self.words] = u64::from(self.state);
        if frame.op < self.answered {
            self.events.relink(self.return_node[frame.op]);
            self.events.relink(self.call_node[frame.op]);
            self.completed -= 1;
        } else {
            self.classes[self.class_of[frame.op]].used -= 1;
        }
        self.account(frame.op, false);
        Some(match frame.resume {
            Resume::Forced => Cursor::Dead,
            Resume::Answered(node) => Cursor::Answered(self.events.next[node]),
            Resume::Unknown(position) => Cursor::Unknown(position + 1),
        })
    }

    /// Keeps the deepest dead end for the explanation.
    fn note_dead_end(&mut self) {
        if self
            .deepest
            .as_ref()
            .is_some_and(|d| d.prefix.len() >= self.stack.len())
        {
            return;
        }
        let mut candidates = Vec::new();
        let mut node = self.events.first();
        while node != self.events.tail() && self.is_call[node] {
            candidates.push(self.event_op[node]);
            node = self.events.next[node];
        }
        let blocked = (node != self.events.tail()).then(|| self.event_op[node]);
        let barrier = blocked.and_then(|op| self.ops[op].ret).unwrap_or(Time::MAX);
        let unanswered = self
            .classes
            .iter()
            .map(|class| {
                let unused = &class.tokens[class.used..];
                unused
                    .iter()
                    .filter(|&&t| self.ops[t].call <= barrier)
                    .count()
            })
            .sum();
        let state = self.state as usize;
        let starved = (0..self.needs.len())
            .find(|&v| v != state && self.needs[v] > 0 && self.producers[v] == 0)
            .and_then(|v| {
                (0..self.answered).find(|&op| {
                    let (word, mask) = self.locate(op);
                    self.config[word] & mask == 0
                        && needs_and_stores(&self.ops[op]).0 == Some(v as Val)
                })
            });
        self.deepest = Some(Stuck {
            prefix: self.stack.iter().map(|frame| frame.op).collect(),
            state: self.state,
            starved,
            blocked,
            candidates,
            unanswered,
        });
    }
}
