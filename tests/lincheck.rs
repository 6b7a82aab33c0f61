//! Unit tests of the linearizability checker in `tests/common/lincheck.rs`. The end-to-end fault
//! tests trust its verdicts, so these pin down both directions on hand-written histories (correct
//! ones must pass, each kind of anomaly must be caught) and on large randomized histories derived
//! from a real sequential execution, which must pass until one answer is corrupted.

#[path = "common/lincheck.rs"]
mod lincheck;

use std::collections::HashMap;
use std::time::Instant;

use lincheck::{
    CheckResult, Config, HistoryError, Op, Operation, Outcome, Output, check, check_with_stats,
};

/// A present value, in the form the constructors take.
fn v(s: &str) -> Option<&[u8]> {
    Some(s.as_bytes())
}

fn verdict(history: &[Operation]) -> CheckResult {
    check(history, &Config::default()).expect("well-formed history")
}

fn assert_linearizable(history: &[Operation]) {
    let result = verdict(history);
    assert!(result.is_ok(), "expected linearizable, got {result}");
}

/// Asserts a violation on `key` and returns its explanation.
fn assert_violation(history: &[Operation], key: &str) -> String {
    match verdict(history) {
        CheckResult::Violation {
            key: k,
            explanation,
        } => {
            assert_eq!(k, key, "violation reported on the wrong key: {explanation}");
            assert!(!explanation.is_empty());
            explanation
        }
        other => panic!("expected a violation on {key:?}, got {other}"),
    }
}

#[test]
fn empty_history_is_linearizable() {
    assert_linearizable(&[]);
}

#[test]
fn sequential_history_is_linearizable() {
    let h = [
        Operation::read(1, "k", None, 0, 5),
        Operation::write(1, "k", b"a", 10, 20),
        Operation::read(2, "k", v("a"), 30, 40),
        Operation::cas(1, "k", v("a"), b"b", true, 50, 60),
        Operation::cas(2, "k", v("a"), b"c", false, 70, 80),
        Operation::read(3, "k", v("b"), 90, 100),
        Operation::delete(1, "k", 110, 120),
        Operation::read(2, "k", None, 130, 140),
        Operation::cas(3, "k", None, b"d", true, 150, 160),
        Operation::read(1, "k", v("d"), 170, 180),
    ];
    assert_linearizable(&h);
}

#[test]
fn read_after_delete_returning_old_value_is_a_violation() {
    let h = [
        Operation::write(1, "k", b"a", 0, 10),
        Operation::delete(1, "k", 20, 30),
        Operation::read(2, "k", v("a"), 40, 50),
    ];
    assert_violation(&h, "k");
}

#[test]
fn concurrent_read_may_see_either_value() {
    for seen in [v("old"), v("new")] {
        let h = [
            Operation::write(1, "k", b"old", 0, 10),
            Operation::write(1, "k", b"new", 20, 60),
            Operation::read(2, "k", seen, 30, 50),
        ];
        assert_linearizable(&h);
    }
    // A value that was never current is not one of them.
    let h = [
        Operation::write(1, "k", b"old", 0, 10),
        Operation::write(1, "k", b"new", 20, 60),
        Operation::read(2, "k", None, 30, 50),
    ];
    assert_violation(&h, "k");
}

#[test]
fn touching_intervals_count_as_concurrent() {
    let h = [
        Operation::write(1, "k", b"a", 0, 10),
        Operation::write(1, "k", b"b", 20, 30),
        Operation::read(2, "k", v("a"), 30, 40),
    ];
    assert_linearizable(&h);
}

#[test]
fn stale_read_after_completed_write_is_a_violation() {
    let h = [
        Operation::write(1, "k", b"a", 0, 10),
        Operation::write(1, "k", b"b", 20, 30),
        Operation::read(2, "k", v("a"), 40, 50),
    ];
    let explanation = assert_violation(&h, "k");
    assert!(
        explanation.contains("#2"),
        "should name the stale read: {explanation}"
    );
    assert!(
        explanation.contains("\"b\""),
        "should name the current value: {explanation}"
    );
}

#[test]
fn reads_cannot_go_back_in_time() {
    // Both reads overlap the write, but once one has seen the new value a later one cannot see the
    // old one.
    let h = [
        Operation::write(1, "k", b"a", 0, 10),
        Operation::write(1, "k", b"b", 20, 100),
        Operation::read(2, "k", v("b"), 30, 40),
        Operation::read(3, "k", v("a"), 50, 60),
    ];
    assert_violation(&h, "k");
}

#[test]
fn cas_succeeding_against_a_value_that_cannot_be_current_is_a_violation() {
    let h = [
        Operation::write(1, "k", b"a", 0, 10),
        Operation::write(1, "k", b"b", 20, 30),
        Operation::cas(2, "k", v("a"), b"c", true, 40, 50),
    ];
    let explanation = assert_violation(&h, "k");
    assert!(
        explanation.contains("#2"),
        "should name the CAS: {explanation}"
    );

    // Overlapping the second write, the same CAS can be ordered before it.
    let h = [
        Operation::write(1, "k", b"a", 0, 10),
        Operation::write(1, "k", b"b", 20, 45),
        Operation::cas(2, "k", v("a"), b"c", true, 40, 50),
        Operation::read(3, "k", v("b"), 60, 70),
    ];
    assert_linearizable(&h);
}

#[test]
fn concurrent_cas_has_at_most_one_winner() {
    let one_winner = [
        Operation::cas(1, "k", None, b"a", true, 0, 10),
        Operation::cas(2, "k", None, b"b", false, 0, 10),
        Operation::read(3, "k", v("a"), 20, 30),
    ];
    assert_linearizable(&one_winner);

    let two_winners = [
        Operation::cas(1, "k", None, b"a", true, 0, 10),
        Operation::cas(2, "k", None, b"b", true, 0, 10),
    ];
    assert_violation(&two_winners, "k");

    let failed_without_reason = [
        Operation::cas(1, "k", None, b"a", false, 0, 10),
        Operation::read(2, "k", None, 20, 30),
    ];
    assert_violation(&failed_without_reason, "k");
}

#[test]
fn unknown_write_may_take_effect() {
    let h = [
        Operation::write(1, "k", b"a", 0, 10),
        Operation::write(1, "k", b"b", 20, 30).unknown(),
        Operation::read(2, "k", v("b"), 1_000, 1_010),
    ];
    assert_linearizable(&h);
}

#[test]
fn unknown_write_may_never_take_effect() {
    let h = [
        Operation::write(1, "k", b"a", 0, 10),
        Operation::write(1, "k", b"b", 20, 30).unknown(),
        Operation::read(2, "k", v("a"), 40, 50),
        Operation::read(2, "k", v("a"), 1_000, 1_010),
    ];
    assert_linearizable(&h);
}

#[test]
fn unknown_write_takes_effect_only_once() {
    // Seen, then overwritten: it cannot reappear.
    let h = [
        Operation::write(1, "k", b"b", 0, 0).unknown(),
        Operation::read(2, "k", v("b"), 10, 20),
        Operation::write(3, "k", b"c", 30, 40),
        Operation::read(2, "k", v("b"), 50, 60),
    ];
    assert_violation(&h, "k");
}

#[test]
fn unknown_write_cannot_take_effect_before_its_invocation() {
    let h = [
        Operation::write(1, "k", b"a", 0, 10),
        Operation::read(2, "k", v("b"), 20, 30),
        Operation::write(1, "k", b"b", 40, 50).unknown(),
    ];
    let explanation = assert_violation(&h, "k");
    assert!(
        explanation.contains("#1"),
        "should name the read: {explanation}"
    );
}

#[test]
fn unread_unknown_write_can_explain_a_failed_cas() {
    // The CAS saw something other than "a": only the unknown write can have been current.
    let h = [
        Operation::write(1, "k", b"a", 0, 10),
        Operation::write(2, "k", b"b", 20, 30).unknown(),
        Operation::cas(3, "k", v("a"), b"c", false, 40, 50),
    ];
    assert_linearizable(&h);
    // Without it, the failure is unexplained.
    assert_violation(&[h[0].clone(), h[2].clone()], "k");
}

#[test]
fn unknown_cas_and_delete_are_optional() {
    let h = [
        Operation::write(1, "k", b"a", 0, 10),
        Operation::cas(2, "k", v("a"), b"b", false, 20, 30).unknown(),
        Operation::delete(3, "k", 20, 30).unknown(),
        Operation::read(1, "k", v("b"), 40, 50),
        Operation::read(1, "k", None, 60, 70),
    ];
    assert_linearizable(&h);
    // An unknown CAS still only succeeds against its expected value.
    let h = [
        Operation::write(1, "k", b"x", 0, 10),
        Operation::cas(2, "k", v("a"), b"b", false, 20, 30).unknown(),
        Operation::read(1, "k", v("b"), 40, 50),
    ];
    assert_violation(&h, "k");
}

#[test]
fn unknown_reads_are_ignored() {
    let h = [
        Operation::write(1, "k", b"a", 0, 10),
        Operation::new(2, "k", Op::Read, 20, 30, Outcome::Unknown),
        Operation::read(3, "k", v("a"), 40, 50),
    ];
    assert_linearizable(&h);
}

#[test]
fn keys_are_checked_independently() {
    // Each key on its own is fine, although a single register could not explain the reads.
    let h = [
        Operation::write(1, "x", b"1", 0, 10),
        Operation::read(2, "y", None, 20, 30),
        Operation::write(1, "y", b"2", 40, 50),
        Operation::read(2, "x", v("1"), 60, 70),
    ];
    assert_linearizable(&h);

    // A violation is reported on the key where it happens.
    let h = [
        Operation::write(1, "x", b"1", 0, 10),
        Operation::read(2, "x", v("1"), 20, 30),
        Operation::read(2, "y", v("1"), 20, 30),
    ];
    assert_violation(&h, "y");
}

#[test]
fn exhausted_budget_is_inconclusive() {
    let mut h: Vec<Operation> = (0..20)
        .map(|i| Operation::write(1, "k", format!("w{i}").as_bytes(), 10 * i, 10 * i + 5))
        .collect();
    h.push(Operation::read(2, "k", v("w19"), 1_000, 1_010));
    let tiny = Config {
        max_steps_per_key: 5,
    };
    let (result, stats) = check_with_stats(&h, &tiny).expect("well-formed history");
    assert_eq!(
        result,
        CheckResult::Inconclusive {
            keys: vec!["k".to_owned()]
        }
    );
    assert_eq!(stats.max_key_steps, 5);
    assert!(verdict(&h).is_ok());
}

#[test]
fn read_of_a_value_never_written_is_explained() {
    let h = [
        Operation::write(1, "k", b"a", 0, 10),
        Operation::read(2, "k", v("zzz"), 20, 30),
    ];
    let explanation = assert_violation(&h, "k");
    assert!(
        explanation.contains("#1") && explanation.contains("\"zzz\""),
        "should name the read and the value: {explanation}"
    );
}

#[test]
fn malformed_histories_are_rejected() {
    let backwards = [
        Operation::write(1, "k", b"a", 0, 10),
        Operation::write(1, "k", b"b", 30, 20),
    ];
    assert_eq!(
        check(&backwards, &Config::default()),
        Err(HistoryError::ReturnBeforeCall { index: 1 })
    );
    // An unknown outcome has no return time to get wrong.
    assert!(verdict(&[backwards[1].clone().unknown()]).is_ok());

    let mismatched = [Operation::new(
        1,
        "k",
        Op::Read,
        0,
        10,
        Outcome::Ok(Output::Written),
    )];
    assert_eq!(
        check(&mismatched, &Config::default()),
        Err(HistoryError::OutputMismatch { index: 0 })
    );
}

/// Marsaglia's xorshift64: deterministic and good enough to shuffle test histories.
struct XorShift(u64);

impl XorShift {
    fn new(seed: u64) -> Self {
        XorShift(seed.max(1))
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// Uniform-ish in `0..n` (`n > 0`).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Runs `count` random operations on a `HashMap` one after another, operation `i` taking effect at
/// instant `10 * (i + 1)`, and records each with a random interval around that instant, so that
/// intervals overlap heavily yet the real order is a valid linearization. About one in ten
/// operations loses its answer ([`Outcome::Unknown`]); such writes take effect only half the time.
fn random_history(seed: u64, count: usize, keys: &[&str], spread: u64) -> Vec<Operation> {
    let mut rng = XorShift::new(seed);
    let mut map: HashMap<&str, Vec<u8>> = HashMap::new();
    let mut written = 0u64;
    let mut history = Vec::with_capacity(count);
    for i in 0..count {
        let at = 10 * (i as u64 + 1);
        let call = at.saturating_sub(rng.below(spread));
        let ret = at + rng.below(spread);
        let client = rng.below(16);
        let key = keys[rng.below(keys.len() as u64) as usize];
        let current = map.get(key).cloned();
        let lost = rng.below(10) == 0;
        let applies = !lost || rng.below(2) == 0;
        let (op, output) = match rng.below(10) {
            0..=3 => (Op::Read, Output::Read(current)),
            4..=5 => {
                written += 1;
                let value = format!("v{written}").into_bytes();
                if applies {
                    map.insert(key, value.clone());
                }
                (Op::Write(value), Output::Written)
            }
            6 => {
                if applies {
                    map.remove(key);
                }
                (Op::Delete, Output::Deleted)
            }
            _ => {
                // Half the time expect the current value, otherwise some value (maybe current).
                let expected = match rng.below(4) {
                    0 | 1 => current.clone(),
                    2 => None,
                    _ => Some(format!("v{}", rng.below(written + 1)).into_bytes()),
                };
                written += 1;
                let new = format!("v{written}").into_bytes();
                let succeeded = expected == current;
                if succeeded && applies {
                    map.insert(key, new.clone());
                }
                (Op::Cas { expected, new }, Output::Cas(succeeded))
            }
        };
        let outcome = if lost {
            Outcome::Unknown
        } else {
            Outcome::Ok(output)
        };
        history.push(Operation::new(client, key, op, call, ret, outcome));
    }
    history
}

/// Replaces the answer of a completed read near the middle of `history` with a value that was
/// never written, which no ordering can explain; returns the read's index.
fn corrupt_with_unwritten_value(history: &mut [Operation]) -> usize {
    let index = (history.len() / 2..history.len())
        .find(|&i| matches!(history[i].outcome, Outcome::Ok(Output::Read(_))))
        .expect("some completed read");
    history[index].outcome = Outcome::Ok(Output::Read(Some(b"never written".to_vec())));
    index
}

/// The value an answered operation certainly stored, if it did.
fn stored(op: &Operation) -> Option<&[u8]> {
    match (&op.op, &op.outcome) {
        (Op::Write(v), Outcome::Ok(_))
        | (Op::Cas { new: v, .. }, Outcome::Ok(Output::Cas(true))) => Some(v),
        _ => None,
    }
}

/// Whether an answered operation certainly changed the value (to one never stored before, as
/// [`random_history`] writes fresh values).
fn overwrote(op: &Operation) -> bool {
    stored(op).is_some() || matches!(op.outcome, Outcome::Ok(Output::Deleted))
}

/// Makes a completed read return a value that had certainly been overwritten before it was
/// invoked: stored by `w1`, which returned before `w2` (which changed the value) was invoked,
/// which returned before the read was invoked. Values are never stored twice, so that is a
/// violation, unlike most other corruptions, which some reordering might explain. Returns the
/// read's index.
fn corrupt_with_stale_value(history: &mut [Operation]) -> usize {
    for r in history.len() / 2..history.len() {
        if !matches!(history[r].outcome, Outcome::Ok(Output::Read(_))) {
            continue;
        }
        let (key, call) = (&history[r].key, history[r].call);
        let same_key = |op: &&Operation| &op.key == key;
        let Some(w2) = history[..r]
            .iter()
            .filter(same_key)
            .filter(|op| overwrote(op) && op.ret < call)
            .max_by_key(|op| op.call)
        else {
            continue;
        };
        let stale = history[..r]
            .iter()
            .filter(same_key)
            .find(|op| op.ret < w2.call && stored(op).is_some());
        if let Some(value) = stale.and_then(stored).map(<[u8]>::to_vec) {
            history[r].outcome = Outcome::Ok(Output::Read(Some(value)));
            return r;
        }
    }
    panic!("no read can be made stale");
}

/// Checks one large randomized history, and two corrupted copies of it.
fn check_random_history(seed: u64, count: usize, keys: &[&str], spread: u64) {
    let history = random_history(seed, count, keys, spread);
    let started = Instant::now();
    let (result, stats) = check_with_stats(&history, &Config::default()).expect("well-formed");
    assert!(result.is_ok(), "seed {seed}: {result}");
    eprintln!(
        "seed {seed}: {count} ops on {} key(s) checked in {:?} ({stats:?})",
        keys.len(),
        started.elapsed()
    );

    let mut corrupted = history.clone();
    let index = corrupt_with_unwritten_value(&mut corrupted);
    let explanation = assert_violation(&corrupted, &history[index].key);
    assert!(
        explanation.contains(&format!("#{index} ")),
        "seed {seed}: should name the corrupted read #{index}: {explanation}"
    );

    let mut corrupted = history.clone();
    let index = corrupt_with_stale_value(&mut corrupted);
    let started = Instant::now();
    assert_violation(&corrupted, &history[index].key);
    eprintln!(
        "seed {seed}: stale read #{index} found in {:?}",
        started.elapsed()
    );
}

#[test]
fn random_sequential_executions_are_linearizable_until_corrupted() {
    for seed in 1..=3 {
        check_random_history(seed, 3_000, &["a", "b", "c"], 120);
    }
}

#[test]
fn one_hot_key_with_thousands_of_overlapping_operations() {
    for seed in 1..=2 {
        check_random_history(seed, 2_000, &["hot"], 200);
    }
}

/// The register semantics again, written independently and without any cleverness, for the
/// brute-force oracle: the value after `op` if its answer fits `state`.
fn oracle_step(op: &Operation, state: &Option<Vec<u8>>) -> Option<Option<Vec<u8>>> {
    let answer = match &op.outcome {
        Outcome::Ok(output) => Some(output),
        Outcome::Unknown => None,
    };
    match (&op.op, answer) {
        (Op::Read, Some(Output::Read(value))) => (value == state).then(|| state.clone()),
        (Op::Read, _) => Some(state.clone()),
        (Op::Write(value), _) => Some(Some(value.clone())),
        (Op::Delete, _) => Some(None),
        (Op::Cas { expected, new }, Some(Output::Cas(true))) => {
            (expected == state).then(|| Some(new.clone()))
        }
        (Op::Cas { expected, .. }, Some(Output::Cas(false))) => {
            (expected != state).then(|| state.clone())
        }
        (Op::Cas { expected, new }, _) => Some(if expected == state {
            Some(new.clone())
        } else {
            state.clone()
        }),
    }
}

/// Tries every order of every subset of `history` that includes all answered operations.
fn oracle(history: &[Operation], used: &mut [bool], state: &Option<Vec<u8>>) -> bool {
    let pending = |used: &[bool], i: usize| !used[i] && history[i].outcome != Outcome::Unknown;
    if !(0..history.len()).any(|i| pending(used, i)) {
        return true;
    }
    for i in 0..history.len() {
        // Everything answered before this was invoked must already be in place.
        let too_early =
            (0..history.len()).any(|j| pending(used, j) && history[j].ret < history[i].call);
        if used[i] || too_early {
            continue;
        }
        if let Some(next) = oracle_step(&history[i], state) {
            used[i] = true;
            let found = oracle(history, used, &next);
            used[i] = false;
            if found {
                return true;
            }
        }
    }
    false
}

/// A random history of up to `max_ops` operations on one key with tiny value and time ranges, so
/// that operations overlap, values repeat and both verdicts are common; one operation in
/// `unknown_one_in` loses its answer.
fn small_random_history(rng: &mut XorShift, max_ops: u64, unknown_one_in: u64) -> Vec<Operation> {
    let value = |rng: &mut XorShift| match rng.below(4) {
        0 => None,
        k => Some(vec![b'a' + k as u8 - 1]),
    };
    let mut history = Vec::new();
    for client in 0..1 + rng.below(max_ops) {
        let call = rng.below(20);
        let ret = call + rng.below(10);
        let op = match rng.below(5) {
            0 | 1 => Op::Read,
            2 => Op::Write(value(rng).unwrap_or_else(|| b"a".to_vec())),
            3 => Op::Cas {
                expected: value(rng),
                new: value(rng).unwrap_or_else(|| b"b".to_vec()),
            },
            _ => Op::Delete,
        };
        let output = match &op {
            Op::Read => Output::Read(value(rng)),
            Op::Write(_) => Output::Written,
            Op::Cas { .. } => Output::Cas(rng.below(2) == 0),
            Op::Delete => Output::Deleted,
        };
        let outcome = if rng.below(unknown_one_in) == 0 {
            Outcome::Unknown
        } else {
            Outcome::Ok(output)
        };
        history.push(Operation::new(client, "k", op, call, ret, outcome));
    }
    history
}

/// The checker prunes its search in several clever ways; an exhaustive search on small histories
/// keeps each of them honest.
#[test]
fn agrees_with_brute_force_on_small_random_histories() {
    let mut rng = XorShift::new(12345);
    for (cases, max_ops, unknown_one_in) in [(5_000, 7, 4), (20_000, 9, 2)] {
        let mut verdicts = [0; 2];
        for case in 0..cases {
            let history = small_random_history(&mut rng, max_ops, unknown_one_in);
            let expected = oracle(&history, &mut vec![false; history.len()], &None);
            let result = verdict(&history);
            assert_eq!(
                result.is_ok(),
                expected,
                "case {case}: checker says {result}, brute force says {expected} for {history:#?}"
            );
            verdicts[usize::from(expected)] += 1;
        }
        // Both verdicts must be common for the comparison to mean anything.
        assert!(verdicts.iter().all(|&n| n > cases / 5), "{verdicts:?}");
    }
}
