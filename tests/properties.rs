//! Property tests of the rules that every request goes through: ids, slugs, language negotiation, page
//! addresses and the text fallback. (The status and forecast rules join these when they exist.)

use proptest::prelude::*;
use tarina::domain::{GoalId, Lang, LocalizedText, Slug, Translation};
use tarina::http::routes::{lang_of_path, Page};

fn lang() -> impl Strategy<Value = Lang> {
    prop_oneof![Just(Lang::Fi), Just(Lang::Sv), Just(Lang::En)]
}

proptest! {
    #[test]
    fn ids_print_and_parse_back(n in 1u32..=999_999) {
        let id = GoalId::new(n).unwrap();
        prop_assert_eq!(id.to_string().parse::<GoalId>().unwrap(), id);
    }

    #[test]
    fn anything_that_parses_as_an_id_is_canonical(s in "\\PC{0,12}") {
        if let Ok(id) = s.parse::<GoalId>() {
            prop_assert_eq!(id.to_string(), s);
        }
    }

    #[test]
    fn slugs_are_exactly_hyphen_joined_lowercase_words(words in prop::collection::vec("[a-z0-9]{1,10}", 1..6)) {
        let slug = words.join("-");
        prop_assert!(Slug::parse(&slug).is_ok());
        let trailing = format!("{}-", slug);
        prop_assert!(Slug::parse(&trailing).is_err());
        let doubled = slug.replacen('-', "--", 1);
        prop_assert!(!doubled.contains("--") || Slug::parse(&doubled).is_err());
    }

    #[test]
    fn any_accepted_slug_contains_only_safe_characters(s in "\\PC{0,90}") {
        if let Ok(slug) = Slug::parse(&s) {
            prop_assert!(slug.as_str().bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
            prop_assert!(!slug.as_str().is_empty() && slug.as_str().len() <= 80);
        }
    }

    #[test]
    fn negotiation_prefers_the_highest_quality_language(q_sv in 1u32..=1000, q_en in 1u32..=1000, other in "[a-d][a-z]") {
        prop_assume!(q_sv != q_en);
        let header = format!("{}, sv;q={}, en;q={}", other, f64::from(q_sv) / 1000.0, f64::from(q_en) / 1000.0);
        let expected = if q_en > q_sv { Lang::En } else { Lang::Sv };
        prop_assert_eq!(Lang::negotiate(Some(&header)), expected);
    }

    #[test]
    fn negotiation_never_fails(header in "\\PC{0,200}") {
        let _ = Lang::negotiate(Some(&header));
    }

    #[test]
    fn page_addresses_round_trip(l in lang(), slug in "[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}", kind in 0usize..10) {
        let page = match kind {
            0 => Page::Home,
            1 => Page::Areas,
            2 => Page::Area(slug),
            3 => Page::Goal(slug),
            4 => Page::Programmes,
            5 => Page::Programme(slug),
            6 => Page::Narrative,
            7 => Page::Timeline,
            8 => Page::Accessibility,
            _ => Page::ApiDocs,
        };
        let path = page.path(l);
        prop_assert_eq!(lang_of_path(&path), Some(l));
        if page != Page::Home {
            let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
            prop_assert_eq!(Page::parse(l, parts[1], parts.get(2).copied()), Some(page));
        }
    }

    #[test]
    fn a_text_always_resolves_to_something_readable(
        fi in "\\PC{1,40}", sv in proptest::option::of("\\PC{1,40}"), reviewed: bool, l in lang()
    ) {
        let text = LocalizedText {
            fi: fi.clone(),
            sv: sv.clone().map(|text| Translation { text, reviewed }),
            en: None,
        };
        let resolved = text.resolve(l);
        match (l, &sv) {
            (Lang::Sv, Some(sv)) => {
                prop_assert_eq!(resolved.text, sv.as_str());
                prop_assert_eq!(resolved.unreviewed, !reviewed);
            }
            (Lang::Fi, _) => prop_assert_eq!(resolved.text, fi.as_str()),
            _ => {
                prop_assert_eq!(resolved.text, fi.as_str());
                prop_assert!(resolved.missing);
                prop_assert_eq!(resolved.lang, Lang::Fi);
            }
        }
    }
}

mod indicator_rules {
    use chrono::NaiveDate;
    use proptest::prelude::*;
    use tarina::domain::indicator::{forecast, roll_up, status, Direction, Observation, Status};

    fn date(days: i64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2017, 1, 1).unwrap() + chrono::Duration::days(days)
    }

    fn rank(status: Status) -> u8 {
        match status {
            Status::OnTrack => 0,
            Status::AtRisk => 1,
            Status::OffTrack => 2,
            Status::NoData => 3,
        }
    }

    proptest! {
        #[test]
        fn a_better_value_never_gets_a_worse_status(
            base in -1000.0f64..1000.0, change in 0.1f64..500.0, value in -2000.0f64..2000.0,
            step in 0.0f64..100.0, at in 0i64..2000, increase: bool,
        ) {
            let (direction, target_value, better) = if increase {
                (Direction::Increase, base + change, value + step)
            } else {
                (Direction::Decrease, base - change, value - step)
            };
            let baseline = Observation { date: date(0), value: base };
            let target = Observation { date: date(1826), value: target_value };
            let worse = status(direction, baseline, target, Some(Observation { date: date(at), value }));
            let improved = status(direction, baseline, target, Some(Observation { date: date(at), value: better }));
            prop_assert!(rank(improved) <= rank(worse), "{:?} then {:?}", worse, improved);
        }

        #[test]
        fn a_straight_line_is_forecast_exactly(
            start in -1000.0f64..1000.0, slope in -50.0f64..50.0, n in 3usize..30, ahead in 1i64..3000,
        ) {
            let points: Vec<Observation> = (0..n)
                .map(|i| {
                    let days = (i as i64) * 365;
                    Observation { date: date(days), value: start + slope * days as f64 / 365.2425 }
                })
                .collect();
            let when = date((n as i64 - 1) * 365 + ahead);
            let f = forecast(&points, when).unwrap();
            let exact = start + slope * ((n as i64 - 1) * 365 + ahead) as f64 / 365.2425;
            prop_assert!((f.value - exact).abs() < 1e-6 * (1.0 + exact.abs()), "{} vs {}", f.value, exact);
            prop_assert!(f.low <= f.value + 1e-9 && f.value <= f.high + 1e-9);
        }

        #[test]
        fn forecasts_never_panic_or_produce_nan(values in prop::collection::vec((0i64..5000, -1e6f64..1e6), 0..40)) {
            let points: Vec<Observation> = values.iter().map(|(d, v)| Observation { date: date(*d), value: *v }).collect();
            if let Some(f) = forecast(&points, date(6000)) {
                prop_assert!(f.value.is_finite() && f.low.is_finite() && f.high.is_finite());
            }
        }

        #[test]
        fn roll_up_is_no_better_than_its_best_and_no_worse_than_its_worst(
            statuses in prop::collection::vec(prop_oneof![
                Just(Status::OnTrack), Just(Status::AtRisk), Just(Status::OffTrack), Just(Status::NoData)
            ], 0..20)
        ) {
            let rolled = roll_up(statuses.iter().copied());
            let with_data: Vec<u8> = statuses.iter().copied().filter(|s| *s != Status::NoData).map(rank).collect();
            if with_data.is_empty() {
                prop_assert_eq!(rolled, Status::NoData);
            } else {
                prop_assert!(rank(rolled) >= *with_data.iter().min().unwrap());
                prop_assert!(rank(rolled) <= *with_data.iter().max().unwrap());
            }
        }
    }
}
