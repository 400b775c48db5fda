//! `--where EXPR`: which member rows take part, by their coded provisions.
//!
//! Place in the flow: between validate and the multigraph. [`Filter::retain`] drops the member
//! rows of a [`Dataset`] for which the expression is not true, so a multigraph edge exists only
//! when both of its rows satisfy it, and every command built on the multigraph sees the same rows
//! (exactly as if the member file had been filtered beforehand).
//!
//! The language ([`parse`]): comparisons `=` (or `==`), `!=` (or `<>`), `<`, `<=`, `>`, `>=`
//! between columns and integers; `x in (1, 2)`, `x not in (…)`; `x is missing`,
//! `x is not missing`; `and`, `or`, `not`, parentheses (`not` binds tighter than `and`, `and`
//! than `or`). A column is any whole-number column of the member file (`conditio`, `intcom`, …),
//! or of the alliance file written `alliance.hinst`; names and keywords are case-insensitive.
//! An empty cell is missing, with SQL's three-valued logic: a comparison with it is unknown,
//! `not unknown` is unknown, `false and unknown` is false, `true or unknown` is true, and a
//! row takes part only when the whole expression is true.

mod parse;

pub use parse::{parse, SyntaxError};

use crate::dataset::Dataset;
use crate::model::ProvisionTable;
use std::fmt;

/// Which file a column comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    /// The member file (a bare name).
    Member,
    /// The alliance file (`alliance.NAME`).
    Alliance,
}

/// A column as written in an expression (name lower-cased).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Column {
    /// Its file.
    pub source: Source,
    /// Its name, lower case.
    pub name: String,
}

impl fmt::Display for Column {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.source {
            Source::Member => f.write_str(&self.name),
            Source::Alliance => write!(f, "alliance.{}", self.name),
        }
    }
}

/// One side of a comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Operand<C> {
    /// An integer literal.
    Int(i64),
    /// A column's cell (missing when empty).
    Column(C),
}

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    /// `=`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl CmpOp {
    /// The operator as written.
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "=",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }

    fn apply(self, a: i64, b: i64) -> bool {
        match self {
            CmpOp::Eq => a == b,
            CmpOp::Ne => a != b,
            CmpOp::Lt => a < b,
            CmpOp::Le => a <= b,
            CmpOp::Gt => a > b,
            CmpOp::Ge => a >= b,
        }
    }
}

/// A `--where` expression over columns `C` (names as parsed, or resolved positions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr<C = Column> {
    /// `a OP b`.
    Cmp(Operand<C>, CmpOp, Operand<C>),
    /// `x in (…)` (`negated`: `x not in (…)`).
    In {
        /// The tested value.
        value: Operand<C>,
        /// The list.
        list: Vec<i64>,
        /// `not in`.
        negated: bool,
    },
    /// `x is missing` (`negated`: `x is not missing`): never unknown.
    IsMissing {
        /// The tested value.
        value: Operand<C>,
        /// `is not missing`.
        negated: bool,
    },
    /// `not e`.
    Not(Box<Expr<C>>),
    /// `a and b`.
    And(Box<Expr<C>>, Box<Expr<C>>),
    /// `a or b`.
    Or(Box<Expr<C>>, Box<Expr<C>>),
}

impl<C> Expr<C> {
    /// The expression's truth value under three-valued logic (`None`: unknown), reading each
    /// column's cell through `cell`.
    pub fn eval(&self, cell: &impl Fn(&C) -> Option<i32>) -> Option<bool> {
        let value = |o: &Operand<C>| match o {
            Operand::Int(v) => Some(*v),
            Operand::Column(c) => cell(c).map(i64::from),
        };
        match self {
            Expr::Cmp(a, op, b) => Some(op.apply(value(a)?, value(b)?)),
            Expr::In { value: v, list, negated } => Some(list.contains(&value(v)?) != *negated),
            Expr::IsMissing { value: v, negated } => Some(value(v).is_none() != *negated),
            Expr::Not(e) => e.eval(cell).map(|b| !b),
            Expr::And(a, b) => match (a.eval(cell), b.eval(cell)) {
                (Some(false), _) | (_, Some(false)) => Some(false),
                (Some(true), Some(true)) => Some(true),
                _ => None,
            },
            Expr::Or(a, b) => match (a.eval(cell), b.eval(cell)) {
                (Some(true), _) | (_, Some(true)) => Some(true),
                (Some(false), Some(false)) => Some(false),
                _ => None,
            },
        }
    }

    /// The same expression with every column replaced through `f`.
    ///
    /// # Errors
    /// The first error of `f`, in reading order.
    pub fn try_map<D, E>(&self, f: &mut impl FnMut(&C) -> Result<D, E>) -> Result<Expr<D>, E> {
        let mut op = |o: &Operand<C>| -> Result<Operand<D>, E> {
            Ok(match o {
                Operand::Int(v) => Operand::Int(*v),
                Operand::Column(c) => Operand::Column(f(c)?),
            })
        };
        Ok(match self {
            Expr::Cmp(a, o, b) => {
                let a = op(a)?;
                Expr::Cmp(a, *o, op(b)?)
            }
            Expr::In { value, list, negated } => Expr::In { value: op(value)?, list: list.clone(), negated: *negated },
            Expr::IsMissing { value, negated } => Expr::IsMissing { value: op(value)?, negated: *negated },
            Expr::Not(e) => Expr::Not(Box::new(e.try_map(f)?)),
            Expr::And(a, b) => Expr::And(Box::new(a.try_map(f)?), Box::new(b.try_map(f)?)),
            Expr::Or(a, b) => Expr::Or(Box::new(a.try_map(f)?), Box::new(b.try_map(f)?)),
        })
    }
}

impl fmt::Display for Operand<Column> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Operand::Int(v) => write!(f, "{v}"),
            Operand::Column(c) => write!(f, "{c}"),
        }
    }
}

/// Canonical text: every compound part in parentheses, so that parsing it gives the same tree.
impl fmt::Display for Expr<Column> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expr::Cmp(a, op, b) => write!(f, "{a} {} {b}", op.symbol()),
            Expr::In { value, list, negated } => {
                let list: Vec<String> = list.iter().map(i64::to_string).collect();
                write!(f, "{value} {}in ({})", if *negated { "not " } else { "" }, list.join(", "))
            }
            Expr::IsMissing { value, negated } => {
                write!(f, "{value} is {}missing", if *negated { "not " } else { "" })
            }
            Expr::Not(e) => write!(f, "not ({e})"),
            Expr::And(a, b) => write!(f, "({a}) and ({b})"),
            Expr::Or(a, b) => write!(f, "({a}) or ({b})"),
        }
    }
}

/// A column that an expression names but the data lacks, or needs a file not given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ColumnError {
    /// No whole-number column of that name.
    #[error("no column {column:?} in the {file}{}", closest_text(.closest))]
    Unknown {
        /// The column as written.
        column: String,
        /// `member file` or `alliance file (--alliances)`.
        file: &'static str,
        /// Up to five columns with the closest names.
        closest: Vec<String>,
    },
    /// `alliance.NAME` without `--alliances`.
    #[error("{column} is a column of the alliance file: give it with --alliances FILE (e.g. atop4_01a.csv)")]
    NoAllianceFile {
        /// The column as written.
        column: String,
    },
}

fn closest_text(closest: &[String]) -> String {
    if closest.is_empty() {
        String::new()
    } else {
        format!(" (closest: {})", closest.join(", "))
    }
}

/// Up to five names of `table` closest to `name` by edit distance (ties in column order).
fn closest(table: &ProvisionTable, name: &str, prefix: &str) -> Vec<String> {
    let mut scored: Vec<(usize, usize, &str)> = table
        .columns()
        .iter()
        .enumerate()
        .map(|(i, c)| (crate::model::state::edit_distance(name, c), i, &**c))
        .filter(|(d, _, _)| *d <= 2.max(name.len() / 3))
        .collect();
    scored.sort();
    scored.iter().take(5).map(|(_, _, c)| format!("{prefix}{c}")).collect()
}

impl Column {
    /// Parses `NAME` or `alliance.NAME` (as in `--provisions`; case-insensitive).
    pub fn parse(text: &str) -> Column {
        let t = text.trim().to_ascii_lowercase();
        match t.strip_prefix("alliance.") {
            Some(name) => Column { source: Source::Alliance, name: name.to_string() },
            None => Column { source: Source::Member, name: t },
        }
    }
}

/// Finds column `c` among `data`'s provisions.
///
/// # Errors
/// As [`Filter::new`].
pub fn resolve(c: &Column, data: &Dataset) -> Result<Slot, ColumnError> {
    match c.source {
        Source::Member => {
            data.member_provisions.column(&c.name).map(Slot::Member).ok_or_else(|| ColumnError::Unknown {
                column: c.to_string(),
                file: "member file",
                closest: closest(&data.member_provisions, &c.name, ""),
            })
        }
        Source::Alliance if data.alliance_provisions.columns().is_empty() => {
            Err(ColumnError::NoAllianceFile { column: c.to_string() })
        }
        Source::Alliance => {
            data.alliance_provisions.column(&c.name).map(Slot::Alliance).ok_or_else(|| ColumnError::Unknown {
                column: c.to_string(),
                file: "alliance file",
                closest: closest(&data.alliance_provisions, &c.name, "alliance."),
            })
        }
    }
}

/// A column resolved to its position in the member or alliance provisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// Column of `Dataset::member_provisions`.
    Member(usize),
    /// Column of `Dataset::alliance_provisions`.
    Alliance(usize),
}

/// An expression checked against a data set's columns, ready to select member rows.
#[derive(Debug, Clone)]
pub struct Filter {
    expr: Expr<Slot>,
    text: String,
}

impl Filter {
    /// Resolves the columns of `expr` against `data`'s provisions.
    ///
    /// # Errors
    /// [`ColumnError`] for a column the data lacks (naming the closest ones), or an alliance
    /// column when no alliance file was loaded.
    pub fn new(expr: &Expr, data: &Dataset) -> Result<Filter, ColumnError> {
        let resolved = expr.try_map(&mut |c: &Column| resolve(c, data))?;
        Ok(Filter { expr: resolved, text: expr.to_string() })
    }

    /// The expression in canonical form (for titles and captions).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether each member row of `data` satisfies the expression (true, not false or unknown).
    pub fn matches(&self, data: &Dataset) -> Vec<bool> {
        let mut by_id: Vec<(u32, usize)> = data.alliances.iter().enumerate().map(|(i, a)| (a.id.0, i)).collect();
        by_id.sort();
        by_id.dedup_by_key(|(id, _)| *id);
        data.members
            .iter()
            .enumerate()
            .map(|(row, m)| {
                let arow = by_id.binary_search_by_key(&m.alliance.0, |p| p.0).ok().map(|k| by_id[k].1);
                let cell = |s: &Slot| match *s {
                    Slot::Member(c) => data.member_provisions.get(row, c),
                    Slot::Alliance(c) => arow.and_then(|r| data.alliance_provisions.get(r, c)),
                };
                self.expr.eval(&cell) == Some(true)
            })
            .collect()
    }

    /// Drops the member rows of `data` that do not satisfy the expression (with their provisions).
    pub fn retain(&self, data: &mut Dataset) {
        let keep = self.matches(data);
        let before: std::collections::BTreeSet<_> = data.members.iter().map(|m| m.alliance).collect();
        let mut flags = keep.iter();
        data.members.retain(|_| flags.next().copied().unwrap_or(true));
        let after: std::collections::BTreeSet<_> = data.members.iter().map(|m| m.alliance).collect();
        data.filtered_out = before.difference(&after).copied().collect();
        data.member_provisions.retain_rows(&keep);
        data.row_filter = Some(self.text.as_str().into());
    }
}

#[cfg(test)]
mod tests;
