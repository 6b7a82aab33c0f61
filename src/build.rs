//! Link step of the release binary: the code an agent runs while idle is laid out together.
//!
//! An idle client agent's resident memory is mostly its own code pages. The kernel maps code 64 KB
//! at a time around each page fault, so a few hundred hot functions scattered through 13 MB of
//! text pull in megabytes. `src/link/hot-functions.txt` lists the functions an agent runs while it
//! joins a pool, gossips and answers `ctl members` (profiled with
//! `server/benches/hot-functions.sh`); the release build links with the toolchain's own lld and
//! `--symbol-ordering-file`, which places those functions first, side by side.
//!
//! Only release builds are ordered, and only when the toolchain ships its lld (rustup's toolchains
//! do): otherwise the default linker is used and the binary is the same but for its layout. A
//! symbol the list names that no longer exists is skipped silently, so a stale list costs density,
//! never correctness.

use std::path::PathBuf;
use std::process::Command;

fn main() {
    let list = PathBuf::from(env("CARGO_MANIFEST_DIR")).join("src/link/hot-functions.txt");
    println!("cargo:rerun-if-changed={}", list.display());
    println!("cargo:rerun-if-changed=src/build.rs");
    if env("PROFILE") != "release" || !env("TARGET").contains("linux") {
        return;
    }
    let Some(gcc_ld) = toolchain_lld_dir() else {
        println!("cargo:warning=the toolchain has no lld; hot functions are not grouped");
        return;
    };
    println!("cargo:rustc-link-arg-bins=-B{}", gcc_ld.display());
    println!("cargo:rustc-link-arg-bins=-fuse-ld=lld");
    println!(
        "cargo:rustc-link-arg-bins=-Wl,--symbol-ordering-file={}",
        list.display()
    );
    println!("cargo:rustc-link-arg-bins=-Wl,--no-warn-symbol-ordering");
}

/// The directory of the toolchain's `ld.lld` wrapper for the C compiler driver (`-B` finds it).
fn toolchain_lld_dir() -> Option<PathBuf> {
    let out = Command::new(env("RUSTC"))
        .args(["--print", "sysroot"])
        .output()
        .ok()?;
    let sysroot = String::from_utf8(out.stdout).ok()?;
    let dir = PathBuf::from(sysroot.trim())
        .join("lib/rustlib")
        .join(env("HOST"))
        .join("bin/gcc-ld");
    dir.join("ld.lld").is_file().then_some(dir)
}

/// A variable Cargo always sets for build scripts; empty if it is somehow absent.
fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_default()
}
