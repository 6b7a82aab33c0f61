//! The rollout driver shared by every kind: it reads the stored progress (resuming an
//! interrupted rollout, refusing a second one), shows the plan and the checks, asks before each
//! stage on a terminal, applies the stage cluster-wide, verifies by observation, records the
//! progress in the cluster, and on a failed check rolls the stage back.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::time::Duration;

use clap::Args;
use ctl_server::api::runtime::Rollout;
use ctl_server::client::{Client, Method};

use super::checks::{self, Observation, Verdict};
use super::progress::{self, Lock};
use super::stage::{Action, KeyringOp, Stage};
use crate::CliError;
use crate::flags::ConnectionFlags;

/// Flags every rollout takes.
#[derive(Debug, Args)]
pub struct RolloutFlags {
    #[command(flatten)]
    pub conn: ConnectionFlags,
    /// Go ahead without asking (needed when there is no terminal).
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Print the plan and the checks, and change nothing.
    #[arg(long)]
    pub plan: bool,
    /// Run only this stage (1-based), for automation; earlier stages must be done.
    #[arg(long, value_name = "N")]
    pub stage: Option<usize>,
    /// How long a stage's checks may take to pass before it is rolled back.
    #[arg(long, value_name = "DURATION", default_value = "60s", value_parser = crate::flags::duration)]
    pub timeout: Duration,
}

/// Local work a rollout does before its first stage; returns lines for the operator.
pub type Prepare = Box<dyn FnOnce() -> Result<Vec<String>, CliError> + Send>;

/// A rollout, built by its kind from the cluster as observed.
pub struct Plan {
    pub kind: &'static str,
    /// What the operator should know first.
    pub intro: Vec<String>,
    pub stages: Vec<Stage>,
    /// Parameters to keep for a resume (keys, folders).
    pub params: BTreeMap<String, String>,
    /// Local work before the first stage (issuing certificates); skipped by `--plan`.
    pub prepare: Option<Prepare>,
}

/// What a kind gets to build its plan from.
pub struct Context<'a> {
    pub client: &'a Client,
    pub observation: &'a Observation,
    /// The parameters of the rollout being resumed, if any.
    pub resumed: Option<&'a BTreeMap<String, String>>,
}

fn say(line: impl AsRef<str>) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{}", line.as_ref());
    let _ = out.flush();
}

/// Runs a rollout of `kind`, whose plan `build` makes.
pub async fn run<F>(flags: &RolloutFlags, kind: &'static str, build: F) -> Result<(), CliError>
where
    F: AsyncFnOnce(Context<'_>) -> Result<Plan, CliError>,
{
    let client = flags.conn.client()?;
    let stored = progress::load(&client).await?;
    let resumed = match &stored {
        Some(r) if !r.finished() && r.kind != kind => {
            return Err(CliError::Failed(format!(
                "a {} rollout is unfinished ({}/{} stages done, {}): finish it with `ctl \
                 operator rollout {}` before starting a {kind} rollout",
                r.kind, r.done, r.stages, r.status, r.kind
            )));
        }
        Some(r) if !r.finished() => Some(r.clone()),
        _ => None,
    };
    let observation = checks::observe(&client)
        .await
        .map_err(|e| CliError::Failed(format!("observing the cluster: {e}")))?;
    let plan = build(Context {
        client: &client,
        observation: &observation,
        resumed: resumed.as_ref().map(|r| &r.params),
    })
    .await?;
    let total = plan.stages.len();
    let done = resumed.as_ref().map_or(0, |r| r.done);
    let (first, last) = match flags.stage {
        Some(n) if n == 0 || n > total => {
            return Err(CliError::Failed(format!(
                "--stage {n}: the {kind} rollout has stages 1 to {total}"
            )));
        }
        Some(n) if n > done + 1 => {
            return Err(CliError::Failed(format!(
                "--stage {n}: stage {} is not done yet ({done}/{total} done)",
                done + 1
            )));
        }
        Some(n) => (n, n),
        None => (done + 1, total),
    };
    print_plan(&plan, &observation, resumed.as_ref(), first, last);
    if flags.plan {
        say("==> Plan only (--plan): nothing was changed");
        return Ok(());
    }
    if first > last {
        say(format!("==> The {kind} rollout is already complete"));
        return Ok(());
    }
    let interactive = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    if !flags.yes && !interactive {
        return Err(CliError::Failed(
            "refusing to change the cluster without confirmation: run on a terminal, or pass \
             --yes (see what would happen with --plan)"
                .into(),
        ));
    }
    let lock = Lock::acquire(&client, kind).await?;
    let mut state = resumed.unwrap_or_else(|| Rollout {
        kind: kind.to_string(),
        stages: total,
        params: plan.params.clone(),
        ..Default::default()
    });
    state.holder = lock.holder.to_string();
    state.status = "running".into();
    let result = drive(&client, flags, plan, &mut state, first, last, interactive).await;
    if let Err(e) = &result
        && state.status == "running"
    {
        state.status = "failed".into();
        state.message = e.to_string();
        let _ = progress::save(&client, &mut state).await;
    }
    lock.release(&client).await;
    result
}

fn print_plan(
    plan: &Plan,
    obs: &Observation,
    resumed: Option<&Rollout>,
    first: usize,
    last: usize,
) {
    say(format!(
        "==> Rollout: {} ({} stages, {} members)",
        plan.kind,
        plan.stages.len(),
        obs.members.iter().filter(|m| m.status == 1).count()
    ));
    if let Some(r) = resumed {
        say(format!(
            "    Resuming: {}/{} stages done (last status: {}{})",
            r.done,
            r.stages,
            r.status,
            if r.message.is_empty() {
                String::new()
            } else {
                format!(", {}", r.message)
            }
        ));
    }
    for line in &plan.intro {
        say(format!("    {line}"));
    }
    say("    After every stage, until each holds twice in a row:");
    for c in super::stage::Expect::common_checks() {
        say(format!("      check: {c}"));
    }
    for (i, s) in plan.stages.iter().enumerate() {
        let n = i + 1;
        let mark = if n < first {
            " (done)"
        } else if n > last {
            " (not in this run)"
        } else {
            ""
        };
        say(format!("    Stage {n}: {}{mark}", s.title));
        say(format!("      why: {}", s.why));
        for a in &s.actions {
            say(format!("      change: {}", a.describe()));
        }
        for c in s.expect.describe() {
            say(format!("      check: {c}"));
        }
        if s.rollback.is_empty() {
            say("      on failure: nothing to undo");
        } else {
            for a in &s.rollback {
                say(format!("      on failure, roll back: {}", a.describe()));
            }
        }
    }
}

async fn drive(
    client: &Client,
    flags: &RolloutFlags,
    plan: Plan,
    state: &mut Rollout,
    first: usize,
    last: usize,
    interactive: bool,
) -> Result<(), CliError> {
    if let Some(prepare) = plan.prepare {
        state.message = "preparing".into();
        progress::save(client, state).await?;
        for line in prepare()? {
            say(format!("    {line}"));
        }
    }
    let total = plan.stages.len();
    for n in first..=last {
        let stage = &plan.stages[n - 1];
        say(format!("==> Stage {n}/{total}: {}", stage.title));
        for a in &stage.actions {
            say(format!("    will change: {}", a.describe()));
        }
        let specific = stage.expect.describe();
        if specific.is_empty() {
            say("    will check: the checks of every stage");
        } else {
            say(format!(
                "    will check: the checks of every stage, and {}",
                specific.join("; ")
            ));
        }
        if !flags.yes && !confirm(&format!("Run stage {n}/{total}?"), interactive) {
            state.status = "stopped".into();
            state.message = format!("stopped by the operator before stage {n}");
            progress::save(client, state).await?;
            say(format!(
                "==> Stopped before stage {n}; run the command again to resume"
            ));
            return Ok(());
        }
        state.status = "running".into();
        state.message = format!("stage {n}: applying");
        progress::save(client, state).await?;
        let already = checks::observe(client)
            .await
            .map(|o| checks::judge(&o, &stage.expect).passed())
            .unwrap_or(false);
        let applied = if already {
            say("    Already in effect everywhere; checking");
            Ok(())
        } else {
            apply(client, &stage.actions).await
        };
        say(format!("==> Stage {n}/{total} applied"));
        state.message = format!("stage {n}: checking");
        progress::save(client, state).await?;
        let outcome = match applied {
            Err(e) => Err((vec![e], Verdict::default())),
            Ok(()) => check(client, flags, stage, n).await,
        };
        match outcome {
            Ok(verdict) => {
                state.done = state.done.max(n);
                state.nodes = verdict.nodes;
                state.message = format!("stage {n} verified");
                progress::save(client, state).await?;
                say(format!("==> Stage {n}/{total} done: every check passed"));
            }
            Err((problems, verdict)) => {
                say(format!("==> Stage {n}/{total} failed its checks:"));
                for p in &problems {
                    say(format!("    {p}"));
                }
                state.nodes = verdict.nodes;
                state.status = "failed".into();
                state.message = format!("stage {n}: {}", problems.join("; "));
                progress::save(client, state).await?;
                return roll_back(client, flags, stage, state, n, interactive).await;
            }
        }
    }
    if state.done >= total {
        state.status = "complete".into();
        state.message = "every stage verified".into();
    } else {
        state.status = "paused".into();
        state.message = format!("{}/{total} stages done", state.done);
    }
    progress::save(client, state).await?;
    say(format!(
        "==> Rollout {}: {}/{total} stages done, {}",
        plan.kind, state.done, state.status
    ));
    Ok(())
}

/// The stage's checks: the expected settings everywhere and healthy, then the canary.
async fn check(
    client: &Client,
    flags: &RolloutFlags,
    stage: &Stage,
    n: usize,
) -> Result<Verdict, (Vec<String>, Verdict)> {
    let (passed, verdict) = checks::wait_for(client, &stage.expect, flags.timeout, false).await;
    if !passed {
        return Err((verdict.problems.clone(), verdict));
    }
    let obs = checks::observe(client)
        .await
        .map_err(|e| (vec![e], verdict.clone()))?;
    match checks::canary(client, &obs.reports, n).await {
        Ok(via) => {
            say(format!("    Canary write and read through {via}: ok"));
            Ok(verdict)
        }
        Err(e) => Err((vec![e], verdict)),
    }
}

async fn roll_back(
    client: &Client,
    flags: &RolloutFlags,
    stage: &Stage,
    state: &mut Rollout,
    n: usize,
    interactive: bool,
) -> Result<(), CliError> {
    if stage.rollback.is_empty() {
        say("==> Nothing to roll back for this stage; fix the problems above and run again");
        return Err(CliError::Exit(1));
    }
    if !flags.yes && !confirm(&format!("Roll stage {n} back?"), interactive) {
        say("==> Left as it is; run the command again to retry the stage");
        return Err(CliError::Exit(1));
    }
    say(format!("==> Rolling stage {n} back"));
    if let Err(e) = apply(client, &stage.rollback).await {
        say(format!("    {e}"));
    }
    let (passed, verdict) = checks::wait_for(client, &stage.rolled_back, flags.timeout, true).await;
    state.status = "rolled back".into();
    state.nodes = verdict.nodes.clone();
    let unreached: Vec<&String> = verdict
        .nodes
        .iter()
        .filter(|(_, s)| s.starts_with("failed"))
        .map(|(n, _)| n)
        .collect();
    if passed {
        state.message = format!("stage {n} rolled back");
        say(format!(
            "==> Stage {n} rolled back: the cluster is as it was after stage {}",
            n - 1
        ));
        if !unreached.is_empty() {
            let names: Vec<&str> = unreached.iter().map(|s| s.as_str()).collect();
            say(format!(
                "    Not reached (failed): {}; bring them back, then run the rollout again",
                names.join(", ")
            ));
        }
    } else {
        state.message = format!(
            "stage {n} rolled back where reachable: {}",
            verdict.problems.join("; ")
        );
        say(format!(
            "==> Stage {n} rolled back where reachable; still not as before:"
        ));
        for p in &verdict.problems {
            say(format!("    {p}"));
        }
    }
    progress::save(client, state).await?;
    Err(CliError::Exit(1))
}

/// Applies actions in order; the first refusal stops and is returned, naming the nodes.
async fn apply(client: &Client, actions: &[Action]) -> Result<(), String> {
    for a in actions {
        say(format!("    applying: {}", a.describe()));
        match a {
            Action::Runtime(change) => {
                let answers = client
                    .runtime_cluster(Some(change))
                    .await
                    .map_err(|e| format!("applying the change: {e}"))?;
                let refused: Vec<String> = answers
                    .responses
                    .values()
                    .filter(|r| !r.error.is_empty())
                    .map(|r| format!("{}: {}", r.node, r.error))
                    .collect();
                if !refused.is_empty() {
                    return Err(format!("refused by {}", refused.join("; ")));
                }
                say(format!(
                    "    {}/{} agents answered",
                    answers.responses.len(),
                    answers.num_nodes
                ));
            }
            Action::Keyring(op, key) => {
                let method = match op {
                    KeyringOp::Install => Method::POST,
                    KeyringOp::Use => Method::PUT,
                    KeyringOp::Remove => Method::DELETE,
                };
                client
                    .keyring_change(method, key)
                    .await
                    .map_err(|e| format!("keyring: {e}"))?;
            }
        }
    }
    Ok(())
}

fn confirm(prompt: &str, interactive: bool) -> bool {
    if !interactive {
        return false;
    }
    dialoguer::Confirm::new()
        .with_prompt(prompt)
        .default(true)
        .interact()
        .unwrap_or(false)
}
