//! The bundled content against its sources: the organisation of 2017–2018 with validity dates, one Finnish
//! term with one translation (the glossary's consistency table, `../shared/glossary.md`), and the cascade
//! files' checks that keep them so.

use std::path::Path;

use tarina::data::{self, DataFile, LoadError};
use tarina::domain::LocalizedText;
use tarina::lint;

const DATA_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/espoo-tarina-1.1");
const CASCADE: &str = "cascade/cascade.toml";
const TARGETS: &str = "cascade/targets/2018.toml";

fn files() -> Vec<DataFile> {
    data::read_dir(Path::new(DATA_DIR)).expect("the data folder reads")
}

/// Applies `edit` to one file's text and loads the result, expecting failure.
fn errors_after(path: &str, edit: impl FnOnce(&str) -> String) -> Vec<LoadError> {
    let mut files = files();
    let file = files.iter_mut().find(|f| f.path == path).expect("file exists");
    let edited = edit(&file.text);
    assert_ne!(edited, file.text, "the edit changed nothing");
    file.text = edited;
    data::load_dataset(&files).expect_err("the edited data must not load").0
}

#[test]
fn the_organisations_are_those_of_2017_and_2018_with_their_end_dates() {
    let cascade = data::bundled_dataset().expect("bundled data loads").cascade;
    let name = |slug: &str| {
        let o = cascade
            .organisations
            .iter()
            .find(|o| o.slug.as_str() == slug)
            .unwrap_or_else(|| panic!("{slug} is listed"));
        (
            o.name.fi.as_str(),
            o.name.sv.as_ref().map(|t| t.text.as_str()),
            o.name.en.as_ref().map(|t| t.text.as_str()),
            o.valid_to.map(|d| d.to_string()),
        )
    };
    let end = Some("2021-05-31".to_string());
    assert_eq!(
        name("sivistystoimi"),
        (
            "Sivistystoimi",
            Some("Bildningssektorn"),
            Some("Education and Cultural Services"),
            end.clone()
        )
    );
    assert_eq!(
        name("sosiaali-ja-terveystoimi"),
        (
            "Sosiaali- ja terveystoimi",
            Some("Social- och hälsovårdssektorn"),
            Some("Social and Health Services"),
            end.clone()
        )
    );
    assert_eq!(
        name("tekninen-ja-ymparistotoimi"),
        (
            "Tekninen ja ympäristötoimi",
            Some("Tekniska sektorn och miljösektorn"),
            Some("Technical and Environment Services"),
            end
        )
    );
    assert_eq!(name("tilakeskus").0, "Tilakeskus-liikelaitos");
    assert_eq!(name("konsernihallinto").0, "Konsernihallinto");
    for later in ["toimiala", "Sector", "sektorn för", "Stadsmiljö"] {
        for o in &cascade.organisations {
            let texts = [
                Some(o.name.fi.as_str()),
                o.name.sv.as_ref().map(|t| t.text.as_str()),
                o.name.en.as_ref().map(|t| t.text.as_str()),
            ];
            assert!(
                texts.iter().flatten().all(|t| !t.contains(later)),
                "{} carries a name of the 2021 organisation ({later})",
                o.slug
            );
        }
    }
    for target in &cascade.targets {
        let organisation = cascade.organisation(&target.organisation).unwrap();
        assert!(
            organisation.existed_in(target.year),
            "target {} is filed under {}",
            target.id,
            organisation.slug
        );
    }
    let text = files().into_iter().find(|f| f.path == CASCADE).unwrap().text;
    assert!(
        text.contains("should be checked by the city's"),
        "the note that the list awaits the city's confirmation stays"
    );
}

#[test]
fn validity_dates_are_checked_against_each_other_and_the_targets_years() {
    let errors = errors_after(CASCADE, |t| {
        t.replacen(
            "valid_to = 2021-05-31",
            "valid_from = 2022-01-01\nvalid_to = 2021-05-31",
            1,
        )
    });
    assert!(
        errors[0]
            .message
            .contains("valid_to 2021-05-31 is before valid_from 2022-01-01"),
        "{errors:?}"
    );

    let errors = errors_after(CASCADE, |t| {
        t.replacen("valid_to = 2021-05-31", "valid_to = 2017-12-31", 1)
    });
    assert!(
        errors.iter().all(|e| e.file == TARGETS)
            && errors[0]
                .message
                .contains("the organisation \"sivistystoimi\" did not exist in 2018"),
        "{errors:?}"
    );

    let errors = errors_after(CASCADE, |t| {
        t.replacen("valid_to = 2021-05-31", "valid_to = 31.5.2021", 1)
    });
    assert_eq!(errors[0].file, CASCADE, "{errors:?}");
}

#[test]
fn projections_ceilings_and_licences_are_checked_where_they_stand() {
    let investments = "cascade/indicators/06-investoinnit.toml";
    let errors = errors_after(investments, |t| {
        let start = t.find("[target]").unwrap();
        let end = t[start..].find("\n\n").unwrap() + start;
        format!("{}{}", &t[..start], &t[end..])
    });
    assert!(
        errors[0].message.contains("a ceiling direction needs a [target]"),
        "{errors:?}"
    );
    let errors = errors_after(investments, |t| {
        t.replacen("direction = \"ceiling\"", "direction = \"at_most\"", 1)
    });
    assert!(
        errors[0].message.contains("increase, decrease, ceiling or band"),
        "{errors:?}"
    );
    let errors = errors_after(investments, |t| {
        t.replacen("licence = \"CC BY 4.0\"", "licence = \" \"", 1)
    });
    assert!(
        errors[0].message.contains("leave the key out while none is stated"),
        "{errors:?}"
    );
    let errors = errors_after("cascade/indicators/04-vakiluku.toml", |t| {
        t.replacen(
            "[[projections]]\ndate = 2022-12-31",
            "[[projections]]\ndate = 2022-12-31T00:00:00",
            1,
        )
    });
    assert!(errors[0].message.contains("plain date"), "{errors:?}");

    let cascade = data::bundled_dataset().unwrap().cascade;
    let indicator = |id: u32| {
        cascade
            .indicator(tarina::domain::IndicatorId::new(id).unwrap())
            .unwrap()
    };
    for id in [4, 5] {
        let i = indicator(id);
        assert!(
            i.target.is_none() && !i.projections.is_empty(),
            "indicator {id} projects, it does not target"
        );
        let baseline = i.baseline.as_ref().unwrap();
        assert!(
            baseline.approximate && baseline.date_assumed,
            "indicator {id}: undated rough figure"
        );
    }
    assert!(
        indicator(6).baseline.is_none(),
        "a planned average level is not a measured baseline"
    );
    for id in [8, 9, 10] {
        assert_eq!(indicator(id).licence, None, "indicator {id} is internal follow-up");
    }
}

/// The glossary's "Terms to keep consistent" and the established names of the city: when the Finnish text
/// holds the term (lowercase stem), the Swedish and the English must hold the one translation.
const TERMS: [(&str, &str, &str); 10] = [
    ("kaupunkikeskus", "stadscentr", "city centre"),
    ("kaupunkikeskuks", "stadscentr", "city centre"),
    ("hätäväistö", "akut", "emergency move"),
    ("väistö", "evakuering", "temporary premises"),
    ("espoo liikkuu", "esbo rör på sig", "espoo on the move"),
    ("asiointikiel", "ärendespråk", "language of service"),
    ("osallistuva espoo", "invånarna deltar", "participatory espoo"),
    ("hyvinvoiva espoo", "välmående esbo", "healthy espoo"),
    ("espoo-tarin", "berättelsen om esbo", "espoo story"),
    ("tilastokeskus", "statistikcentralen", "statistics finland"),
];

/// Variants that must not come back, in any text of the language (lowercase; the apostrophe is straight).
const FORBIDDEN_SV: [&str; 4] = [
    "stadskärn",
    "servicespråk",
    "espoo liikkuu",
    "tillfälliga ersättningslokaler",
];
const FORBIDDEN_EN: [&str; 7] = [
    "urban centre",
    "evacuat",
    "well-being",
    "well being",
    "service language",
    "espoo liikkuu",
    "\u{2019}",
];

fn sentences(text: &str) -> Vec<&str> {
    text.split_inclusive(['.', '!', '?'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// Every problem of one text against the consistency table.
fn term_problems(owner: &str, text: &LocalizedText) -> Vec<String> {
    let mut problems = Vec::new();
    let fi = text.fi.to_lowercase();
    for (lang, translation, forbidden) in [("sv", &text.sv, &FORBIDDEN_SV[..]), ("en", &text.en, &FORBIDDEN_EN[..])] {
        let Some(translation) = translation else { continue };
        let translated = translation.text.to_lowercase();
        for (term, sv, en) in TERMS {
            let wanted = if lang == "sv" { sv } else { en };
            if fi.contains(term) && !translated.contains(wanted) {
                problems.push(format!(
                    "{owner}: {term:?} is not translated as {wanted:?} in {lang}: {translated:?}"
                ));
            }
        }
        for variant in forbidden {
            if translated.contains(variant) {
                problems.push(format!("{owner}: {lang} has the variant {variant:?}: {translated:?}"));
            }
        }
    }
    problems
}

#[test]
fn every_text_follows_the_glossarys_consistency_table() {
    let dataset = data::bundled_dataset().expect("bundled data loads");
    let texts = lint::texts(&dataset.strategy, &dataset.cascade);
    assert!(
        texts.len() > 300,
        "the strategy and the cascade, sources included: {}",
        texts.len()
    );
    let mut problems: Vec<String> = texts
        .iter()
        .flat_map(|t| term_problems(&format!("{} {}", t.owner, t.field), t.text))
        .collect();
    // The same Finnish, whole or as one sentence of a longer text (a headline goal and the goal it points
    // to), has the same translation everywhere.
    for a in &texts {
        for b in &texts {
            let shared =
                a.text.fi == b.text.fi || (a.text.fi.len() > 25 && sentences(&b.text.fi).contains(&a.text.fi.trim()));
            if !shared || std::ptr::eq(a.text, b.text) {
                continue;
            }
            for (x, y) in [(&a.text.sv, &b.text.sv), (&a.text.en, &b.text.en)] {
                if let (Some(x), Some(y)) = (x, y) {
                    if !y.text.contains(x.text.trim()) {
                        problems.push(format!(
                            "{:?} is translated as {:?} and within {:?}",
                            a.text.fi, x.text, y.text
                        ));
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_consistency_check_catches_a_variant_brought_back() {
    let text = |fi: &str, sv: &str, en: &str| LocalizedText {
        fi: fi.into(),
        sv: Some(tarina::domain::Translation {
            text: sv.into(),
            reviewed: false,
        }),
        en: Some(tarina::domain::Translation {
            text: en.into(),
            reviewed: false,
        }),
    };
    let good = text("Viisi kaupunkikeskusta.", "Fem stadscentrum.", "Five city centres.");
    assert_eq!(term_problems("x", &good), Vec::<String>::new());
    let bad = text("Viisi kaupunkikeskusta.", "Fem stadskärnor.", "Five urban centres.");
    assert_eq!(term_problems("x", &bad).len(), 4, "{:?}", term_problems("x", &bad));
    let evacuation = text(
        "Hätäväistöjä on nolla.",
        "Noll akuta evakueringar.",
        "Zero emergency evacuations.",
    );
    assert_eq!(
        term_problems("x", &evacuation).len(),
        3,
        "{:?}",
        term_problems("x", &evacuation)
    );
    let apostrophe = text("Espoon talous.", "Esbos ekonomi.", "Espoo\u{2019}s finances.");
    assert_eq!(term_problems("x", &apostrophe).len(), 1);
}
