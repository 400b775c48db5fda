//! Writing output files atomically: a temporary file beside the target, renamed into place.
//!
//! An interrupted run leaves any old file intact, and a file that is one of the run's inputs is
//! never written.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Why an output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The target is one of the inputs.
    #[error("{0}: refusing to overwrite an input file")]
    WouldOverwriteInput(PathBuf),
    /// Creating, writing or renaming failed.
    #[error("{path}: cannot write: {error}")]
    Io {
        /// The target path.
        path: PathBuf,
        /// The operating system's error.
        error: std::io::Error,
    },
}

/// Writes `path` atomically: `fill` writes into a temporary file in the same directory, which is
/// then flushed and renamed onto `path`. `inputs` are paths that must not be overwritten.
///
/// # Errors
/// [`WriteError`] if `path` is an input, or on any I/O failure (the temporary file is removed).
pub fn write_atomically<F>(path: &Path, inputs: &[&Path], fill: F) -> Result<(), WriteError>
where
    F: FnOnce(&mut dyn Write) -> std::io::Result<()>,
{
    if is_one_of(path, inputs) {
        return Err(WriteError::WouldOverwriteInput(path.to_path_buf()));
    }
    let io_err = |error| WriteError::Io { path: path.to_path_buf(), error };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let file = std::fs::File::create(&tmp)?;
        let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
        fill(&mut out)?;
        let file = out.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(io_err(e));
    }
    Ok(())
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
    }
}
