//! Code pages: gives the kernel back the pages of machine code (the agent's own and its shared
//! libraries') that only startup ran. Most of an idle client agent's resident memory is not data
//! but its executable's text: parsing flags and configuration, building TLS contexts, opening
//! stores and starting listeners touch megabytes of code (mapped 64 KiB at a time by the kernel's
//! fault-around) that never runs again, yet stays mapped — and counted in the agent's RSS — for
//! the life of the process.
//!
//! `MADV_DONTNEED` on the read-only file mappings (code and constants) unmaps those pages from
//! this process. They are private mappings of files that nothing wrote (no text relocations),
//! so the next access to such a page simply maps it again from the page cache: what the agent
//! keeps running stays resident, what it never runs again does not. A mapping holding any
//! copied-on-write page — relocated read-only data (RELRO) — is left alone, as is all data.

use std::time::Duration;

/// How often the agent lets go of code it has not run since the last release: code run once
/// (a keyring rotation, a rare API call) does not stay charged to it for good. Re-mapping the
/// code that does run costs a few hundred minor page faults each time.
pub const INTERVAL: Duration = Duration::from_secs(60);

/// A read-only file mapping, from `/proc/self/smaps`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Mapping {
    start: usize,
    end: usize,
}

/// The read-only file mappings in a `/proc/<pid>/smaps` listing whose pages all still come from
/// their file: perms `r-xp` (code) or `r--p` (constants), and no anonymous (copied-on-write)
/// page. That excludes RELRO, the read-only data the dynamic loader relocated before protecting
/// it, whose pages differ from the file.
///
/// Only mappings that last as long as the process qualify: the executable's (inode `exe`) and
/// shared libraries' (`*.so`, `*.so.N`; this process never unloads one). A transient mapping —
/// the loader's `ld.so.cache` while a thread resolves a name — could be unmapped between this
/// listing and the `madvise`, and its addresses reused for heap memory that `MADV_DONTNEED`
/// would then wipe.
fn file_backed(smaps: &str, exe: u64) -> Vec<Mapping> {
    let mut found = Vec::new();
    let mut current: Option<Mapping> = None;
    for line in smaps.lines() {
        let mut fields = line.split_ascii_whitespace();
        let Some(first) = fields.next() else { continue };
        if let Some((start, end)) = first.split_once('-')
            && let (Ok(start), Ok(end)) = (
                usize::from_str_radix(start, 16),
                usize::from_str_radix(end, 16),
            )
        {
            // A mapping's header: `start-end perms offset dev inode [path]`.
            let perms = fields.next();
            let inode = fields.nth(2).and_then(|i| i.parse::<u64>().ok());
            let path = fields.next().unwrap_or("");
            let lasting = match inode {
                Some(0) | None => false,
                Some(i) => i == exe || is_shared_library(path),
            };
            current = (matches!(perms, Some("r-xp" | "r--p")) && lasting && end > start)
                .then_some(Mapping { start, end });
        } else if first == "Anonymous:"
            && let Some(m) = current.take()
            && fields.next() == Some("0")
        {
            found.push(m);
        }
    }
    found
}

/// `libc.so.6`, `ld-linux-x86-64.so.2`, `libfoo.so`; not `ld.so.cache`.
fn is_shared_library(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    match name.rsplit_once(".so") {
        Some((stem, rest)) => {
            !stem.is_empty()
                && (rest.is_empty()
                    || rest.strip_prefix('.').is_some_and(|v| {
                        !v.is_empty() && v.chars().all(|c| c.is_ascii_digit() || c == '.')
                    }))
        }
        None => false,
    }
}

/// Unmaps this process's resident pages of code and constants; they fault back in from the page
/// cache when used again. Returns the bytes of address space released.
///
/// The project's one `unsafe` block: there is no safe wrapper for `madvise`, and the range it
/// is given is exactly a mapping the kernel just listed as read-only and unmodified.
#[allow(unsafe_code)]
pub fn release() -> std::io::Result<usize> {
    use std::os::unix::fs::MetadataExt;
    // The running executable's inode, even if the file has since been replaced or removed.
    let exe = std::fs::metadata("/proc/self/exe")?.ino();
    let smaps = std::fs::read_to_string("/proc/self/smaps")?;
    let mut released = 0;
    for m in file_backed(&smaps, exe) {
        let (addr, len) = (m.start as *mut std::ffi::c_void, m.end - m.start);
        // SAFETY: the range is a whole read-only, private file mapping of this process that
        // holds no copied-on-write page (and being read-only, it cannot gain one), so
        // discarding its pages loses nothing: every later access maps the identical page from
        // the file.
        unsafe {
            rustix::mm::madvise(addr, len, rustix::mm::Advice::LinuxDontNeed)?;
        }
        released += len;
    }
    Ok(released)
}

/// Releases the startup code now and then every [`INTERVAL`], for as long as the agent runs.
pub async fn keep_released() {
    let mut tick = tokio::time::interval(INTERVAL);
    loop {
        tick.tick().await;
        match release() {
            Ok(bytes) => tracing::debug!(bytes, "released code pages"),
            Err(e) => {
                // Not a reason to stop an agent: it only keeps more memory resident.
                tracing::debug!("releasing code pages: {e}");
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_unmodified_read_only_file_mappings_are_chosen() {
        let smaps = "\
55d0c0000000-55d0c0100000 r--p 00000000 fd:01 4242 /usr/bin/ctl
Rss:                 800 kB
Anonymous:             0 kB
55d0c0100000-55d0c0f00000 r-xp 00100000 fd:01 4242 /usr/bin/ctl
Rss:                9000 kB
Anonymous:             0 kB
55d0c0f00000-55d0c1000000 r--p 00f00000 fd:01 4242 /usr/bin/ctl
Rss:                 300 kB
Anonymous:           300 kB
55d0c1000000-55d0c1010000 rw-p 01000000 fd:01 4242 /usr/bin/ctl
Anonymous:             4 kB
7f0000000000-7f0000100000 r-xp 00028000 fd:01 99 /usr/lib/x86_64-linux-gnu/libc.so.6
Anonymous:             0 kB
7f0000200000-7f0000300000 rw-p 00000000 00:00 0
Anonymous:           100 kB
7ffd00000000-7ffd00002000 r-xp 00000000 00:00 0 [vdso]
Anonymous:             0 kB
7f0000400000-7f0000500000 r--p 00000000 fd:01 77 /etc/ld.so.cache
Anonymous:             0 kB
7f0000600000-7f0000700000 r--p 00000000 fd:01 78 /srv/data/blob
Anonymous:             0 kB
garbage line
";
        let m = |start, end| Mapping { start, end };
        assert_eq!(
            file_backed(smaps, 4242),
            vec![
                m(0x55d0c0000000, 0x55d0c0100000),
                m(0x55d0c0100000, 0x55d0c0f00000),
                m(0x7f0000000000, 0x7f0000100000),
            ],
            "code and constants of the binary and libc; never RELRO (relocated, so anonymous \
             pages), data, anonymous memory, the vDSO or files that may be unmapped any time"
        );
        assert_eq!(
            file_backed(smaps, 7),
            vec![m(0x7f0000000000, 0x7f0000100000)],
            "libc alone when the inode is not the binary's"
        );
        for lib in [
            "/lib/libc.so.6",
            "ld-linux-x86-64.so.2",
            "/x/libfoo.so",
            "libz.so.1.3.1",
        ] {
            assert!(is_shared_library(lib), "{lib}");
        }
        for other in [
            "/etc/ld.so.cache",
            ".so",
            "/x/libfoo.so.",
            "/x/a.sock",
            "/x/b.so.tmp",
        ] {
            assert!(!is_shared_library(other), "{other}");
        }
    }

    #[test]
    fn releasing_keeps_the_process_running_correctly() {
        let before = format!("{:?}", (1..50u64).map(|n| n * n).collect::<Vec<_>>());
        let released = release().expect("release code pages");
        assert!(released > 0, "the test binary has code mappings");
        // Code runs again after its pages were dropped, with the same results.
        let after = format!("{:?}", (1..50u64).map(|n| n * n).collect::<Vec<_>>());
        assert_eq!(before, after);
    }
}
