//! Lifeguard's suspicion timer: a suspect is declared dead after a timeout that starts at `max`
//! and shrinks toward `min` as independent members confirm the suspicion, so a real failure is
//! settled fast while a lone (possibly slow) accuser cannot kill a healthy node quickly.
//!
//! timeout(c) = max(min, max − (max − min) · log(c + 1) / log(k + 1)) for c confirmations of the
//! k expected.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct Suspicion {
    start: Instant,
    min: Duration,
    max: Duration,
    k: u32,
    confirmations: BTreeSet<String>,
}

impl Suspicion {
    /// `from` started the suspicion and does not count as a confirmation.
    pub fn new(start: Instant, from: &str, min: Duration, max: Duration, k: u32) -> Self {
        let mut confirmations = BTreeSet::new();
        confirmations.insert(from.to_string());
        Suspicion {
            start,
            min,
            max: max.max(min),
            k,
            confirmations,
        }
    }

    /// Records a confirmation; true when it came from a member not heard from before.
    pub fn confirm(&mut self, from: &str) -> bool {
        if self.confirmations.len() as u32 > self.k {
            return false;
        }
        self.confirmations.insert(from.to_string())
    }

    /// How long from the start until the suspect is declared dead.
    pub fn timeout(&self) -> Duration {
        if self.k == 0 {
            return self.min;
        }
        let c = (self.confirmations.len() - 1) as f64;
        let frac = (c + 1.0).ln() / (f64::from(self.k) + 1.0).ln();
        let span = self.max.saturating_sub(self.min).as_secs_f64();
        let t = self.max.as_secs_f64() - span * frac;
        Duration::from_secs_f64(t.max(self.min.as_secs_f64()))
    }

    pub fn deadline(&self) -> Instant {
        self.start + self.timeout()
    }
}

/// Consul's (memberlist's) minimum suspicion timeout: mult × max(1, log10 n) × interval.
pub fn min_timeout(mult: u32, n: usize, interval: Duration) -> Duration {
    let scale = (n.max(1) as f64).log10().max(1.0);
    interval.mul_f64(f64::from(mult) * scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// With no confirmations the timeout is max; k confirmations bring it to min; repeats and
    /// extra confirmations do not count.
    #[test]
    fn shrinks_with_confirmations() {
        let t0 = Instant::now();
        let (min, max) = (Duration::from_secs(4), Duration::from_secs(24));
        let mut s = Suspicion::new(t0, "a", min, max, 2);
        assert_eq!(s.timeout(), max);
        assert!(s.confirm("b"));
        assert!(!s.confirm("b"));
        let one = s.timeout();
        assert!(one < max && one > min, "{one:?}");
        assert!(s.confirm("c"));
        assert_eq!(s.timeout(), min);
        assert!(!s.confirm("d"));
        assert_eq!(
            min_timeout(4, 5, Duration::from_secs(1)),
            Duration::from_secs(4)
        );
        assert_eq!(
            min_timeout(4, 1000, Duration::from_secs(1)),
            Duration::from_secs(12)
        );
    }
}
