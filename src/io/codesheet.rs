//! Reading an ATOP coding sheet: the questionnaire text a coder fills in for one alliance, as a
//! file of at most [`MAX_SHEET_BYTES`] in UTF-8, read into its numbered questions by the one
//! line grammar of [`super::codesheet_questions`] (`pactnet codesheet --questions` prints them;
//! [`super::codesheet_record`] interprets them as an alliance for `--codesheets DIR`).

use super::codesheet_questions::{questions, Question};
use super::source::Source;
use crate::error::LoadError;
use std::io::Read;
use std::sync::Arc;

/// A whole coding sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawSheet {
    /// Display name of the file.
    pub file: Arc<str>,
    /// The questions in file order.
    pub questions: Vec<Question>,
}

impl RawSheet {
    /// The question with this number, if the sheet has it.
    pub fn question(&self, number: u16) -> Option<&Question> {
        self.questions.iter().find(|q| q.number == number)
    }
}

/// Largest coding sheet read: 4 MiB (a sheet's text is a few KB).
pub const MAX_SHEET_BYTES: u64 = 4 << 20;

/// Reads a coding sheet (UTF-8 text; invalid bytes are replaced).
///
/// # Errors
/// [`LoadError::Io`] when the file cannot be read, [`LoadError::Encoding`] for a UTF-16/32
/// file, [`LoadError::TooLarge`] past [`MAX_SHEET_BYTES`].
pub fn read_codesheet(source: &Source) -> Result<RawSheet, LoadError> {
    let file = source.display_name();
    let mut bytes = Vec::new();
    let reader = super::records::open_utf8(source, &file)?;
    reader.take(MAX_SHEET_BYTES + 1).read_to_end(&mut bytes).map_err(|e| LoadError::Io {
        path: source.path().map_or_else(|| source.display_name().to_string().into(), |p| p.to_path_buf()),
        error: e,
    })?;
    if bytes.len() as u64 > MAX_SHEET_BYTES {
        return Err(LoadError::TooLarge { at: crate::error::Location::new(&file, 0), limit: MAX_SHEET_BYTES });
    }
    Ok(parse_codesheet(file, &String::from_utf8_lossy(&bytes)))
}

/// Reads the questions of a sheet, as [`read_codesheet`] does.
///
/// # Errors
/// As [`read_codesheet`].
pub fn read_questions(source: &Source) -> Result<Vec<Question>, LoadError> {
    read_codesheet(source).map(|sheet| sheet.questions)
}

/// Parses the text of a coding sheet named `file`.
pub fn parse_codesheet(file: Arc<str>, text: &str) -> RawSheet {
    RawSheet { file, questions: questions(text) }
}
