//! Why a row of a values file was refused, as data: each reason is a Fluent message (`values-error-…` in
//! `locales/{fi,sv,en}`) with its arguments, so the staff upload page shows it in the person's language and
//! the command line in English ([`fmt::Display`]), from one text per language.

use std::fmt;
use std::sync::LazyLock;

use fluent_bundle::FluentArgs;

use crate::domain::Lang;
use crate::i18n::I18n;

/// One problem of a row, a field or the whole file. Texts taken from the file (`text`, `found`, `unit`) are
/// already quoted and cut short (as `shown` makes them), so they read the same in every language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    // The file as a whole.
    Utf16,
    NulBytes,
    MixedEncodings {
        utf8_line: usize,
        byte: u8,
    },
    AmbiguousByte {
        byte: u8,
    },
    NoNordicLetters {
        byte: u8,
    },
    /// The file is of a known kind that is neither CSV nor XLSX (`kind`: a format's name, such as "PNG").
    NotAValuesFile {
        kind: &'static str,
    },
    /// A ZIP file that is no readable workbook; `detail` is the reader's own (English) words.
    UnreadableWorkbook {
        detail: String,
    },
    NoSheet,
    EmptyFile,
    NoHeader,
    HeaderMixedSeparators,
    NoValues,
    /// What the CSV reader itself could not read, in its own (English) words.
    CannotRead {
        detail: String,
    },
    // The header.
    NoColumnNames {
        found: String,
    },
    ColumnTwice {
        first: usize,
        second: usize,
    },
    HeaderFieldEmpty {
        field: usize,
    },
    /// `lowercase`: the known column the name differs from only in case.
    UnknownColumn {
        lowercase: Option<&'static str>,
    },
    ColumnMissing,
    // A row.
    FieldCount {
        found: usize,
        expected: usize,
        decimal_comma_hint: bool,
    },
    /// The same indicator, region and date as on line `first`.
    Repeated {
        indicator: u32,
        slug: String,
        region: String,
        date: String,
        first: usize,
    },
    // A field.
    IndicatorEmpty,
    NotAnIndicatorId {
        text: String,
    },
    NoIndicatorId {
        id: u32,
    },
    NoIndicatorSlug {
        text: String,
    },
    /// The person uploading may not record values of the indicator.
    NotPermitted {
        indicator: u32,
    },
    RegionEmpty {
        example: Option<String>,
    },
    RegionNotReported {
        known: bool,
        indicator: u32,
        slug: String,
        text: String,
        regions: String,
    },
    NoRegionSlug {
        text: String,
    },
    SourceEmpty,
    DateEmpty,
    DayFirstNotAllowed {
        text: String,
    },
    NotADate {
        text: String,
        day_first_allowed: bool,
    },
    NotInCalendar {
        text: String,
    },
    ImplausibleYear {
        text: String,
    },
    ValueEmpty,
    Scientific {
        text: String,
    },
    HasUnit {
        text: String,
        unit: String,
    },
    NotFinite {
        text: String,
    },
    NotANumber {
        text: String,
    },
    ThousandsSeparator {
        text: String,
    },
    NeedsDigits {
        text: String,
    },
    PointAndComma {
        text: String,
    },
    MoreThanOne {
        text: String,
        separator: char,
    },
    TooLarge {
        text: String,
    },
    /// `other_line`: the first line writing decimals with the other separator; `None` when no line settles
    /// it and such numbers come with both.
    ThousandOrDecimal {
        text: String,
        other_line: Option<usize>,
    },
}

/// The catalogues the command line's English comes from.
static CATALOGUES: LazyLock<I18n> = LazyLock::new(|| I18n::load().expect("the bundled catalogues parse"));

impl Reason {
    /// The reason in `lang`.
    pub fn message(&self, i18n: &I18n, lang: Lang) -> String {
        let (key, args) = self.key_and_args();
        let mut fluent = FluentArgs::new();
        for (name, value) in args {
            fluent.set(name, value);
        }
        i18n.message(lang, key, Some(&fluent))
    }

    /// The Fluent message and its arguments (every one as text, so numbers are never regrouped).
    fn key_and_args(&self) -> (&'static str, Vec<(&'static str, String)>) {
        use Reason::*;
        let byte = |b: &u8| format!("0x{b:02X}");
        let columns = || super::COLUMNS.join(", ");
        let years = || {
            vec![
                ("from", super::VALUE_YEARS.start().to_string()),
                ("to", super::VALUE_YEARS.end().to_string()),
            ]
        };
        let text = |t: &String| vec![("text", t.clone())];
        match self {
            Utf16 => ("values-error-utf16", vec![]),
            NulBytes => ("values-error-nul-bytes", vec![]),
            MixedEncodings { utf8_line, byte: b } => (
                "values-error-mixed-encodings",
                vec![("line", utf8_line.to_string()), ("byte", byte(b))],
            ),
            AmbiguousByte { byte: b } => ("values-error-ambiguous-byte", vec![("byte", byte(b))]),
            NoNordicLetters { byte: b } => ("values-error-no-nordic-letters", vec![("byte", byte(b))]),
            NotAValuesFile { kind } => ("values-error-not-a-values-file", vec![("kind", (*kind).to_owned())]),
            UnreadableWorkbook { detail } => ("values-error-unreadable-workbook", vec![("detail", detail.clone())]),
            NoSheet => ("values-error-no-sheet", vec![]),
            EmptyFile => ("values-error-empty-file", vec![("columns", columns())]),
            NoHeader => ("values-error-no-header", vec![]),
            HeaderMixedSeparators => ("values-error-header-mixed-separators", vec![]),
            NoValues => ("values-error-no-values", vec![]),
            CannotRead { detail } => ("values-error-cannot-read", vec![("detail", detail.clone())]),
            NoColumnNames { found } => (
                "values-error-no-column-names",
                vec![("columns", columns()), ("found", found.clone())],
            ),
            ColumnTwice { first, second } => (
                "values-error-column-twice",
                vec![("first", first.to_string()), ("second", second.to_string())],
            ),
            HeaderFieldEmpty { field } => ("values-error-header-field-empty", vec![("field", field.to_string())]),
            UnknownColumn { lowercase: None } => ("values-error-unknown-column", vec![("columns", columns())]),
            UnknownColumn { lowercase: Some(known) } => (
                "values-error-unknown-column-case",
                vec![("columns", columns()), ("known", format!("{known:?}"))],
            ),
            ColumnMissing => ("values-error-column-missing", vec![]),
            FieldCount {
                found,
                expected,
                decimal_comma_hint,
            } => (
                if *decimal_comma_hint {
                    "values-error-field-count-comma"
                } else {
                    "values-error-field-count"
                },
                vec![("found", found.to_string()), ("expected", expected.to_string())],
            ),
            Repeated {
                indicator,
                slug,
                region,
                date,
                first,
            } => (
                "values-error-repeated",
                vec![
                    ("indicator", indicator.to_string()),
                    ("slug", slug.clone()),
                    ("region", region.clone()),
                    ("date", date.clone()),
                    ("first", first.to_string()),
                ],
            ),
            IndicatorEmpty => ("values-error-indicator-empty", vec![]),
            NotAnIndicatorId { text: t } => ("values-error-not-an-indicator-id", text(t)),
            NoIndicatorId { id } => ("values-error-no-indicator-id", vec![("id", id.to_string())]),
            NoIndicatorSlug { text: t } => ("values-error-no-indicator-slug", text(t)),
            NotPermitted { indicator } => ("values-error-not-permitted", vec![("indicator", indicator.to_string())]),
            RegionEmpty { example: None } => ("values-error-region-empty", vec![]),
            RegionEmpty { example: Some(example) } => {
                ("values-error-region-empty-example", vec![("example", example.clone())])
            }
            RegionNotReported {
                known,
                indicator,
                slug,
                text: t,
                regions,
            } => (
                if *known {
                    "values-error-region-not-reported"
                } else {
                    "values-error-region-unknown"
                },
                vec![
                    ("indicator", indicator.to_string()),
                    ("slug", slug.clone()),
                    ("text", t.clone()),
                    ("regions", regions.clone()),
                ],
            ),
            NoRegionSlug { text: t } => ("values-error-no-region-slug", text(t)),
            SourceEmpty => ("values-error-source-empty", vec![]),
            DateEmpty => ("values-error-date-empty", vec![]),
            DayFirstNotAllowed { text: t } => ("values-error-day-first", text(t)),
            NotADate {
                text: t,
                day_first_allowed: false,
            } => ("values-error-not-a-date", text(t)),
            NotADate {
                text: t,
                day_first_allowed: true,
            } => ("values-error-not-a-date-day-first", text(t)),
            NotInCalendar { text: t } => ("values-error-not-in-calendar", text(t)),
            ImplausibleYear { text: t } => {
                let mut args = text(t);
                args.extend(years());
                ("values-error-implausible-year", args)
            }
            ValueEmpty => ("values-error-value-empty", vec![]),
            Scientific { text: t } => ("values-error-scientific", text(t)),
            HasUnit { text: t, unit } => (
                "values-error-has-unit",
                vec![("text", t.clone()), ("unit", unit.clone())],
            ),
            NotFinite { text: t } => ("values-error-not-finite", text(t)),
            NotANumber { text: t } => ("values-error-not-a-number", text(t)),
            ThousandsSeparator { text: t } => ("values-error-thousands-separator", text(t)),
            NeedsDigits { text: t } => ("values-error-needs-digits", text(t)),
            PointAndComma { text: t } => ("values-error-point-and-comma", text(t)),
            MoreThanOne { text: t, separator } => (
                "values-error-more-than-one",
                vec![("text", t.clone()), ("separator", format!("{separator:?}"))],
            ),
            TooLarge { text: t } => ("values-error-too-large", text(t)),
            ThousandOrDecimal {
                text: t,
                other_line: Some(line),
            } => (
                "values-error-thousand-or-decimal",
                vec![("text", t.clone()), ("line", line.to_string())],
            ),
            ThousandOrDecimal {
                text: t,
                other_line: None,
            } => ("values-error-thousand-or-decimal-both", text(t)),
        }
    }
}

/// In English, as the command line reports it.
impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(&CATALOGUES, Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_reads_in_every_language() {
        let i18n = I18n::load().unwrap();
        let reasons = [
            Reason::NotPermitted { indicator: 7 },
            Reason::ImplausibleYear {
                text: "2918-12-31".into(),
            },
            Reason::FieldCount {
                found: 6,
                expected: 5,
                decimal_comma_hint: true,
            },
            Reason::NotAValuesFile { kind: "PNG" },
        ];
        for reason in &reasons {
            let texts: Vec<String> = [Lang::Fi, Lang::Sv, Lang::En]
                .into_iter()
                .map(|lang| reason.message(&i18n, lang))
                .collect();
            for text in &texts {
                assert!(!text.starts_with("values-error-") && !text.contains('{'), "{text}");
            }
            assert!(texts[0] != texts[1] && texts[1] != texts[2], "{texts:?}");
        }
        assert_eq!(
            reasons[0].message(&i18n, Lang::Sv),
            "du får inte registrera värden för mätare 7"
        );
        assert_eq!(
            reasons[1].message(&i18n, Lang::Fi),
            "päivämäärän 2918-12-31 vuosi ei ole välillä 1900–2100; kirjoitusvirhe?"
        );
        assert_eq!(
            reasons[1].to_string(),
            "the year of 2918-12-31 is not from 1900 to 2100; a typo?"
        );
    }
}
