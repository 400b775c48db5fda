use super::*;
use proptest::prelude::*;

fn col(name: &str) -> Operand<Column> {
    Operand::Column(Column { source: Source::Member, name: name.into() })
}

/// Evaluates `text` on a row given as `(name, cell)` pairs.
fn eval(text: &str, row: &[(&str, Option<i32>)]) -> Option<bool> {
    let e = parse(text).unwrap();
    e.eval(&|c: &Column| row.iter().find(|(n, _)| *n == c.name).and_then(|(_, v)| *v))
}

#[test]
fn precedence_keywords_and_case() {
    let e = parse("NOT a = 1 AND b IN (1, -2) or Alliance.HInst is not missing").unwrap();
    let expected = Expr::Or(
        Box::new(Expr::And(
            Box::new(Expr::Not(Box::new(Expr::Cmp(col("a"), CmpOp::Eq, Operand::Int(1))))),
            Box::new(Expr::In { value: col("b"), list: vec![1, -2], negated: false }),
        )),
        Box::new(Expr::IsMissing {
            value: Operand::Column(Column { source: Source::Alliance, name: "hinst".into() }),
            negated: true,
        }),
    );
    assert_eq!(e, expected);
    assert_eq!(e.to_string(), "((not (a = 1)) and (b in (1, -2))) or (alliance.hinst is not missing)");
    assert_eq!(parse("a == 1").unwrap(), parse("a=1").unwrap());
    assert_eq!(parse("a <> 1").unwrap(), parse("a != 1").unwrap());
    assert_eq!(parse("a not in (3)").unwrap(), Expr::In { value: col("a"), list: vec![3], negated: true });
}

#[test]
fn three_valued_logic_as_in_sql() {
    let row = [("a", Some(1)), ("m", None)];
    assert_eq!(eval("a = 1", &row), Some(true));
    assert_eq!(eval("m = 1", &row), None);
    assert_eq!(eval("m != 1", &row), None);
    assert_eq!(eval("not m = 1", &row), None);
    assert_eq!(eval("m in (1, 2)", &row), None);
    assert_eq!(eval("m not in (1, 2)", &row), None);
    assert_eq!(eval("a = 2 and m = 1", &row), Some(false));
    assert_eq!(eval("a = 1 and m = 1", &row), None);
    assert_eq!(eval("a = 1 or m = 1", &row), Some(true));
    assert_eq!(eval("a = 2 or m = 1", &row), None);
    assert_eq!(eval("m is missing", &row), Some(true));
    assert_eq!(eval("m is not missing", &row), Some(false));
    assert_eq!(eval("a is missing or m > 0", &row), None);
    assert_eq!(eval("a >= 1 and a <= 1 and a > 0 and a < 2 and 1 = a", &row), Some(true));
    assert_eq!(eval("a in (0, 1)", &row), Some(true));
    assert_eq!(eval("a not in (0, 1)", &row), Some(false));
}

#[test]
fn syntax_errors_say_where_and_what() {
    let msg = |t: &str| parse(t).unwrap_err().to_string();
    assert_eq!(
        msg("intcom = "),
        "--where \"intcom = \": at character 10: expected a column name, an integer, \"not\" or \"(\", found the end"
    );
    assert_eq!(
        msg("intcom"),
        "--where \"intcom\": at character 7: expected a comparison (=, !=, <, <=, >, >=, in (…), is missing), found the end"
    );
    assert_eq!(
        msg("a = 1 b = 2"),
        "--where \"a = 1 b = 2\": at character 7: expected \"and\", \"or\" or the end, found \"b\""
    );
    assert_eq!(
        msg("a in (1, x)"),
        "--where \"a in (1, x)\": at character 10: expected an integer in the list of \"in (…)\", found \"x\""
    );
    assert_eq!(
        msg("(a = 1"),
        "--where \"(a = 1\": at character 7: expected \")\" or a keyword (and, or), found the end"
    );
    assert_eq!(
        msg("a is nothing"),
        "--where \"a is nothing\": at character 6: expected \"missing\" after \"is\" or \"is not\", found \"nothing\""
    );
    assert!(msg("a = 99999999999999999999").contains("too large"));
    assert!(msg("a ; 1").contains("found ';'"));
    assert!(msg("").contains("expected an expression"));
    assert!(msg(&"not ".repeat(300)).contains("at most 200"));
}

#[test]
fn unknown_columns_name_the_closest_and_alliance_columns_need_the_file() {
    let (data, _) = crate::Dataset::load(&crate::Inputs::sample(), &crate::LoadOptions::default()).unwrap();
    let err = Filter::new(&parse("defence = 1").unwrap(), &data).unwrap_err().to_string();
    assert_eq!(err, "no column \"defence\" in the member file (closest: defense)");
    let err = Filter::new(&parse("alliance.hinst = 1").unwrap(), &data).unwrap_err().to_string();
    assert!(err.contains("alliance.hinst is a column of the alliance file: give it with --alliances"), "{err}");
    let f = Filter::new(&parse("DEFENSE = 1 and offense = 0").unwrap(), &data).unwrap();
    let keep = f.matches(&data);
    let want: Vec<bool> = data
        .members
        .iter()
        .map(|m| {
            m.obligations.contains(crate::Obligation::Defense) && !m.obligations.contains(crate::Obligation::Offense)
        })
        .collect();
    assert_eq!(keep, want);
    assert!(keep.iter().any(|k| *k) && keep.iter().any(|k| !*k));
}

fn arb_operand() -> impl Strategy<Value = Operand<Column>> {
    prop_oneof![
        (-5i64..5).prop_map(Operand::Int),
        prop::sample::select(vec!["a", "b", "intcom", "x_1"]).prop_map(col),
        prop::sample::select(vec!["hinst", "minst"])
            .prop_map(|n| Operand::Column(Column { source: Source::Alliance, name: n.into() })),
    ]
}

fn arb_expr() -> impl Strategy<Value = Expr> {
    let leaf = prop_oneof![
        (
            arb_operand(),
            prop::sample::select(vec![CmpOp::Eq, CmpOp::Ne, CmpOp::Lt, CmpOp::Le, CmpOp::Gt, CmpOp::Ge]),
            arb_operand()
        )
            .prop_map(|(a, op, b)| Expr::Cmp(a, op, b)),
        (arb_operand(), prop::collection::vec(-3i64..3, 1..4), any::<bool>())
            .prop_map(|(value, list, negated)| Expr::In { value, list, negated }),
        (arb_operand(), any::<bool>()).prop_map(|(value, negated)| Expr::IsMissing { value, negated }),
    ];
    leaf.prop_recursive(5, 32, 2, |inner| {
        prop_oneof![
            inner.clone().prop_map(|e| Expr::Not(Box::new(e))),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| Expr::And(Box::new(a), Box::new(b))),
            (inner.clone(), inner).prop_map(|(a, b)| Expr::Or(Box::new(a), Box::new(b))),
        ]
    })
}

/// A row with cells for the columns of [`arb_operand`], some missing.
fn arb_row() -> impl Strategy<Value = Vec<Option<i32>>> {
    prop::collection::vec(prop::option::of(-3i32..3), 6)
}

fn cell_of(row: &[Option<i32>]) -> impl Fn(&Column) -> Option<i32> + '_ {
    |c: &Column| {
        let k = ["a", "b", "intcom", "x_1", "hinst", "minst"].iter().position(|n| *n == c.name).unwrap_or(0);
        row[k]
    }
}

proptest! {
    #[test]
    fn printing_then_parsing_gives_the_same_tree(e in arb_expr()) {
        prop_assert_eq!(parse(&e.to_string()).unwrap(), e);
    }

    #[test]
    fn parsing_any_text_never_panics(s in "\\PC{0,40}") {
        let _ = parse(&s);
    }

    #[test]
    fn parsing_near_expressions_never_panics(s in "[a-z0-9 ().,=<>!-]{0,40}") {
        if let Ok(e) = parse(&s) {
            prop_assert_eq!(parse(&e.to_string()).unwrap(), e);
        }
    }

    #[test]
    fn three_valued_laws_hold(a in arb_expr(), b in arb_expr(), row in arb_row()) {
        let cell = cell_of(&row);
        let (va, vb) = (a.eval(&cell), b.eval(&cell));
        // not flips true/false and keeps unknown
        prop_assert_eq!(Expr::Not(Box::new(a.clone())).eval(&cell), va.map(|x| !x));
        // De Morgan: not (a and b) = (not a) or (not b)
        let lhs = Expr::Not(Box::new(Expr::And(Box::new(a.clone()), Box::new(b.clone())))).eval(&cell);
        let rhs = Expr::Or(Box::new(Expr::Not(Box::new(a.clone()))), Box::new(Expr::Not(Box::new(b.clone())))).eval(&cell);
        prop_assert_eq!(lhs, rhs);
        // Kleene's and/or as min/max over false < unknown < true
        let rank = |v: Option<bool>| match v { Some(false) => 0, None => 1, Some(true) => 2 };
        let and = Expr::And(Box::new(a.clone()), Box::new(b.clone())).eval(&cell);
        let or = Expr::Or(Box::new(a), Box::new(b)).eval(&cell);
        prop_assert_eq!(rank(and), rank(va).min(rank(vb)));
        prop_assert_eq!(rank(or), rank(va).max(rank(vb)));
    }
}
