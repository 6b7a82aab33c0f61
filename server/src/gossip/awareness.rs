//! Lifeguard's local health awareness: a score that rises when this node misses acks or nacks it
//! should have seen (so it is probably the slow one) and falls on success. Probe intervals and
//! timeouts are scaled by `score + 1`, so a struggling node slows down instead of accusing healthy
//! peers.

use std::time::Duration;

#[derive(Debug, Clone)]
pub struct Awareness {
    max: i32,
    score: i32,
}

impl Awareness {
    /// `max` is AwarenessMaxMultiplier (8 by default); the score stays in `0..max`.
    pub fn new(max: i32) -> Self {
        Awareness {
            max: max.max(1),
            score: 0,
        }
    }

    pub fn apply(&mut self, delta: i32) {
        self.score = (self.score + delta).clamp(0, self.max - 1);
    }

    /// 0 is healthy; higher is worse.
    pub fn score(&self) -> i32 {
        self.score
    }

    pub fn scale(&self, d: Duration) -> Duration {
        d * (self.score as u32 + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The score is bounded and scales durations linearly.
    #[test]
    fn bounded_scaling() {
        let mut a = Awareness::new(8);
        a.apply(-3);
        assert_eq!(a.score(), 0);
        a.apply(20);
        assert_eq!(a.score(), 7);
        assert_eq!(a.scale(Duration::from_secs(1)), Duration::from_secs(8));
    }
}
