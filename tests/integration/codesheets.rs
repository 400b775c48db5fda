//! Issue 21, item 9: ATOP coding sheets read whole. `tests/fixtures/codesheets/3180.txt` is a
//! hand-made full sheet of 61 questions, numbered as the ATOP 5.1 codebook's `(Qn)` references
//! (the wording paraphrases the codebook, the real questionnaire's text not being at hand;
//! answers after alliance 3180, phase 1), with every quirk reported from the real sheets: question texts wrapped over two and three lines, `(Yes, No) If Yes,
//! describe` on the question's second line (after blank lines, or split as `If Yes,` /
//! `describe`), empty answers followed by blank lines, URLs on the question's line and in
//! answers, numbered lists, dates (`4. April 1949`, `24. August 1949`) and times (`4.30 p.m.`)
//! inside answers, comma-numbered questions (`4,`, `45,`, `52,`), page lines, the title repeated
//! on each page, section headings, and U+2003, U+3000 and U+00A0 in lines.

use crate::common::{pactnet, show};
use std::path::Path;

const SHEET: &str = "tests/fixtures/codesheets/3180.txt";

/// Every question of the sheet as written on it, read by hand: number, question text (its
/// wrapped lines joined by a space), answer lines.
const EXPECTED: &[(u64, &str, &[&str])] = &[
        (1, "ATOP ID number", &["3180"]),
        (2, "Name(s) of the agreement(s) coded in this phase (in the order signed)", &["1. North Atlantic Treaty", "2. Agreement on the Status of Forces of the Parties to the North Atlantic Treaty", "3. Protocol to the North Atlantic Treaty on the Accession of Greece and Turkey (1951)"]),
        (3, "Signature date(s) (month day, year)", &["April 4, 1949", "4.30 p.m., Departmental Auditorium, Washington", "4. April 1949 in the French text (\"le 4 avril 1949\")"]),
        (4, "Members of alliance (use COW country codes and names)", &["2\u{a0}United States of America", "20 Canada", "200 United Kingdom", "210 Netherlands", "211 Belgium", "212 Luxembourg", "220 France", "235 Portugal", "325 Italy", "385 Norway", "390 Denmark", "395 Iceland"]),
        (5, "Was any member of the alliance at war with a third state at the time the alliance was signed? (Yes, No) If Yes, describe", &["No"]),
        (6, "Is the agreement a formal treaty requiring ratification? (Yes, No)", &["Yes; the last ratification was deposited on", "24. August 1949, when the treaty entered into force (article 11)"]),
        (7, "Is the agreement public, or does it require that all or part of its content remain secret? (Public, Secret articles, Secret)", &["Public"]),
        (8, "Does the agreement provide for the addition of new members? (Yes, No) If Yes, describe", &["Yes, article 10: \"The Parties may, by unanimous agreement, invite any other", "European State in a position to further the principles of this Treaty", "and to contribute to the security of the North Atlantic area to accede", "to this Treaty.\""]),
        (9, "Are specific states named or invited as future members? (Yes, No) If Yes, describe", &["No; accession is open to any European state (see question 8)"]),
        (10, "Is the duration of the agreement specified? (Yes, No) If Yes, describe", &["Yes,", "twenty years before a party may withdraw (article 13)"]),
        (11, "Length of the agreement in months, if specified (enter 0 if the length is not specified)", &["240"]),
        (12, "Does the agreement provide for renunciation of the obligations during its term? (Yes, No) If Yes, describe", &[]),
        (13, "Does the agreement provide for its renewal? (Yes, No) If Yes, describe", &["Yes; it stays in force after twenty years for the parties that do not withdraw"]),
        (14, "Termination date(s) (month day, year, for each member if they differ)", &["Still in effect"]),
        (15, "How did the alliance end for each member (if terminated), and why?", &[]),
        (16, "Type of alliance (defense pact, offense pact, neutrality pact, nonaggression pact, consultation pact)", &["defense pact, nonaggression pact, consultation pact"]),
        (17, "Are the obligations the same for all members? (Yes, No) If No, describe", &["Yes"]),
        (18, "Quote the text that states each obligation", &["Article 5: \"The Parties agree that an armed attack against one or more of them in", "Europe or North America shall be considered an attack against them all.\"", "Article 4: \"The Parties will consult together whenever, in the opinion of any of", "them, the territorial integrity, political independence or security of any of", "the Parties is threatened.\""]),
        (19, "Are the defense obligations conditional on the location of the conflict, the identity of the adversary, or the number of adversaries? (Yes, No) If Yes, describe", &["Yes, location: an armed attack in Europe or North America, on the territory", "of a party, or on forces, vessels or aircraft north of the Tropic of Cancer", "(article 6)"]),
        (20, "Are any other obligations conditional? (Yes, No) If Yes, describe", &[]),
        (21, "Do members promise diplomatic support, or to make territory or resources available? (Yes, No) If Yes, describe", &["No"]),
        (22, "Are the obligations limited to mobilization or to measures short of war? (Yes, No)", &["No"]),
        (23, "Does the agreement name a specific threat (a state or group of states)? (Yes, No) If Yes, describe", &["No"]),
        (24, "Are the obligations asymmetric, or do they vary over the life of the agreement? (Yes, No) If Yes, describe", &["No"]),
        (25, "Do members promise not to make a separate peace? (Yes, No)", &["No"]),
        (26, "Are commitments to third parties restricted? (Yes, No) If Yes, describe", &["Yes, article 8: each party", "\"undertakes not to enter into any international engagement in conflict with", "this Treaty.\""]),
        (27, "Do members promise not to join other alliances? (Yes, No)", &["No"]),
        (28, "Do members promise not to aid the enemies of a partner? (Yes, No) If Yes, describe", &[]),
        (29, "Does the agreement address the settlement of conflicts among the members? (Yes, No) If Yes, describe", &["Yes, article 1: the parties undertake to settle any international dispute in", "which they may be involved by peaceful means"]),
        (30, "Does the agreement provide for mediation or arbitration? (Yes, No)", &["No"]),
        (31, "Does the agreement require military contact in peacetime? (Yes, No) If Yes, describe", &["Yes, article 3: continuous and effective self-help and mutual aid"]),
        (32, "Does the agreement provide for military aid? (Yes, No) If Yes, describe", &["Yes, mutual aid in developing the capacity to resist armed attack (article 3)"]),
        (33, "Does the agreement establish an integrated military command? (Yes, No)", &["No"]),
        (34, "Are the forces of one member subordinated to those of another in war? (Yes, No)", &[]),
        (35, "Does the agreement establish an organization or require regular meetings? (Yes, No) If Yes, describe", &["Yes, article 9:", "1. The Parties hereby establish a Council, on which each of them shall be", "represented, to consider matters concerning the implementation of this Treaty.", "2. The Council shall set up such subsidiary bodies as may be necessary; in", "particular it shall establish immediately a defence committee."]),
        (36, "Does the agreement provide for military bases or the placement of troops on the territory of a member? (Yes, No) If Yes, describe", &["No"]),
        (37, "Does the agreement specify the troops, supplies or funds each member contributes? (Yes, No) If Yes, describe", &["No"]),
        (38, "Does the agreement require arms reductions or limits? (Yes, No)", &["No"]),
        (39, "Does the agreement provide for the acquisition of territory? (Yes, No)", &[]),
        (40, "Does the agreement provide for the division of gains? (Yes, No)", &[]),
        (41, "Does the agreement demand that a third state withdraw its troops? (Yes, No)", &[]),
        (42, "Does the agreement refer to the United Nations Charter or the League of Nations Covenant? (Yes, No) If Yes, describe", &["Yes, article 5 (Article 51 of the Charter) and article 7"]),
        (43, "Does the agreement refer to other international organizations? (Yes, No) If Yes, describe", &[]),
        (44, "Does the agreement refer to other alliances or to agreements among its members? (Yes, No) If Yes, describe", &["Yes: the parties declare that none of their international engagements now in", "force conflicts with the Treaty (article 8)"]),
        (45, "Are there companion agreements signed with the agreement? (Yes, No) If Yes, describe", &["No"]),
        (46, "Does the agreement refer to the national interest or the domestic politics of a member? (Yes, No)", &[]),
        (47, "Does the agreement refer to the League of Nations, the United Nations or another international organization as the source of the obligations? (Yes, No)", &["Yes, the United Nations (article 5)"]),
        (48, "Does the agreement require that the national legislatures approve the use of force? (Yes, No)", &["Yes: \"in accordance with their respective constitutional processes\" (article 11)"]),
        (49, "Is the agreement accompanied by companion agreements on other matters? (Yes, No)", &["No"]),
        (50, "Does the agreement provide for non-military cooperation (economic, cultural, scientific)? (Yes, No) If Yes, describe", &["Yes, article 2: the parties \"will encourage economic collaboration between", "any or all of them\""]),
        (51, "Does the agreement provide for the resolution of conflicts among members? (Yes, No)", &["Yes (article 1)"]),
        (52, "Does it name a method of conflict resolution (arbitration, a court, the Council)? (Yes, No) If Yes, describe", &["No"]),
        (53, "Does the agreement provide for the protection of members' interests in third states? (Yes, No)", &["No"]),
        (54, "Does the agreement mention conflicts among members? (Yes, No)", &["No"]),
        (55, "Does the agreement provide for economic aid? (Yes, No) If Yes, describe", &["No"]),
        (56, "Does the agreement provide for intervention in the domestic affairs of a member? (Yes, No) If Yes, describe", &["No"]),
        (57, "Treaty text (collection, volume, page)", &["United Nations Treaty Series, vol. 34, p. 243"]),
        (58, "Sources", &["https://avalon.law.yale.edu/20th_century/nato.asp", "1. Department of State Bulletin, vol. 20 (1949)", "2. http://www.nato.int/ (official texts, retrieved 10.15 a.m.)"]),
        (59, "Coder and date coded (month day, year)", &["hand-made fixture, December 7, 2026"]),
        (60, "Coder's confidence in the coding (High, Medium, Low)", &[]),
        (61, "Notes (anything else)", &["The phases of the alliance follow the agreements listed under", "question 2:", "2. the Status of Forces agreement and the accession protocol begin phase 2."]),
];

fn run(args: &[&str]) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    let o = pactnet(dir.path(), args);
    assert!(o.status.success(), "{}", show(&o));
    o
}

fn sheet() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(SHEET).display().to_string()
}

#[test]
fn issue21_codesheet_questions_reads_all_61_of_a_sheet_in_the_real_layout_and_invents_none() {
    let o = run(&["codesheet", "--questions", &sheet()]);
    let qs: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    let got: Vec<(u64, String, String)> = qs
        .iter()
        .map(|q| {
            let text = |k: &str| q[k].as_str().unwrap().to_string();
            (q["number"].as_u64().unwrap(), text("question"), text("answer"))
        })
        .collect();
    let want: Vec<(u64, String, String)> = EXPECTED.iter().map(|(n, q, a)| (*n, q.to_string(), a.join("\n"))).collect();
    assert_eq!(got.len(), 61);
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(g, w, "question {}", w.0);
    }
    assert_eq!(got, want);
    // None invented from answer lines that look like questions: `3. Protocol …` (a list in
    // question 2's answer), `4.30 p.m.` and `4. April 1949` (question 3), `24. August 1949`
    // (question 6), `1. …`/`2. …` (question 35), a URL and `2. http://…` (question 58).
    let answer = |n: usize| got[n - 1].2.as_str();
    assert!(
        answer(2).ends_with("\n3. Protocol to the North Atlantic Treaty on the Accession of Greece and Turkey (1951)")
    );
    assert!(answer(3).contains("\n4.30 p.m., Departmental Auditorium, Washington\n4. April 1949 in the French text"));
    assert!(answer(35).contains("\n2. The Council shall set up"));
    assert!(answer(58).contains("\n2. http://www.nato.int/"));
    let lines: Vec<u64> = qs.iter().map(|q| q["line"].as_u64().unwrap()).collect();
    assert_eq!(lines[..6], [5, 7, 12, 17, 31, 36], "the line of each question's number");
    let yes_no = |v: serde_json::Value| qs.iter().filter(|q| q["yes_no"] == v).count();
    assert_eq!((yes_no(true.into()), yes_no(false.into()), yes_no(serde_json::Value::Null)), (17, 20, 24));
    let blank: Vec<u64> = got.iter().filter(|q| q.2.is_empty()).map(|q| q.0).collect();
    assert_eq!(blank, [12, 15, 20, 28, 34, 39, 40, 41, 43, 46, 60]);
}

#[test]
fn issue21_the_same_sheet_read_as_an_alliance_record() {
    let o = run(&["codesheet", &sheet()]);
    let rec: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let members: Vec<u64> =
        rec[0]["members"].as_array().unwrap().iter().map(|m| m["ccode"].as_u64().unwrap()).collect();
    assert_eq!(members, [2, 20, 200, 210, 211, 212, 220, 235, 325, 385, 390, 395]);
    assert_eq!(rec[0]["members"][0]["name"], "United States of America");
    assert_eq!(
        (&rec[0]["atopid"], &rec[0]["signed"], &rec[0]["terminated"], &rec[0]["obligations"], &rec[0]["asymmetric"]),
        (
            &serde_json::json!(3180),
            &serde_json::json!("1949-04-04"),
            &serde_json::Value::Null,
            &serde_json::json!(["defense", "nonaggression", "consultation"]),
            &serde_json::json!(false)
        )
    );
}
