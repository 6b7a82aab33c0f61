//! `ctl demo [--no-tui]`: a whole local cluster in one command — three servers and two client
//! agents as real `ctl agent` processes on loopback, gossip encrypted, with sample services
//! (`web` twice, `api`, `db`) whose HTTP checks hit small endpoints this process serves (`api`
//! flaps). The first client agent takes the default addresses (HTTP 127.0.0.1:8500, DNS
//! 127.0.0.1:8600) so plain `ctl members` and `dig @127.0.0.1 -p 8600 web.service.consul` work;
//! when those are taken it says so and picks others. The dashboard opens on it; Ctrl-C (or `q`
//! in the dashboard) stops every process and removes the temporary data.

mod endpoints;
mod processes;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use clap::Args;
use ctl_server::client::{Client, Options};

use crate::CliError;
use processes::{Demo, Plan};

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Stay in the foreground without the dashboard (Ctrl-C stops everything).
    #[arg(long)]
    pub no_tui: bool,
    /// No colours in the dashboard (also when NO_COLOR is set).
    #[arg(long)]
    pub no_color: bool,
}

/// How long the cluster may take to come up before the demo gives up.
const START_LIMIT: Duration = Duration::from_secs(45);

fn say(line: impl AsRef<str>) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{}", line.as_ref());
    let _ = out.flush();
}

pub async fn run(a: DemoArgs) -> Result<(), CliError> {
    use std::io::IsTerminal;
    let tui = !a.no_tui;
    if tui && !(std::io::stdout().is_terminal() && std::io::stdin().is_terminal()) {
        return Err(CliError::Failed(
            "ctl demo opens the dashboard, which needs a terminal; use --no-tui to keep the \
             cluster in the foreground without it"
                .into(),
        ));
    }
    let started = Instant::now();
    let checks = endpoints::serve()
        .await
        .map_err(|e| CliError::Failed(format!("starting the demo's check endpoints: {e}")))?;
    let plan = Plan::new(checks).map_err(CliError::Failed)?;
    for note in &plan.notes {
        say(format!("==> {note}"));
    }
    say(format!(
        "==> Starting 3 servers and 2 client agents in {}",
        plan.dir.path().display()
    ));
    let mut demo = Demo::start(plan).map_err(CliError::Failed)?;
    let http = demo.plan.http;
    let client = Client::new(Options {
        addr: format!("http://{http}"),
        ..Options::default()
    })?;
    let outcome = tokio::select! {
        r = wait_ready(&client, &mut demo) => r,
        _ = ctl_server::agent::shutdown_signal() => Err("interrupted".to_string()),
    };
    if let Err(e) = outcome {
        demo.stop().await;
        return Err(CliError::Failed(format!(
            "the demo cluster did not come up: {e}"
        )));
    }
    banner(&demo, http, started.elapsed());
    let result = if tui {
        ctl_tui::run(client, ctl_tui::View::Overview, a.no_color)
            .await
            .map_err(|e| CliError::Failed(format!("Error running the dashboard: {e}")))
    } else {
        tokio::select! {
            _ = ctl_server::agent::shutdown_signal() => Ok(()),
            e = demo.any_exit() => Err(CliError::Failed(format!("an agent stopped: {e}"))),
        }
    };
    say("==> Stopping the demo cluster");
    demo.stop().await;
    say("==> Stopped; temporary data removed");
    result
}

fn banner(demo: &Demo, http: SocketAddr, took: Duration) {
    let p = &demo.plan;
    let env = if http.port() == 8500 {
        String::new()
    } else {
        format!("CTL_HTTP_ADDR=http://{http} ")
    };
    say(format!(
        "==> ctl demo is up in {:.1}s: 3 servers, 2 client agents, gossip encrypted",
        took.as_secs_f64()
    ));
    say(format!(
        "    HTTP API   http://{http}   try: {env}ctl members"
    ));
    say(format!(
        "    DNS        {}   try: dig @{} -p {} web.service.consul",
        p.dns,
        p.dns.ip(),
        p.dns.port()
    ));
    say("    Services   web (2 instances), api (its check flaps), db");
    say(format!("    Dashboard  {env}ctl tui"));
    say(format!(
        "    Data       {} (removed on exit)",
        p.dir.path().display()
    ));
    say("    Stop       Ctrl-C");
}

/// Waits until every member is alive, a leader is elected and the sample services are
/// registered and checked.
async fn wait_ready(client: &Client, demo: &mut Demo) -> Result<(), String> {
    let deadline = Instant::now() + START_LIMIT;
    let mut last = String::from("no answer yet");
    while Instant::now() < deadline {
        if let Some(e) = demo.exited() {
            return Err(e);
        }
        match ready(client).await {
            Ok(()) => return Ok(()),
            Err(e) => last = e,
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    Err(format!("after {}s: {last}", START_LIMIT.as_secs()))
}

async fn ready(client: &Client) -> Result<(), String> {
    let leader = client.status_leader().await.map_err(|e| e.to_string())?;
    if leader.is_empty() {
        return Err("no leader elected".into());
    }
    let members = client.agent_members().await.map_err(|e| e.to_string())?;
    let alive = members.iter().filter(|m| m.status == 1).count();
    if alive < 5 {
        return Err(format!("{alive}/5 members alive"));
    }
    let web: serde_json::Value = client
        .get_json("/v1/health/service/web", &[("passing", String::new())])
        .await
        .map_err(|e| e.to_string())?;
    let n = web.as_array().map_or(0, Vec::len);
    if n < 2 {
        return Err(format!("{n}/2 web instances passing"));
    }
    Ok(())
}
