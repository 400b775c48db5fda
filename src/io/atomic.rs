//! Writing output files atomically: a temporary file beside the target, renamed into place.
//!
//! The temporary file is created exclusively with a short random name in the target's folder
//! (the `tempfile` crate: `O_EXCL`, never through a symlink), so an interrupted run leaves any
//! old file intact; [`remove_pending`] deletes the temporaries of writes in progress (the binary
//! calls it on Ctrl-C and SIGTERM). A target that is a symlink is written through (the link
//! stays, the file it points to is replaced); a target that is not a regular file (a device such
//! as `/dev/null`, a FIFO) is written directly, never replaced. A regular file is replaced only
//! when the running user may write it (`access(2)` with the effective ids, as the shell's `>`
//! would find): a file the user could not write is refused, even in a folder they may write. A
//! replaced file keeps its permissions (and owner, where allowed). Every file opened for reading through
//! [`crate::io::Source`] is registered and never written, nor is any path in `inputs`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Why an output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The target is one of the inputs.
    #[error("{0}: refusing to overwrite an input file")]
    WouldOverwriteInput(PathBuf),
    /// The target is a directory.
    #[error("{0}: cannot write: it is a directory (expected a file name)")]
    IsDirectory(PathBuf),
    /// The target exists and the running user may not write it.
    #[error("{path}: cannot write: you may not write this file (it is left as it is): {error}")]
    NotWritable {
        /// The target path.
        path: PathBuf,
        /// The operating system's answer.
        error: std::io::Error,
    },
    /// Creating, writing or renaming failed.
    #[error("{path}: cannot write: {error}")]
    Io {
        /// The target path.
        path: PathBuf,
        /// The operating system's error.
        error: std::io::Error,
    },
}

/// Files opened for reading in this process (as given and canonical), never to be written.
static READ_FILES: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
/// Temporary files of writes in progress, removed by [`remove_pending`].
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Registers `path` as an input of this run: later writes refuse it.
pub fn protect(path: &Path) {
    let mut files = READ_FILES.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    files.push(path.to_path_buf());
    if let Ok(c) = std::fs::canonicalize(path) {
        files.push(c);
    }
}

/// Removes the temporary files of every write in progress (for a signal handler: it only locks
/// a mutex and unlinks files).
pub fn remove_pending() {
    let pending = PENDING.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    for p in pending.iter() {
        let _ = std::fs::remove_file(p);
    }
}

/// A file name made from data (a state's abbreviation, say) that names a file in the current
/// folder: path separators, control characters and a leading `.` become `_`, so `../x` gives
/// `.._x` → `_._x`; an empty name gives `_`.
pub fn safe_file_name(name: &str) -> String {
    let mut out: String = name.chars().map(|c| if c == '/' || c == '\\' || c.is_control() { '_' } else { c }).collect();
    if out.starts_with('.') || out.is_empty() {
        out.replace_range(..out.chars().next().map_or(0, char::len_utf8), "_");
    }
    out
}

/// Writes `path` atomically: `fill` writes into a temporary file in the target's folder, which
/// is then flushed, synced and renamed onto the target. A device or FIFO is written directly.
/// `inputs` (and every file read through [`crate::io::Source`]) must not be overwritten.
///
/// # Errors
/// [`WriteError`] if `path` is an input or a directory, or on any I/O failure, a full disk
/// included (the temporary file is removed and the old file stays).
pub fn write_atomically<F>(path: &Path, inputs: &[&Path], fill: F) -> Result<(), WriteError>
where
    F: FnOnce(&mut dyn Write) -> std::io::Result<()>,
{
    let io_err = |error| WriteError::Io { path: path.to_path_buf(), error };
    let target = resolve_links(path).map_err(io_err)?;
    let registered = READ_FILES.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone();
    let protected: Vec<&Path> = inputs.iter().copied().chain(registered.iter().map(PathBuf::as_path)).collect();
    if is_one_of(path, &protected) || is_one_of(&target, &protected) {
        return Err(WriteError::WouldOverwriteInput(path.to_path_buf()));
    }
    // The kernel follows links read_link cannot: `/dev/stdout` → `/proc/self/fd/1` → `pipe:[…]`.
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        return write_directly(path, fill).map_err(io_err);
    }
    let existing = std::fs::metadata(&target).ok();
    match &existing {
        Some(m) if m.is_dir() => return Err(WriteError::IsDirectory(path.to_path_buf())),
        Some(m) if !m.is_file() => return write_directly(&target, fill).map_err(io_err),
        Some(_) => may_write(&target).map_err(|error| WriteError::NotWritable { path: path.to_path_buf(), error })?,
        None => {}
    }
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".pactnet-").suffix(".tmp").rand_bytes(8);
    #[cfg(unix)]
    let new_file_mode = {
        use std::os::unix::fs::PermissionsExt;
        std::fs::Permissions::from_mode(0o666)
    };
    #[cfg(unix)]
    builder.permissions(new_file_mode);
    let tmp = builder.tempfile_in(dir).map_err(|e| io_err(without_temporary_name(e)))?;
    let tmp_path = tmp.path().to_path_buf();
    PENDING.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(tmp_path.clone());
    let result = (|| {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, tmp.as_file());
        fill(&mut out)?;
        out.flush()?;
        drop(out);
        if let Some(m) = &existing {
            keep_owner_and_mode(tmp.as_file(), m)?;
        }
        tmp.as_file().sync_all()?;
        tmp.persist(&target).map(drop).map_err(|e| without_temporary_name(e.error))
    })();
    // On error the temporary file was dropped, which removed it.
    PENDING.lock().unwrap_or_else(std::sync::PoisonError::into_inner).retain(|p| *p != tmp_path);
    result.map_err(io_err)
}

/// Whether the running user may write the existing file `target`: `faccessat(W_OK)` with the
/// effective user and group ids (`AT_EACCESS`), the check the kernel makes for the shell's `>`.
fn may_write(target: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use rustix::fs::{accessat, Access, AtFlags, CWD};
        accessat(CWD, target, Access::WRITE_OK, AtFlags::EACCESS).map_err(std::io::Error::from)
    }
    #[cfg(not(unix))]
    {
        match std::fs::metadata(target) {
            Ok(m) if m.permissions().readonly() => {
                Err(std::io::Error::new(std::io::ErrorKind::PermissionDenied, "the file is read-only"))
            }
            _ => Ok(()),
        }
    }
}

/// The operating system's error alone: `tempfile` adds the temporary file's name (`… at path
/// ".pactnet-x1Y2.tmp"`), which means nothing to the user; the message names the target.
fn without_temporary_name(e: std::io::Error) -> std::io::Error {
    let text = e.get_ref().map(ToString::to_string).unwrap_or_default();
    match text.split_once(" at path \"") {
        Some((os_message, path)) if path.contains(".pactnet-") => std::io::Error::new(e.kind(), os_message.to_string()),
        _ => e,
    }
}

/// Writes into an existing device or FIFO; write errors (a full device) are reported.
fn write_directly<F>(target: &Path, fill: F) -> std::io::Result<()>
where
    F: FnOnce(&mut dyn Write) -> std::io::Result<()>,
{
    let file = std::fs::OpenOptions::new().write(true).open(target)?;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
    fill(&mut out)?;
    out.flush()
}

/// Gives the new file the replaced file's permissions, and its owner where allowed.
fn keep_owner_and_mode(file: &std::fs::File, old: &std::fs::Metadata) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Only root may give a file away; for others the owner is already theirs.
        let _ = std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid()));
    }
    file.set_permissions(old.permissions())
}

/// Follows symlinks from `path` to the file they name (which may not exist yet).
fn resolve_links(path: &Path) -> std::io::Result<PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let link = std::fs::read_link(&p)?;
                p = match p.parent() {
                    Some(dir) if link.is_relative() => dir.join(link),
                    _ => link,
                };
            }
            _ => return Ok(p),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}

/// Whether `path` names the same file as one of `inputs` (compared canonically when both exist).
fn is_one_of(path: &Path, inputs: &[&Path]) -> bool {
    let target = std::fs::canonicalize(path).ok();
    inputs.iter().any(|i| match (&target, std::fs::canonicalize(i)) {
        (Some(t), Ok(c)) => *t == c,
        _ => *i == path,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_whole_file_and_refuses_inputs() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.csv");
        write_atomically(&p, &[], |w| w.write_all(b"a,b\n")).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"a,b\n");
        let err = write_atomically(&p, &[p.as_path()], |w| w.write_all(b"x")).unwrap_err();
        assert!(err.to_string().ends_with("refusing to overwrite an input file"), "{err}");
        assert_eq!(std::fs::read(&p).unwrap(), b"a,b\n");
    }

    #[test]
    fn a_failed_fill_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.csv");
        std::fs::write(&p, "old").unwrap();
        let err = write_atomically(&p, &[], |w| {
            w.write_all(b"partial")?;
            Err(std::io::Error::other("disk full"))
        });
        assert!(err.is_err());
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        assert!(!PENDING.lock().unwrap().iter().any(|p| p.starts_with(dir.path())));
    }

    #[test]
    fn issue12_a_file_read_through_a_source_is_protected() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("weights.csv");
        std::fs::write(&p, "ccode,weight\n2,1\n").unwrap();
        let _ = crate::io::Source::File(p.clone()).open().unwrap();
        let err = write_atomically(&dir.path().join(".").join("weights.csv"), &[], |w| w.write_all(b"x"));
        assert!(matches!(err, Err(WriteError::WouldOverwriteInput(_))), "{err:?}");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "ccode,weight\n2,1\n");
    }

    #[cfg(unix)]
    #[test]
    fn issue12_symlinks_are_written_through_and_modes_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.csv");
        std::fs::write(&real, "old").unwrap();
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).unwrap();
        let link = dir.path().join("link.csv");
        std::os::unix::fs::symlink("real.csv", &link).unwrap();
        write_atomically(&link, &[], |w| w.write_all(b"new")).unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
        assert_eq!(std::fs::metadata(&real).unwrap().permissions().mode() & 0o777, 0o600);
        // Only the two names are left: no temporary.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
        // A symlink to an input is refused.
        let input = dir.path().join("in.csv");
        std::fs::write(&input, "in").unwrap();
        let to_input = dir.path().join("to_in.csv");
        std::os::unix::fs::symlink(&input, &to_input).unwrap();
        assert!(write_atomically(&to_input, &[input.as_path()], |w| w.write_all(b"x")).is_err());
        assert_eq!(std::fs::read_to_string(&input).unwrap(), "in");
    }

    #[cfg(unix)]
    #[test]
    fn issue12_devices_are_written_directly_and_a_full_device_is_an_error() {
        let null = Path::new("/dev/null");
        if !null.exists() {
            return;
        }
        write_atomically(null, &[], |w| w.write_all(b"discarded")).unwrap();
        assert!(!std::fs::metadata(null).unwrap().is_file(), "/dev/null was replaced");
        let full = Path::new("/dev/full");
        if full.exists() {
            let err = write_atomically(full, &[], |w| w.write_all(b"x")).unwrap_err().to_string();
            assert!(err.starts_with("/dev/full: cannot write: No space left on device"), "{err}");
            assert!(!std::fs::metadata(full).unwrap().is_file());
        }
    }

    #[test]
    fn issue12_a_signal_during_a_write_removes_the_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.csv");
        std::fs::write(&p, "old").unwrap();
        let names = || std::fs::read_dir(dir.path()).unwrap().count();
        let result = write_atomically(&p, &[], |w| {
            w.write_all(b"partial")?;
            w.flush()?;
            assert_eq!(names(), 2, "the temporary exists while writing");
            // What the binary's SIGINT/SIGTERM handler does before it exits (`remove_pending`),
            // limited to this test's folder: other tests write in parallel.
            let pending = PENDING.lock().unwrap().clone();
            let ours: Vec<&PathBuf> = pending.iter().filter(|p| p.starts_with(dir.path())).collect();
            assert_eq!(ours.len(), 1, "{pending:?}");
            std::fs::remove_file(ours[0]).unwrap();
            assert_eq!(names(), 1, "the temporary is gone");
            Err(std::io::Error::other("interrupted"))
        });
        assert!(result.is_err());
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "old");
    }

    #[test]
    fn issue12_names_from_data_stay_in_the_folder() {
        assert_eq!(safe_file_name("FRN (220)"), "FRN (220)");
        assert_eq!(safe_file_name("../escaped"), "_._escaped");
        assert_eq!(safe_file_name("a/b\\c\n"), "a_b_c_");
        assert_eq!(safe_file_name(""), "_");
        assert_eq!(safe_file_name(".."), "_.");
    }

    #[test]
    fn issue12_long_names_and_directories() {
        let dir = tempfile::tempdir().unwrap();
        let long = dir.path().join(format!("{}.csv", "n".repeat(250)));
        write_atomically(&long, &[], |w| w.write_all(b"ok")).unwrap();
        assert_eq!(std::fs::read_to_string(&long).unwrap(), "ok");
        let err = write_atomically(dir.path(), &[], |w| w.write_all(b"x")).unwrap_err();
        assert!(matches!(err, WriteError::IsDirectory(_)), "{err:?}");
    }

    #[cfg(unix)]
    #[test]
    fn issue12_a_new_file_gets_the_usual_mode_not_0600() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("new.csv");
        write_atomically(&p, &[], |w| w.write_all(b"x")).unwrap();
        // 0666 less the umask (022 → 0644), as a plain create would give.
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        let umask =
            status.lines().find_map(|l| l.strip_prefix("Umask:")).map(|u| u32::from_str_radix(u.trim(), 8).unwrap());
        match umask {
            Some(u) => assert_eq!(mode, 0o666 & !u, "{mode:o}"),
            None => assert_eq!(mode & 0o711, 0o600, "{mode:o}"),
        }
    }
}
