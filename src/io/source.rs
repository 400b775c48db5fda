//! Where an input comes from: a file on disk or a table embedded in the binary.

use crate::error::LoadError;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// An input table: a path, or an embedded text with a display name.
#[derive(Debug, Clone)]
pub enum Source {
    /// A file on disk.
    File(PathBuf),
    /// Text compiled into the binary (the sample data), with the name shown in messages.
    Embedded {
        /// Display name, e.g. `sample/members.csv`.
        name: &'static str,
        /// The CSV text.
        text: &'static str,
    },
    /// Bytes held in memory (generated data, fuzzing inputs), with the name shown in messages.
    Bytes {
        /// Display name.
        name: &'static str,
        /// The content, not necessarily UTF-8.
        data: Arc<[u8]>,
    },
}

impl Source {
    /// The name used in messages: the file name of a path (`atop4_01m.csv`), or the embedded name.
    pub fn display_name(&self) -> Arc<str> {
        match self {
            Source::File(p) => Arc::from(
                p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| p.display().to_string()),
            ),
            Source::Embedded { name, .. } | Source::Bytes { name, .. } => Arc::from(*name),
        }
    }

    /// The path, for a file on disk.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Source::File(p) => Some(p),
            Source::Embedded { .. } | Source::Bytes { .. } => None,
        }
    }

    /// Opens the input for reading; a file is registered as an input that outputs must never
    /// overwrite ([`crate::io::atomic::protect`]).
    ///
    /// # Errors
    /// [`LoadError::Io`] when the file cannot be opened, [`LoadError::Directory`] for a folder.
    pub fn open(&self) -> Result<Box<dyn Read>, LoadError> {
        match self {
            Source::File(p) => {
                super::atomic::protect(p);
                if p.is_dir() {
                    return Err(LoadError::Directory { path: p.clone() });
                }
                std::fs::File::open(p)
                    .map(|f| Box::new(std::io::BufReader::with_capacity(1 << 16, f)) as Box<dyn Read>)
                    .map_err(|error| LoadError::Io { path: p.clone(), error })
            }
            Source::Embedded { text, .. } => Ok(Box::new(text.as_bytes())),
            Source::Bytes { data, .. } => Ok(Box::new(std::io::Cursor::new(Arc::clone(data)))),
        }
    }
}
