use chrono::{NaiveDate, TimeZone, Utc};

use super::answer::{check, Submitted};
use super::results::{counts_of, csat, nps, tally, RESPONSES};
use super::*;
use crate::domain::Lang;

/// Two pages: a choice, a 1–5 scale, a number, a day, free text; then a multiple choice shown only to those
/// who chose "kylla", an NPS question and a region.
const DEFINITION: &str = r#"{
  "slug": "koe", "results": "public", "goals": [18], "external_posts": true,
  "title": {"fi": "Koe", "sv": "Prov", "en": "Trial"},
  "intro": {"fi": "Johdanto"}, "privacy": {"fi": "Tietosuoja"},
  "pages": [
    {"questions": [
      {"key": "asioi", "kind": "single", "required": true, "text": {"fi": "Asioitko?"},
       "choices": [{"key": "kylla", "label": {"fi": "Kyllä"}}, {"key": "ei", "label": {"fi": "Ei"}}]},
      {"key": "tyytyvaisyys", "kind": "scale5", "required": true, "text": {"fi": "Tyytyväisyys"}},
      {"key": "ika", "kind": "number", "min": 15, "max": 120, "text": {"fi": "Ikä"}},
      {"key": "paiva", "kind": "date", "text": {"fi": "Päivä"}},
      {"key": "palaute", "kind": "text", "max_chars": 10, "text": {"fi": "Palaute"}}
    ]},
    {"questions": [
      {"key": "kanavat", "kind": "multiple", "required": true, "text": {"fi": "Kanavat"},
       "show_if": {"question": "asioi", "value": "kylla"},
       "choices": [{"key": "verkko", "label": {"fi": "Verkko"}}, {"key": "puhelin", "label": {"fi": "Puhelin"}},
                   {"key": "kaynti", "label": {"fi": "Käynti"}}]},
      {"key": "suosittelu", "kind": "nps", "text": {"fi": "Suosittelisitko?"}},
      {"key": "alue", "kind": "region", "text": {"fi": "Alue"}}
    ]}
  ]
}"#;

fn survey() -> Survey {
    Survey::from_json(DEFINITION).expect("the test survey is valid")
}

fn regions() -> Vec<String> {
    vec!["tapiola".into(), "leppavaara".into()]
}

fn form(pairs: &[(&str, &str)]) -> Submitted {
    let mut submitted = Submitted::new();
    for (key, value) in pairs {
        submitted
            .entry((*key).to_owned())
            .or_default()
            .push((*value).to_owned());
    }
    submitted
}

fn problems(pairs: &[(&str, &str)], pages: usize) -> Vec<(String, ProblemKind)> {
    check(&survey(), &form(pairs), pages, &regions())
        .expect_err("refused")
        .into_iter()
        .map(|p| (p.question, p.kind))
        .collect()
}

#[test]
fn a_whole_submission_becomes_typed_answers() {
    let answers = check(
        &survey(),
        &form(&[
            ("asioi", "kylla"),
            ("tyytyvaisyys", " 4 "),
            ("ika", "42,5"),
            ("paiva", "31.3.2026"),
            ("palaute", "hyvä\r\nok"),
            ("kanavat", "kaynti"),
            ("kanavat", "verkko"),
            ("kanavat", "verkko"),
            ("suosittelu", "10"),
            ("alue", "tapiola"),
            ("tuntematon", "ignored"),
        ]),
        2,
        &regions(),
    )
    .expect("valid");
    assert_eq!(answers["asioi"], Answer::Choice("kylla".into()));
    assert_eq!(answers["tyytyvaisyys"], Answer::Scale(4));
    assert_eq!(answers["ika"], Answer::Number(42.5));
    assert_eq!(
        answers["paiva"],
        Answer::Date(NaiveDate::from_ymd_opt(2026, 3, 31).unwrap())
    );
    assert_eq!(answers["palaute"], Answer::Text("hyvä\nok".into()));
    assert_eq!(
        answers["kanavat"],
        Answer::Choices(vec!["verkko".into(), "kaynti".into()]),
        "in the survey's order, once each"
    );
    assert_eq!(answers["suosittelu"], Answer::Scale(10));
    assert_eq!(answers["alue"], Answer::Region("tapiola".into()));
    assert!(!answers.contains_key("tuntematon"));
}

#[test]
fn every_problem_is_reported_at_its_question() {
    let found = problems(
        &[
            ("asioi", "ehka"),
            ("ika", "neljä"),
            ("paiva", "2026-02-30"),
            ("palaute", "yksitoista merkkiä"),
        ],
        1,
    );
    assert_eq!(
        found,
        vec![
            ("asioi".into(), ProblemKind::UnknownChoice),
            ("tyytyvaisyys".into(), ProblemKind::Required),
            ("ika".into(), ProblemKind::NotANumber),
            ("paiva".into(), ProblemKind::NotADate),
            ("palaute".into(), ProblemKind::TooLong { max: 10 }),
        ]
    );
    let found = problems(
        &[
            ("asioi", "ei"),
            ("asioi", "kylla"),
            ("tyytyvaisyys", "6"),
            ("ika", "7"),
            ("palaute", "a\u{0}b"),
        ],
        1,
    );
    assert_eq!(
        found,
        vec![
            ("asioi".into(), ProblemKind::OneOnly),
            ("tyytyvaisyys".into(), ProblemKind::UnknownChoice),
            (
                "ika".into(),
                ProblemKind::OutOfRange {
                    min: "15".into(),
                    max: "120".into()
                }
            ),
            ("palaute".into(), ProblemKind::ControlCharacters),
        ]
    );
    let found = problems(
        &[
            ("asioi", "kylla"),
            ("tyytyvaisyys", "5"),
            ("alue", "atlantis"),
            ("suosittelu", "11"),
        ],
        2,
    );
    assert_eq!(
        found,
        vec![
            ("kanavat".into(), ProblemKind::Required),
            ("suosittelu".into(), ProblemKind::UnknownChoice),
            ("alue".into(), ProblemKind::UnknownChoice),
        ]
    );
    let huge = "x".repeat(answer::MAX_VALUE_BYTES + 1);
    let found = problems(&[("asioi", &huge), ("tyytyvaisyys", "5")], 1);
    assert_eq!(
        found[0].1,
        ProblemKind::TooLong {
            max: answer::MAX_VALUE_BYTES
        }
    );
}

#[test]
fn hidden_questions_and_later_pages_are_not_asked() {
    // "ei": the channels question is hidden, so it is neither required nor taken.
    let answers = check(
        &survey(),
        &form(&[("asioi", "ei"), ("tyytyvaisyys", "2"), ("kanavat", "bogus")]),
        2,
        &regions(),
    )
    .expect("valid");
    assert!(!answers.contains_key("kanavat"));
    // Only the first page is checked while the resident is on it.
    assert!(check(
        &survey(),
        &form(&[("asioi", "kylla"), ("tyytyvaisyys", "3")]),
        1,
        &regions()
    )
    .is_ok());
    let s = survey();
    let mut shown = Answers::new();
    shown.insert("asioi".into(), Answer::Choice("ei".into()));
    assert_eq!(s.next_page(1, &shown), Some(1), "page 2 still asks NPS and region");
}

#[test]
fn availability_follows_the_dates() {
    let mut s = survey();
    let at = |d| Utc.with_ymd_and_hms(2026, 5, d, 12, 0, 0).unwrap();
    s.opens = Some(at(10));
    s.closes = Some(at(20));
    assert_eq!(s.availability(at(9)), Availability::Upcoming(at(10)));
    assert_eq!(s.availability(at(10)), Availability::Open);
    assert_eq!(s.availability(at(20)), Availability::Closed(at(20)));
}

#[test]
fn definitions_round_trip_and_bad_ones_are_refused() {
    let s = survey();
    assert_eq!(Survey::from_json(&s.to_json()).unwrap(), s);
    let bad = [
        (
            r#""show_if": {"question": "asioi", "value": "kylla"},"#,
            r#""show_if": {"question": "suosittelu", "value": "9"},"#,
        ),
        (r#""key": "ika""#, r#""key": "asioi""#),
        (r#""max_chars": 10"#, r#""max_chars": 0"#),
        (r#""min": 15"#, r#""min": 150"#),
        (r#""key": "ei""#, r#""key": "kylla""#),
        (
            r#""show_if": {"question": "asioi", "value": "kylla"},"#,
            r#""show_if": {"question": "asioi", "value": "joo"},"#,
        ),
        (r#""slug": "koe""#, r#""slug": "Koe!""#),
    ];
    for (from, to) in bad {
        assert!(DEFINITION.contains(from), "{from}");
        assert!(Survey::from_json(&DEFINITION.replace(from, to)).is_err(), "{to}");
    }
}

#[test]
fn receipt_codes_are_unambiguous_and_read_back_however_typed() {
    let mut rng = rand::thread_rng();
    let code = ReceiptCode::generate(&mut rng);
    let shown = code.to_string();
    assert_eq!(shown.len(), 11);
    assert!(!shown.contains(['0', '1', 'O', 'I', 'L']));
    assert_eq!(ReceiptCode::parse(&shown.to_lowercase()), Some(code.clone()));
    assert_eq!(ReceiptCode::parse(code.as_str()), Some(code));
    assert_eq!(ReceiptCode::parse("ABCDE-0OIL1"), None);
    assert_eq!(ReceiptCode::parse("ABCD"), None);
    assert_ne!(ReceiptCode::generate(&mut rng), ReceiptCode::generate(&mut rng));
}

fn close(actual: f64, expected: f64) {
    assert!((actual - expected).abs() < 0.01, "{actual} ≠ {expected}");
}

#[test]
fn csat_has_a_wilson_interval() {
    // 8 satisfied of 10: p = 0.8; by hand, centre (0.8 + 1.96²/20) / (1 + 1.96²/10) = 0.7167 and half-width
    // 1.96 / 1.3841 · √(0.016 + 0.0096) = 0.2266: 49.02 % to 94.33 %.
    let e = csat(&[1, 0, 1, 3, 5]).unwrap();
    close(e.value, 80.0);
    close(e.low, 49.02);
    close(e.high, 94.33);
    assert_eq!(e.n, 10);
    // All satisfied: the interval stays within 0–100 and is not a point.
    let all = csat(&[0, 0, 0, 0, 3]).unwrap();
    close(all.value, 100.0);
    close(all.high, 100.0);
    close(all.low, 43.85);
    assert_eq!(csat(&[0; 5]), None);
}

#[test]
fn nps_has_a_normal_interval_from_the_scores_variance() {
    // 5 promoters, 3 passives, 2 detractors: NPS 0.5 − 0.2 = 30; variance 0.7 − 0.09 = 0.61, standard error
    // √(0.61 / 10) = 0.24698, half-width 1.96 · 0.24698 = 48.41 points.
    let mut points = [0_i64; 11];
    points[0] = 1;
    points[6] = 1;
    points[7] = 2;
    points[8] = 1;
    points[9] = 3;
    points[10] = 2;
    let e = nps(&points).unwrap();
    close(e.value, 30.0);
    close(e.low, -18.41);
    close(e.high, 78.41);
    let mut all = [0_i64; 11];
    all[10] = 4;
    let e = nps(&all).unwrap();
    assert_eq!((e.value, e.low, e.high), (100.0, 100.0, 100.0));
    assert_eq!(nps(&[0; 11]), None);
}

fn question<'r>(results: &'r results::Results, key: &str) -> Option<&'r results::QuestionResult> {
    results.questions.iter().find(|q| q.key == key)
}

#[test]
fn results_come_from_counts_by_language_and_region() {
    let s = survey();
    let mut counts = Vec::new();
    let submissions = [
        (Lang::Fi, "kylla", 5, Some("tapiola"), false),
        (Lang::Fi, "ei", 4, None, false),
        (Lang::Sv, "kylla", 2, Some("tapiola"), false),
        (Lang::En, "ei", 1, Some("leppavaara"), true),
    ];
    for (lang, chose, point, region, example) in submissions {
        let mut pairs = vec![("asioi", chose), ("kanavat", "verkko"), ("kanavat", "puhelin")];
        let point = point.to_string();
        pairs.push(("tyytyvaisyys", &point));
        if let Some(region) = region {
            pairs.push(("alue", region));
        }
        let answers = check(&s, &form(&pairs), 2, &regions()).unwrap();
        counts.extend(counts_of(&answers, lang, example));
    }
    assert!(counts.iter().any(|c| c.question == RESPONSES));
    let all = tally(&s, &counts, &regions(), |_| true);
    assert_eq!((all.responses, all.example_responses), (4, 1));
    let satisfaction = question(&all, "tyytyvaisyys").unwrap();
    assert_eq!(satisfaction.answered, 4);
    assert_eq!(
        satisfaction.values,
        vec![
            ("1".into(), 1),
            ("2".into(), 1),
            ("3".into(), 0),
            ("4".into(), 1),
            ("5".into(), 1)
        ]
    );
    close(satisfaction.csat.unwrap().value, 50.0);
    let channels = question(&all, "kanavat").unwrap();
    assert_eq!(channels.answered, 2, "only those who chose kylla were asked");
    assert_eq!(channels.values[0], ("verkko".into(), 2));
    assert_eq!(
        question(&all, "alue").unwrap().values,
        vec![("tapiola".into(), 2), ("leppavaara".into(), 1)]
    );
    let swedish = tally(&s, &counts, &regions(), |c| c.lang == Lang::Sv);
    assert_eq!(swedish.responses, 1);
    close(question(&swedish, "tyytyvaisyys").unwrap().csat.unwrap().value, 0.0);
    let tapiola = tally(&s, &counts, &regions(), |c| c.region == "tapiola");
    assert_eq!(tapiola.responses, 2);
}
