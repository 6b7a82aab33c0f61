//! `ctl lock [-n N] [--timeout D] PREFIX COMMAND…`: runs a command only while holding a lock in
//! the KV store — a mutex (`-n 1`, leader election) or a semaphore of N holders — and kills it if
//! the lock is lost (session invalidated, key taken over), as Consul's `lock`.
//!
//! The lock is held through a session (TTL 15 s, renewed every half TTL, bound to the agent's
//! `serfHealth`), so a dead holder's lock frees itself. The KV layout is Consul's (`<prefix>/.lock`
//! with the lock flag; for semaphores one contender key per session plus a JSON holder list), so
//! `ctl lock` and Consul's own lock helpers contend for the same locks.

pub mod mutex;
pub mod semaphore;

use std::process::ExitStatus;
use std::time::Duration;

use clap::{ArgAction, Args};
use ctl_server::client::Client;
use tokio::sync::watch;

use crate::CliError;
use crate::flags::ConnectionFlags;
use mutex::Mutex;
use semaphore::Semaphore;

/// The session's TTL: short enough that a vanished holder frees the lock quickly.
const SESSION_TTL: Duration = Duration::from_secs(15);
/// How long a blocking query waits before asking again.
const WAIT: Duration = Duration::from_secs(15);
/// Grace between SIGTERM and SIGKILL for a child whose lock was lost.
const KILL_GRACE: Duration = Duration::from_secs(5);

#[derive(Debug, Args)]
pub struct LockArgs {
    #[command(flatten)]
    pub conn: ConnectionFlags,
    /// How many may hold the lock at once; above 1 the lock is a semaphore.
    #[arg(short = 'n', long = "limit", default_value_t = 1)]
    pub limit: u32,
    /// The session's name (default: names the command and prefix).
    #[arg(long)]
    pub name: Option<String>,
    /// Give the child this command's stdin.
    #[arg(long)]
    pub pass_stdin: bool,
    /// Run the command through `sh -c` (`--shell=false` runs it directly).
    #[arg(long, default_value_t = true, action = ArgAction::Set)]
    pub shell: bool,
    /// Give up if the lock is not acquired within this long (e.g. `10s`; default: wait forever).
    #[arg(long, value_parser = crate::flags::duration)]
    pub timeout: Option<Duration>,
    /// How many times to retry watching the lock (1 s apart) before treating it as lost.
    #[arg(long, default_value_t = 3)]
    pub monitor_retry: u32,
    /// Exit with 2 when the child fails (by default the child's failure is not propagated).
    #[arg(long)]
    pub child_exit_code: bool,
    /// Say what the lock is doing, on stderr.
    #[arg(long)]
    pub verbose: bool,
    /// The KV prefix the lock lives under.
    pub prefix: Option<String>,
    /// The command to run while holding the lock.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub child: Vec<String>,
}

/// A lock of either kind; one `match` per operation.
pub enum Lock {
    Mutex(Mutex),
    Semaphore(Semaphore),
}

impl Lock {
    /// Waits until this session holds the lock.
    async fn acquire(&mut self, client: &Client) -> Result<(), CliError> {
        match self {
            Lock::Mutex(m) => m.acquire(client).await,
            Lock::Semaphore(s) => s.acquire(client).await,
        }
    }

    /// One look at whether the lock is still held: `Ok(index)` while it is (the index to block
    /// on next), `Err(reason)` once it is lost; transport errors come back as `Ok(None)`.
    async fn still_held(&self, client: &Client, index: u64) -> Result<Option<u64>, String> {
        match self {
            Lock::Mutex(m) => m.still_held(client, index).await,
            Lock::Semaphore(s) => s.still_held(client, index).await,
        }
    }

    /// Gives the lock up and cleans its keys (best effort: the session's end frees it anyway).
    async fn release(&self, client: &Client) {
        match self {
            Lock::Mutex(m) => m.release(client).await,
            Lock::Semaphore(s) => s.release(client).await,
        }
    }
}

fn log(verbose: bool, msg: &str) {
    if verbose {
        eprintln!("{msg}");
    }
}

pub async fn run(a: LockArgs) -> Result<(), CliError> {
    let prefix = a
        .prefix
        .as_deref()
        .map(|p| p.trim_matches('/').to_string())
        .filter(|p| !p.is_empty());
    let (Some(prefix), false) = (prefix, a.child.is_empty()) else {
        return Err(CliError::Failed(
            "Key prefix and child command must be specified".into(),
        ));
    };
    if a.limit == 0 {
        return Err(CliError::Failed(
            "Invalid -n 0: the lock limit must be at least 1".into(),
        ));
    }
    let client = a.conn.client()?;
    let command = a.child.join(" ");
    let name = a
        .name
        .clone()
        .unwrap_or_else(|| format!("ctl lock for '{command}' at '{prefix}'"));
    let session = client
        .session_create_when_registered(
            &serde_json::json!({
                "Name": name,
                "TTL": format!("{}s", SESSION_TTL.as_secs()),
            }),
            Duration::from_secs(30),
        )
        .await
        .map_err(|e| CliError::client("Lock acquisition failed: failed to create session: ", e))?;
    log(
        a.verbose,
        &format!("Setting up lock at path: {prefix}/.lock"),
    );
    let mut lock = if a.limit > 1 {
        Lock::Semaphore(Semaphore::new(&prefix, &session, a.limit))
    } else {
        Lock::Mutex(Mutex::new(&prefix, &session))
    };

    let (lost_tx, lost_rx) = watch::channel(None::<String>);
    let renewer = tokio::spawn(renew(client.clone(), session.clone(), lost_tx));
    let outcome = hold(&a, &client, &mut lock, &command, lost_rx).await;
    renewer.abort();
    if matches!(outcome, Held::Ran(_) | Held::Lost | Held::Shutdown) {
        lock.release(&client).await;
        log(a.verbose, "Cleanup succeeded");
    }
    // Destroying the session releases anything the cleanup missed.
    let _ = client.session_destroy(&session).await;
    match outcome {
        Held::Ran(status) if a.child_exit_code && !status.success() => Err(CliError::Exit(2)),
        Held::Ran(_) => Ok(()),
        // Already said when it happened.
        Held::Lost => Err(CliError::Exit(1)),
        Held::Shutdown => Err(CliError::Failed("Shutdown triggered, lock released".into())),
        Held::Failed(e) => Err(e),
    }
}

/// How holding the lock ended.
enum Held {
    /// The child ran and exited with this status.
    Ran(ExitStatus),
    /// The lock was lost while the child ran; the child was killed.
    Lost,
    /// SIGINT/SIGTERM arrived; the child (if running) was killed.
    Shutdown,
    /// The lock was never acquired, or the child could not start.
    Failed(CliError),
}

async fn hold(
    a: &LockArgs,
    client: &Client,
    lock: &mut Lock,
    command: &str,
    mut lost_rx: watch::Receiver<Option<String>>,
) -> Held {
    log(a.verbose, "Attempting lock acquisition");
    let acquire = async {
        match a.timeout {
            Some(t) => tokio::time::timeout(t, lock.acquire(client))
                .await
                .unwrap_or_else(|_| {
                    Err(CliError::Failed(format!(
                        "Lock acquisition failed: timed out after {}",
                        humantime::format_duration(t)
                    )))
                }),
            None => lock.acquire(client).await,
        }
    };
    tokio::select! {
        r = acquire => if let Err(e) = r { return Held::Failed(e) },
        _ = ctl_server::agent::shutdown_signal() => return Held::Shutdown,
    }
    log(a.verbose, "Lock acquired");
    let mut child = match spawn(a, command) {
        Ok(c) => c,
        Err(e) => return Held::Failed(e),
    };
    log(a.verbose, "Starting handler");
    let reason = tokio::select! {
        s = child.wait() => return match s {
            Ok(s) => {
                log(a.verbose, &format!("Child terminated ({s})"));
                Held::Ran(s)
            }
            Err(e) => Held::Failed(CliError::Failed(format!("Error waiting for child: {e}"))),
        },
        r = monitor(client, lock, a.monitor_retry) => r,
        r = lost_rx.wait_for(|l| l.is_some()) => r
            .map(|l| l.clone().unwrap_or_default())
            .unwrap_or_else(|_| "session renewal stopped".into()),
        _ = ctl_server::agent::shutdown_signal() => {
            terminate(&mut child).await;
            return Held::Shutdown;
        }
    };
    eprintln!("Lock lost ({reason}), killing child");
    terminate(&mut child).await;
    Held::Lost
}

fn spawn(a: &LockArgs, command: &str) -> Result<tokio::process::Child, CliError> {
    let mut cmd = if a.shell {
        let mut c = tokio::process::Command::new("sh");
        c.arg("-c").arg(command);
        c
    } else {
        let mut c = tokio::process::Command::new(&a.child[0]);
        c.args(&a.child[1..]);
        c
    };
    cmd.env("CONSUL_LOCK_HELD", "true").kill_on_drop(true);
    if !a.pass_stdin {
        cmd.stdin(std::process::Stdio::null());
    }
    cmd.spawn()
        .map_err(|e| CliError::Failed(format!("Error executing handler {command:?}: {e}")))
}

/// Asks the child to stop (SIGTERM), then kills it after [`KILL_GRACE`].
async fn terminate(child: &mut tokio::process::Child) {
    if let Some(pid) = child
        .id()
        .and_then(|p| rustix::process::Pid::from_raw(p as i32))
    {
        let _ = rustix::process::kill_process(pid, rustix::process::Signal::TERM);
        if tokio::time::timeout(KILL_GRACE, child.wait()).await.is_ok() {
            return;
        }
    }
    let _ = child.kill().await;
}

/// Resolves with the reason once the lock is lost, or after `retries` failed attempts in a row
/// to watch it.
async fn monitor(client: &Client, lock: &Lock, retries: u32) -> String {
    let (mut index, mut failures) = (0u64, 0u32);
    loop {
        match lock.still_held(client, index).await {
            Ok(Some(next)) => {
                index = next;
                failures = 0;
            }
            Ok(None) => {
                failures += 1;
                if failures > retries {
                    return "cannot reach the agent to watch the lock".into();
                }
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
            Err(reason) => return reason,
        }
    }
}

/// Renews the session every half TTL; reports a loss when the session is gone or could not be
/// renewed for a whole TTL.
async fn renew(client: Client, session: String, lost: watch::Sender<Option<String>>) {
    let mut last_ok = tokio::time::Instant::now();
    loop {
        tokio::time::sleep(SESSION_TTL / 2).await;
        match client.session_renew(&session).await {
            Ok(true) => last_ok = tokio::time::Instant::now(),
            Ok(false) => {
                let _ = lost.send(Some(format!("session {session} was invalidated")));
                return;
            }
            Err(_) if last_ok.elapsed() >= SESSION_TTL => {
                let _ = lost.send(Some(format!("session {session} could not be renewed")));
                return;
            }
            Err(_) => {}
        }
    }
}

/// The entries a KV read returned (`null` for a missing key).
fn entries(v: serde_json::Value) -> Vec<ctl_server::api::kv::KvPair> {
    serde_json::from_value(v).unwrap_or_default()
}
