//! The `--where` parser: recursive descent over a small token list.
//!
//! ```text
//! expr    := and ("or" and)*
//! and     := not ("and" not)*
//! not     := "not" not | "(" expr ")" | test
//! test    := operand (OP operand | ["not"] "in" "(" int ("," int)* ")" | "is" ["not"] "missing")
//! operand := int | name | "alliance." name          OP := = == != <> < <= > >=
//! ```
//! A `(` where an expression may start opens a sub-expression. Complexity: linear in the text.

use super::{CmpOp, Column, Expr, Operand, Source};

/// Longest expression accepted, in bytes; deepest nesting of parentheses and `not`.
const MAX_LEN: usize = 10_000;
const MAX_DEPTH: usize = 200;

/// A `--where` text that is not an expression: where and what was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("--where {text:?}: at character {position}: expected {expected}, found {found}")]
pub struct SyntaxError {
    /// The expression (shortened past 80 characters).
    pub text: String,
    /// 1-based character position of the problem.
    pub position: usize,
    /// What would have been valid there.
    pub expected: &'static str,
    /// What was there.
    pub found: String,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Int(i64),
    Name(String),
    Op(CmpOp),
    LParen,
    RParen,
    Comma,
    Dot,
    Bad(char),
    BigInt(String),
}

fn describe(t: Option<&Tok>) -> String {
    match t {
        None => "the end".into(),
        Some(Tok::Int(v)) => format!("{v}"),
        Some(Tok::BigInt(s)) => format!("{s:?} (too large)"),
        Some(Tok::Name(n)) => format!("{n:?}"),
        Some(Tok::Op(o)) => format!("{:?}", o.symbol()),
        Some(Tok::LParen) => "\"(\"".into(),
        Some(Tok::RParen) => "\")\"".into(),
        Some(Tok::Comma) => "\",\"".into(),
        Some(Tok::Dot) => "\".\"".into(),
        Some(Tok::Bad(c)) => format!("{c:?}"),
    }
}

/// Tokens with their 1-based character positions.
fn lex(text: &str) -> Vec<(usize, Tok)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let pos = i + 1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let next = chars.get(i + 1).copied();
        let (tok, len) = match c {
            '(' => (Tok::LParen, 1),
            ')' => (Tok::RParen, 1),
            ',' => (Tok::Comma, 1),
            '.' => (Tok::Dot, 1),
            '=' if next == Some('=') => (Tok::Op(CmpOp::Eq), 2),
            '=' => (Tok::Op(CmpOp::Eq), 1),
            '!' if next == Some('=') => (Tok::Op(CmpOp::Ne), 2),
            '<' if next == Some('>') => (Tok::Op(CmpOp::Ne), 2),
            '<' if next == Some('=') => (Tok::Op(CmpOp::Le), 2),
            '<' => (Tok::Op(CmpOp::Lt), 1),
            '>' if next == Some('=') => (Tok::Op(CmpOp::Ge), 2),
            '>' => (Tok::Op(CmpOp::Gt), 1),
            c if c.is_ascii_digit() || (c == '-' && next.is_some_and(|d| d.is_ascii_digit())) => {
                let mut j = i + 1;
                while j < chars.len() && chars[j].is_ascii_digit() {
                    j += 1;
                }
                let s: String = chars[i..j].iter().collect();
                let tok = s.parse::<i64>().map_or(Tok::BigInt(s), Tok::Int);
                (tok, j - i)
            }
            c if c.is_ascii_alphabetic() || c == '_' => {
                let mut j = i + 1;
                while j < chars.len() && (chars[j].is_ascii_alphanumeric() || chars[j] == '_') {
                    j += 1;
                }
                (Tok::Name(chars[i..j].iter().collect::<String>().to_ascii_lowercase()), j - i)
            }
            c => (Tok::Bad(c), 1),
        };
        out.push((pos, tok));
        i += len;
    }
    out
}

struct Parser<'a> {
    text: &'a str,
    toks: Vec<(usize, Tok)>,
    at: usize,
    end: usize,
    depth: usize,
}

type Parsed<T> = Result<T, SyntaxError>;

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.at).map(|(_, t)| t)
    }

    fn peek2(&self) -> Option<&Tok> {
        self.toks.get(self.at + 1).map(|(_, t)| t)
    }

    fn is_word(&self, word: &str) -> bool {
        matches!(self.peek(), Some(Tok::Name(n)) if n == word)
    }

    fn fail<T>(&self, expected: &'static str) -> Parsed<T> {
        let position = self.toks.get(self.at).map_or(self.end, |(p, _)| *p);
        let mut text: String = self.text.chars().take(80).collect();
        if self.text.chars().count() > 80 {
            text.push('…');
        }
        Err(SyntaxError { text, position, expected, found: describe(self.peek()) })
    }

    fn expect(&mut self, tok: &Tok, expected: &'static str) -> Parsed<()> {
        if self.peek() == Some(tok) {
            self.at += 1;
            Ok(())
        } else {
            self.fail(expected)
        }
    }

    fn or(&mut self) -> Parsed<Expr> {
        let mut e = self.and()?;
        while self.is_word("or") {
            self.at += 1;
            e = Expr::Or(Box::new(e), Box::new(self.and()?));
        }
        Ok(e)
    }

    fn and(&mut self) -> Parsed<Expr> {
        let mut e = self.not()?;
        while self.is_word("and") {
            self.at += 1;
            e = Expr::And(Box::new(e), Box::new(self.not()?));
        }
        Ok(e)
    }

    fn not(&mut self) -> Parsed<Expr> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.fail("fewer nested parentheses or nots (at most 200)");
        }
        let e = if self.is_word("not") {
            self.at += 1;
            Expr::Not(Box::new(self.not()?))
        } else if self.peek() == Some(&Tok::LParen) {
            self.at += 1;
            let e = self.or()?;
            self.expect(&Tok::RParen, "\")\" or a keyword (and, or)")?;
            e
        } else {
            self.test()?
        };
        self.depth -= 1;
        Ok(e)
    }

    fn operand(&mut self) -> Parsed<Operand<Column>> {
        match self.peek().cloned() {
            Some(Tok::Int(v)) => {
                self.at += 1;
                Ok(Operand::Int(v))
            }
            Some(Tok::Name(n)) if !["and", "or", "not", "in", "is", "missing"].contains(&n.as_str()) => {
                self.at += 1;
                if n == "alliance" && self.peek() == Some(&Tok::Dot) {
                    self.at += 1;
                    match self.peek().cloned() {
                        Some(Tok::Name(name)) => {
                            self.at += 1;
                            Ok(Operand::Column(Column { source: Source::Alliance, name }))
                        }
                        _ => self.fail("a column name after \"alliance.\""),
                    }
                } else {
                    Ok(Operand::Column(Column { source: Source::Member, name: n }))
                }
            }
            _ => self.fail("a column name, an integer, \"not\" or \"(\""),
        }
    }

    fn test(&mut self) -> Parsed<Expr> {
        let value = self.operand()?;
        if let Some(Tok::Op(op)) = self.peek().cloned() {
            self.at += 1;
            return Ok(Expr::Cmp(value, op, self.operand()?));
        }
        if self.is_word("is") {
            self.at += 1;
            let negated = self.is_word("not");
            if negated {
                self.at += 1;
            }
            if !self.is_word("missing") {
                return self.fail("\"missing\" after \"is\" or \"is not\"");
            }
            self.at += 1;
            return Ok(Expr::IsMissing { value, negated });
        }
        let negated = self.is_word("not") && matches!(self.peek2(), Some(Tok::Name(n)) if n == "in");
        if negated {
            self.at += 1;
        }
        if self.is_word("in") {
            self.at += 1;
            self.expect(&Tok::LParen, "\"(\" opening the list after \"in\"")?;
            let mut list = Vec::new();
            loop {
                match self.peek() {
                    Some(Tok::Int(v)) => {
                        list.push(*v);
                        self.at += 1;
                    }
                    _ => return self.fail("an integer in the list of \"in (…)\""),
                }
                match self.peek() {
                    Some(Tok::Comma) => self.at += 1,
                    Some(Tok::RParen) => {
                        self.at += 1;
                        break;
                    }
                    _ => return self.fail("\",\" or \")\" in the list of \"in (…)\""),
                }
            }
            return Ok(Expr::In { value, list, negated });
        }
        self.fail("a comparison (=, !=, <, <=, >, >=, in (…), is missing)")
    }
}

/// Parses a `--where` expression (see the module docs of [`super`]).
///
/// # Errors
/// [`SyntaxError`] naming the first character that does not fit, and what would.
pub fn parse(text: &str) -> Result<Expr, SyntaxError> {
    let mut p = Parser { text, toks: lex(text), at: 0, end: text.chars().count() + 1, depth: 0 };
    if text.len() > MAX_LEN {
        return p.fail("an expression of at most 10000 bytes");
    }
    if p.toks.is_empty() {
        return p.fail("an expression such as \"conditio = 0\"");
    }
    let e = p.or()?;
    if p.at < p.toks.len() {
        return p.fail("\"and\", \"or\" or the end");
    }
    Ok(e)
}
