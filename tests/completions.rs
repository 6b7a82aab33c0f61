//! Shell completions: the scripts committed under `completions/` are exactly what
//! `ctl completion <shell>` prints for the current command tree (regenerate them with
//! `CTL_UPDATE_COMPLETIONS=1 cargo test --test completions`), and the bash script really
//! completes commands and flags in bash.

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::ctl_plain;

const SHELLS: [(&str, &str); 5] = [
    ("bash", "ctl.bash"),
    ("zsh", "_ctl"),
    ("fish", "ctl.fish"),
    ("powershell", "_ctl.ps1"),
    ("elvish", "ctl.elv"),
];

fn committed(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("completions")
        .join(file)
}

#[test]
fn committed_scripts_are_current() {
    let update = std::env::var_os("CTL_UPDATE_COMPLETIONS").is_some();
    let mut stale = Vec::new();
    for (shell, file) in SHELLS {
        let (code, script, err) = ctl_plain(&["completion", shell]);
        assert_eq!(code, 0, "ctl completion {shell}: {err}");
        assert!(
            script.contains("rollout"),
            "{shell} script lacks subcommands"
        );
        let path = committed(file);
        if update {
            std::fs::write(&path, &script).expect("write completion script");
            continue;
        }
        if std::fs::read_to_string(&path).ok().as_deref() != Some(script.as_str()) {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "stale completion scripts: {stale:?}; regenerate with \
         CTL_UPDATE_COMPLETIONS=1 cargo test --test completions"
    );
}

/// Asks bash's completion function what it offers after `words`.
fn bash_complete(words: &[&str]) -> Vec<String> {
    bash_complete_with(words, &[])
}

/// Like `bash_complete`, with environment (the agent address for live values) and `ctl` on
/// the PATH as a user has it.
fn bash_complete_with(words: &[&str], envs: &[(&str, &str)]) -> Vec<String> {
    let script = committed("ctl.bash");
    let line = words.join(" ");
    let program = format!(
        "source {}; COMP_WORDS=({line}); COMP_CWORD={}; COMP_LINE='{line}'; COMP_POINT={}; \
         _ctl_dynamic ctl \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"; \
         printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display(),
        words.len() - 1,
        line.len(),
    );
    let bin_dir = std::path::Path::new(common::bin())
        .parent()
        .expect("binary folder")
        .to_path_buf();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("bash")
        .args(["--norc", "-c", &program])
        .env("PATH", path)
        .env_remove("CTL_HTTP_ADDR")
        .env_remove("CONSUL_HTTP_ADDR")
        .envs(envs.iter().copied())
        .output()
        .expect("run bash");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn bash_completes_subcommands_and_flags() {
    let top = bash_complete(&["ctl", "ke"]);
    assert!(top.contains(&"keygen".to_string()), "{top:?}");
    assert!(top.contains(&"keyring".to_string()), "{top:?}");
    let rollout = bash_complete(&["ctl", "operator", "rollout", ""]);
    for kind in ["gossip-encryption", "gossip-key", "tls"] {
        assert!(rollout.contains(&kind.to_string()), "{rollout:?}");
    }
    let flags = bash_complete(&["ctl", "kv", "get", "--rec"]);
    assert_eq!(flags, ["--recurse"]);
}

#[test]
fn bash_completes_node_names_and_keys_from_the_agent() {
    let a = common::Agent::dev("completer");
    let addr = a.http_addr();
    common::kv_put(&addr, "app/one", b"1");
    common::kv_put(&addr, "app/two", b"2");
    let env = [("CTL_HTTP_ADDR", addr.as_str())];
    let nodes = bash_complete_with(&["ctl", "force-leave", "comp"], &env);
    assert_eq!(nodes, ["completer"]);
    let keys = bash_complete_with(&["ctl", "kv", "get", "app/t"], &env);
    assert_eq!(keys, ["app/two"]);
    let folders = bash_complete_with(&["ctl", "kv", "get", "a"], &env);
    assert_eq!(folders, ["app/"]);
    // Flags still come from the static script.
    let flags = bash_complete_with(&["ctl", "kv", "get", "--rec"], &env);
    assert_eq!(flags, ["--recurse"]);
    // No agent: no live values and no error text, just the static completion.
    let none = bash_complete_with(
        &["ctl", "force-leave", "comp"],
        &[("CTL_HTTP_ADDR", "http://127.0.0.1:1")],
    );
    assert!(none.iter().all(|c| !c.contains("error")), "{none:?}");
}
