//! Short histories for the Overview's sparklines: Raft commits, the gossip health score and check
//! transitions, one sample per agent report (every few seconds), the last [`SAMPLES`] kept.
//! Pure: samples are pushed by `Cluster::apply`, never fetched here.

use std::collections::VecDeque;

/// Samples kept per series (about five minutes at one per five seconds).
pub const SAMPLES: usize = 60;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Trends {
    /// Entries committed since the previous report.
    pub commits: VecDeque<u64>,
    /// The gossip health score (0 is healthy; higher means this agent is struggling).
    pub health: VecDeque<u64>,
    /// Check status changes seen since the previous report.
    pub transitions: VecDeque<u64>,
    last_commit: Option<u64>,
    pending_transitions: u64,
}

fn push(series: &mut VecDeque<u64>, v: u64) {
    if series.len() == SAMPLES {
        series.pop_front();
    }
    series.push_back(v);
}

impl Trends {
    /// Counts check transitions until the next sample.
    pub fn transitions_seen(&mut self, n: usize) {
        self.pending_transitions += n as u64;
    }

    /// Takes one sample from an agent report. The first report only sets the commit baseline;
    /// a commit index that went backwards (another agent, a restore) starts a new baseline.
    pub fn sample(&mut self, commit_index: &str, health_score: &str) {
        if let Ok(commit) = commit_index.parse::<u64>() {
            if let Some(last) = self.last_commit
                && commit >= last
            {
                push(&mut self.commits, commit - last);
            }
            self.last_commit = Some(commit);
        }
        push(&mut self.health, health_score.parse().unwrap_or(0));
        push(
            &mut self.transitions,
            std::mem::take(&mut self.pending_transitions),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_are_deltas_and_bounded() {
        let mut t = Trends::default();
        t.sample("100", "0");
        assert!(t.commits.is_empty(), "the first report is a baseline");
        t.transitions_seen(2);
        t.sample("130", "1");
        assert_eq!(t.commits, [30]);
        assert_eq!(t.health, [0, 1]);
        assert_eq!(t.transitions, [0, 2]);
        t.sample("5", "x");
        assert_eq!(
            t.commits,
            [30],
            "a commit index that went back is a new baseline"
        );
        assert_eq!(t.health.back(), Some(&0));
        for i in 0..200 {
            t.sample(&(5 + i).to_string(), "0");
        }
        assert_eq!(t.commits.len(), SAMPLES);
        assert_eq!(t.health.len(), SAMPLES);
    }
}
