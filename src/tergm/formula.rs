//! ergm's formula language, as far as a model's right-hand side goes: terms joined by `+`, each a
//! name with optional arguments in parentheses, positional or `name = value`.
//!
//! `edges + gwesp(0.5, fixed = TRUE) + nodecov("cinc") + memory(type = "stability", lag = 1)`.
//! Values are numbers, strings in double or single quotes, `TRUE`/`FALSE` (`T`/`F`), or bare
//! words (`nodecov(cinc)` is `nodecov("cinc")`). A left-hand side (`net ~ …` or a leading `~`) is
//! read and ignored: the network is the command's. Errors name the character where reading
//! stopped.

use std::fmt;

/// One argument of a term.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A number (`0.5`, `-1`, `1e-3`).
    Number(f64),
    /// A quoted string or a bare word.
    Text(String),
    /// `TRUE`/`T` or `FALSE`/`F`.
    Logical(bool),
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Number(v) => write!(f, "{v}"),
            Value::Text(t) => write!(f, "\"{t}\""),
            Value::Logical(b) => f.write_str(if *b { "TRUE" } else { "FALSE" }),
        }
    }
}

/// An argument: its name when given as `name = value`, and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Argument {
    /// The name, for `name = value`.
    pub name: Option<String>,
    /// The value.
    pub value: Value,
}

/// A term as written: its name, its arguments, and where it starts in the formula (0-based char).
#[derive(Debug, Clone, PartialEq)]
pub struct TermCall {
    /// The term's name (`gwesp`).
    pub name: String,
    /// Its arguments in order.
    pub arguments: Vec<Argument>,
    /// Where the term starts (character offset), for messages.
    pub at: usize,
    /// The term as written, for messages.
    pub text: String,
}

/// A formula that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("--model: at character {}: {message} (in `{formula}`)", at + 1)]
pub struct FormulaError {
    /// Where reading stopped (0-based character offset).
    pub at: usize,
    /// What was expected.
    pub message: String,
    /// The formula (shortened).
    pub formula: String,
}

/// Reads a formula into its terms.
///
/// # Errors
/// [`FormulaError`] at the first character that does not fit the grammar, or for an empty formula.
pub fn parse(formula: &str) -> Result<Vec<TermCall>, FormulaError> {
    let chars: Vec<char> = formula.chars().collect();
    let mut p = Parser { chars: &chars, pos: 0, formula };
    // A left-hand side up to `~`, if any, is skipped.
    if let Some(tilde) = chars.iter().position(|&c| c == '~') {
        p.pos = tilde + 1;
    }
    let mut terms = Vec::new();
    loop {
        p.skip_space();
        if p.at_end() {
            return Err(p.error(if terms.is_empty() {
                "expected a term such as `edges` (the formula is empty)"
            } else {
                "expected a term after `+`"
            }));
        }
        terms.push(p.term()?);
        p.skip_space();
        match p.peek() {
            None => return Ok(terms),
            Some('+') => p.pos += 1,
            Some(c) => return Err(p.error(&format!("expected `+` between terms, found `{c}`"))),
        }
    }
}

struct Parser<'a> {
    chars: &'a [char],
    pos: usize,
    formula: &'a str,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn at_end(&self) -> bool {
        self.pos >= self.chars.len()
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
    }

    fn error(&self, message: &str) -> FormulaError {
        let formula: String = self.formula.chars().take(200).collect();
        FormulaError { at: self.pos, message: message.to_string(), formula }
    }

    /// A name: a letter or `.`, then letters, digits, `_` and `.`.
    fn word(&mut self) -> Option<String> {
        let start = self.pos;
        if !self.peek().is_some_and(|c| c.is_alphabetic() || c == '.') {
            return None;
        }
        while self.peek().is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
            self.pos += 1;
        }
        Some(self.chars[start..self.pos].iter().collect())
    }

    fn term(&mut self) -> Result<TermCall, FormulaError> {
        let at = self.pos;
        let name = self.word().ok_or_else(|| self.error("expected a term's name (a letter first)"))?;
        self.skip_space();
        let mut arguments = Vec::new();
        if self.peek() == Some('(') {
            self.pos += 1;
            self.skip_space();
            if self.peek() == Some(')') {
                self.pos += 1;
            } else {
                loop {
                    arguments.push(self.argument()?);
                    self.skip_space();
                    match self.peek() {
                        Some(',') => self.pos += 1,
                        Some(')') => {
                            self.pos += 1;
                            break;
                        }
                        None => return Err(self.error(&format!("expected `)` to close `{name}(`"))),
                        Some(c) => return Err(self.error(&format!("expected `,` or `)` in `{name}(…)`, found `{c}`"))),
                    }
                }
            }
        }
        let text: String = self.chars[at..self.pos].iter().collect();
        Ok(TermCall { name, arguments, at, text: text.trim().to_string() })
    }

    fn argument(&mut self) -> Result<Argument, FormulaError> {
        self.skip_space();
        let start = self.pos;
        if let Some(word) = self.word() {
            self.skip_space();
            if self.peek() == Some('=') && self.chars.get(self.pos + 1) != Some(&'=') {
                self.pos += 1;
                let value = self.value()?;
                return Ok(Argument { name: Some(word), value });
            }
            self.pos = start;
        }
        Ok(Argument { name: None, value: self.value()? })
    }

    fn value(&mut self) -> Result<Value, FormulaError> {
        self.skip_space();
        match self.peek() {
            Some(q @ ('"' | '\'')) => {
                self.pos += 1;
                let start = self.pos;
                while self.peek().is_some_and(|c| c != q) {
                    self.pos += 1;
                }
                if self.at_end() {
                    self.pos = start - 1;
                    return Err(self.error(&format!("a string opened here is never closed (expected {q})")));
                }
                let text: String = self.chars[start..self.pos].iter().collect();
                self.pos += 1;
                Ok(Value::Text(text))
            }
            Some(c) if c.is_ascii_digit() || c == '-' || c == '+' || c == '.' && self.next_is_digit() => {
                let start = self.pos;
                self.pos += 1;
                while self.peek().is_some_and(|c| c.is_ascii_alphanumeric() || c == '.')
                    || (matches!(self.peek(), Some('-' | '+'))
                        && matches!(self.chars.get(self.pos - 1), Some('e' | 'E')))
                {
                    self.pos += 1;
                }
                let text: String = self.chars[start..self.pos].iter().collect();
                // R's integer suffix (`2L`).
                let number = text.strip_suffix('L').unwrap_or(&text);
                match number.parse::<f64>() {
                    Ok(v) if v.is_finite() => Ok(Value::Number(v)),
                    _ => {
                        self.pos = start;
                        Err(self.error(&format!("`{text}` is not a number")))
                    }
                }
            }
            Some(_) => match self.word() {
                Some(w) if w == "TRUE" || w == "T" => Ok(Value::Logical(true)),
                Some(w) if w == "FALSE" || w == "F" => Ok(Value::Logical(false)),
                Some(w) => Ok(Value::Text(w)),
                None => Err(self.error("expected a value: a number, a \"string\", TRUE/FALSE or a name")),
            },
            None => Err(self.error("expected a value, found the end of the formula")),
        }
    }

    fn next_is_digit(&self) -> bool {
        self.chars.get(self.pos + 1).is_some_and(char::is_ascii_digit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(f: &str) -> Vec<String> {
        parse(f).unwrap_or_else(|e| panic!("{e}")).into_iter().map(|t| t.name).collect()
    }

    #[test]
    fn reads_terms_with_positional_named_quoted_and_bare_arguments() {
        let terms = parse("edges + gwesp(0.5, fixed=TRUE) + nodecov(\"cinc\") + absdiff(polity) + memory(type = 'stability', lag = 2L)").unwrap();
        assert_eq!(terms.len(), 5);
        assert_eq!(terms[0].arguments, vec![]);
        assert_eq!(
            terms[1].arguments,
            vec![
                Argument { name: None, value: Value::Number(0.5) },
                Argument { name: Some("fixed".into()), value: Value::Logical(true) }
            ]
        );
        assert_eq!(terms[2].arguments[0].value, Value::Text("cinc".into()));
        assert_eq!(terms[3].arguments[0].value, Value::Text("polity".into()));
        assert_eq!(
            terms[4].arguments[0],
            Argument { name: Some("type".into()), value: Value::Text("stability".into()) }
        );
        assert_eq!(terms[4].arguments[1].value, Value::Number(2.0));
        assert_eq!(terms[1].text, "gwesp(0.5, fixed=TRUE)");
    }

    #[test]
    fn a_left_hand_side_is_ignored_and_numbers_take_every_form() {
        assert_eq!(names("allyNet ~ edges + triangle"), ["edges", "triangle"]);
        assert_eq!(names("~edges"), ["edges"]);
        let t = parse("kstar(2) + gwdegree(decay=1e-1) + x(-0.25) + y(.5) + z(1E+2)").unwrap();
        let first = |i: usize| t[i].arguments[0].value.clone();
        assert_eq!(first(0), Value::Number(2.0));
        assert_eq!(first(1), Value::Number(0.1));
        assert_eq!(first(2), Value::Number(-0.25));
        assert_eq!(first(3), Value::Number(0.5));
        assert_eq!(first(4), Value::Number(100.0));
        assert_eq!(names("timecov()"), ["timecov"]);
    }

    #[test]
    fn errors_name_the_character_and_what_was_expected() {
        let e = parse("edges + ").unwrap_err();
        assert_eq!(e.at, 8);
        assert!(e.to_string().contains("expected a term after `+`"), "{e}");
        let e = parse("edges gwesp(0.5)").unwrap_err();
        assert_eq!(e.at, 6);
        assert!(e.message.contains("expected `+`"), "{e}");
        let e = parse("nodecov(\"cinc)").unwrap_err();
        assert!(e.message.contains("never closed"), "{e}");
        assert_eq!(e.at, 8);
        let e = parse("gwesp(0.5x)").unwrap_err();
        assert!(e.message.contains("`0.5x` is not a number"), "{e}");
        assert!(parse("").unwrap_err().message.contains("empty"));
        assert!(parse("gwesp(0.5").unwrap_err().message.contains("expected `)`"));
        assert!(parse("edges + 3").unwrap_err().message.contains("term's name"));
        // Wide spaces are spaces, and offsets are characters, not bytes.
        let e = parse("edges\u{3000}+\u{2003}+").unwrap_err();
        assert_eq!(e.at, 8);
    }
}
