//! Where an indicator's values are published and how to read them: a connector's settings, as the data files
//! and the store hold them. Checked once when loaded, so a sync never starts from settings that cannot work.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// The kinds of statistics services Tarina reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ConnectorKind {
    /// A PxWeb API v1 table (Statistics Finland's StatFin and any PxWeb server): the query is POSTed and the
    /// answer asked for as JSON-stat 2.0; the older `json` answer (columns and data) is read too.
    Pxweb,
    /// A URL answering a JSON-stat 2.0 dataset, such as a PxWeb API v2 data address with its selection in
    /// the query string.
    Jsonstat,
    /// THL's Sotkanet REST API (`/rest/1.1/json?indicator=…`): an array of region, year, gender and value.
    Sotkanet,
    /// A CSV file at a URL, one value a row: the columns named by `region`, `time` and `value`.
    Csv,
    /// An Excel workbook (XLSX) at a URL, read like a CSV file from one of its sheets.
    Xlsx,
}

impl ConnectorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ConnectorKind::Pxweb => "pxweb",
            ConnectorKind::Jsonstat => "jsonstat",
            ConnectorKind::Sotkanet => "sotkanet",
            ConnectorKind::Csv => "csv",
            ConnectorKind::Xlsx => "xlsx",
        }
    }

    /// Whether the answer is a file of rows and columns (CSV, XLSX) rather than a statistical dataset: such
    /// a file declares no dimensions, roles or units, so its settings name the columns.
    pub fn is_spreadsheet(self) -> bool {
        matches!(self, ConnectorKind::Csv | ConnectorKind::Xlsx)
    }
}

/// A PxWeb selection of one dimension: a list of value codes, or a filter such as `{ filter = "top",
/// values = ["5"] }` (the five latest periods).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Selection {
    Items(Vec<String>),
    Filter { filter: String, values: Vec<String> },
}

/// Which dimension of the source names the region, and which of its codes is which of the city's regions.
/// Codes not in `map` are other places and are left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionMapping {
    /// The dimension's id or its label (`Alue`): StatFin renames ids such as `alue_23_20260101` when area
    /// divisions change, while labels stay. For a CSV or XLSX file, the column's header (also as `column`).
    #[serde(alias = "column")]
    pub dimension: String,
    pub map: BTreeMap<String, String>,
}

/// An ISO 8601 duration (`P1M`, `P7D`, `PT6H`) between two syncs. A month counts as 30 days and a year as
/// 365: the interval spaces requests out, it is not a calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Interval {
    text: String,
    seconds: u64,
}

/// Syncing more often than this would only load the publisher: statistics change monthly at most.
pub const SHORTEST_INTERVAL: Duration = Duration::from_secs(3600);

impl Interval {
    pub fn duration(&self) -> Duration {
        Duration::from_secs(self.seconds)
    }
}

impl TryFrom<String> for Interval {
    type Error = String;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        let invalid = || format!("{text:?} is not an ISO 8601 duration such as P1M, P7D or PT6H");
        let rest = text.strip_prefix('P').ok_or_else(invalid)?;
        if rest.is_empty() || rest.ends_with('T') {
            return Err(invalid());
        }
        let (date, time) = rest.split_once('T').unwrap_or((rest, ""));
        let mut seconds = 0u64;
        for (part, units) in [
            (
                date,
                &[('Y', 365 * 86400), ('M', 30 * 86400), ('W', 7 * 86400), ('D', 86400)][..],
            ),
            (time, &[('H', 3600), ('M', 60), ('S', 1)][..]),
        ] {
            let mut number = String::new();
            let mut next_unit = 0;
            for c in part.chars() {
                if c.is_ascii_digit() {
                    number.push(c);
                    continue;
                }
                let at = units[next_unit..]
                    .iter()
                    .position(|(u, _)| *u == c)
                    .ok_or_else(invalid)?;
                let count: u64 = number.parse().map_err(|_| invalid())?;
                seconds = seconds.saturating_add(count.saturating_mul(units[next_unit + at].1));
                next_unit += at + 1;
                number.clear();
            }
            if !number.is_empty() {
                return Err(invalid());
            }
        }
        if seconds < SHORTEST_INTERVAL.as_secs() {
            return Err(format!("{text:?} is shorter than an hour; sync at most hourly"));
        }
        Ok(Interval { text, seconds })
    }
}

impl From<Interval> for String {
    fn from(interval: Interval) -> String {
        interval.text
    }
}

/// Where fetched values came from, kept with them: enough to fetch the same cells again and to tell which
/// release of the table they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueOrigin {
    pub connector: String,
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub query: BTreeMap<String, Selection>,
    /// When Tarina fetched the answer (RFC 3339, UTC).
    pub fetched_at: String,
    /// When the source says it last updated the table, as it says it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_updated: Option<String>,
}

/// How one indicator's values are fetched from a published source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConnectorSettings {
    /// Names the connector in the change log (`connector:<name>`), in runs and in messages.
    pub name: String,
    pub kind: ConnectorKind,
    pub url: String,
    /// The publisher's table id (`11re`), kept with every value fetched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    /// PxWeb only: the selection per dimension code, sent as the query.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub query: BTreeMap<String, Selection>,
    pub region: RegionMapping,
    /// The time dimension's id or label; by default the one the dataset's `role.time` names. A CSV or XLSX
    /// file's time column must be named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// The measure to take (a category of the metric dimension, or a PxWeb content column), needed when the
    /// answer holds several; for a CSV or XLSX file, the header of the column holding the values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// One category for each other dimension with several (`{ Sukupuoli = "SSS" }`); a dimension of one
    /// category needs none. For a CSV or XLSX file: only the rows whose column holds that text are read.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub select: BTreeMap<String, String>,
    /// The unit the source must state for the measure (`lukumäärä`); a different one is refused, so a
    /// changed table never puts thousands where persons were.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// CSV and XLSX: the column that states each row's unit, which must then be `unit`. A file states no
    /// unit otherwise, so only the values' decimals can be checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_column: Option<String>,
    /// CSV only: the character between columns; by default a comma.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<String>,
    /// XLSX only: the sheet's name; by default the workbook's first sheet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// CSV and XLSX: the row holding the column headers, counted from 1; rows above it (a title, notes)
    /// are skipped. By default the first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header_row: Option<u32>,
    pub interval: Interval,
}

impl ConnectorSettings {
    /// Every problem of the settings for an indicator reported for `regions`, as sentences.
    pub fn problems(&self, regions: &[super::Slug]) -> Vec<String> {
        let mut problems = Vec::new();
        let name_ok = !self.name.is_empty()
            && self
                .name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !name_ok {
            problems.push(format!(
                "connector name {:?} must be lowercase letters, digits and hyphens",
                self.name
            ));
        }
        let host = self
            .url
            .strip_prefix("https://")
            .or_else(|| self.url.strip_prefix("http://"))
            .and_then(|rest| rest.split(['/', '?', '#']).next())
            .unwrap_or_default();
        if host.is_empty() {
            problems.push(format!("url {:?} must be an https:// address", self.url));
        }
        match (self.kind, self.query.is_empty()) {
            (ConnectorKind::Pxweb, true) => {
                problems.push("a pxweb connector needs a query: the selection of each dimension".into())
            }
            (ConnectorKind::Jsonstat | ConnectorKind::Sotkanet, false) => problems.push(format!(
                "query is for pxweb connectors; a {} connector's selection goes in its url",
                self.kind.as_str()
            )),
            (ConnectorKind::Csv | ConnectorKind::Xlsx, false) => problems.push(format!(
                "query is for pxweb connectors; a {} connector reads the whole file and picks rows with select",
                self.kind.as_str()
            )),
            _ => {}
        }
        self.file_problems(&mut problems);
        for (code, selection) in &self.query {
            let values = match selection {
                Selection::Items(values) | Selection::Filter { values, .. } => values,
            };
            if values.is_empty() {
                problems.push(format!("the query of {code:?} selects nothing"));
            }
        }
        if self.region.map.is_empty() {
            problems.push("region.map must map at least one source code to a region".into());
        }
        for (code, region) in &self.region.map {
            if !regions.iter().any(|r| r.as_str() == region) {
                let listed: Vec<&str> = regions.iter().map(|r| r.as_str()).collect();
                problems.push(format!(
                    "region.map maps {code:?} to {region:?}, which is not one of the indicator's regions ({})",
                    listed.join(", ")
                ));
            }
        }
        problems
    }

    /// The settings only a CSV or XLSX file has, and those it needs: its columns have no roles to fall back
    /// on, and it states no unit unless a column does.
    fn file_problems(&self, problems: &mut Vec<String>) {
        let kind = self.kind.as_str();
        let only = |key: &str, kinds: &str| format!("{key} is for {kinds} connectors, not {kind}");
        if !self.kind.is_spreadsheet() {
            for (key, given) in [
                ("unit_column", self.unit_column.is_some()),
                ("header_row", self.header_row.is_some()),
            ] {
                if given {
                    problems.push(only(key, "csv and xlsx"));
                }
            }
        }
        if self.delimiter.is_some() && self.kind != ConnectorKind::Csv {
            problems.push(only("delimiter", "csv"));
        }
        if self.sheet.is_some() && self.kind != ConnectorKind::Xlsx {
            problems.push(only("sheet", "xlsx"));
        }
        if !self.kind.is_spreadsheet() {
            return;
        }
        if self.time.is_none() {
            problems.push(format!(
                "a {kind} connector needs time: the header of the column of periods"
            ));
        }
        if self.value.is_none() {
            problems.push(format!(
                "a {kind} connector needs value: the header of the column of values"
            ));
        }
        match (&self.unit, &self.unit_column) {
            (Some(_), None) => problems.push(format!(
                "a {kind} file states no unit: name the column that does with unit_column, or leave unit out"
            )),
            (None, Some(_)) => problems.push("unit_column needs unit: the unit every row must state".into()),
            _ => {}
        }
        if let Some(delimiter) = &self.delimiter {
            if self.delimiter_byte().is_none() {
                problems.push(format!(
                    "delimiter {delimiter:?} must be one character such as \",\" \";\" or \"\\t\", not a quote or a line break"
                ));
            }
        }
        if self.header_row == Some(0) {
            problems.push("header_row counts from 1".into());
        }
    }

    /// The CSV delimiter as the byte it is: one ASCII character that is not a quote or a line break.
    pub fn delimiter_byte(&self) -> Option<u8> {
        match self.delimiter.as_deref() {
            None => Some(b','),
            Some(text) => match text.as_bytes() {
                [byte] if byte.is_ascii() && !matches!(byte, b'"' | b'\n' | b'\r') => Some(*byte),
                _ => None,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn interval(text: &str) -> Result<Duration, String> {
        Interval::try_from(text.to_owned()).map(|i| i.duration())
    }

    #[test]
    fn intervals_read_as_iso_8601_durations() {
        assert_eq!(interval("P1M"), Ok(Duration::from_secs(30 * 86400)));
        assert_eq!(interval("P1Y2D"), Ok(Duration::from_secs(367 * 86400)));
        assert_eq!(interval("PT6H"), Ok(Duration::from_secs(6 * 3600)));
        assert_eq!(interval("P1DT30M"), Ok(Duration::from_secs(86400 + 1800)));
        for bad in ["1M", "P", "PM", "P1X", "P1D1Y", "P1.5D", "month"] {
            assert!(interval(bad).unwrap_err().contains("ISO 8601"), "{bad}");
        }
        assert!(interval("PT5M").unwrap_err().contains("shorter than an hour"));
    }

    #[test]
    fn settings_are_checked_against_the_indicator() {
        let settings: ConnectorSettings = toml::from_str(
            r#"
            name = "Väestö"
            kind = "jsonstat"
            url = "ftp://example"
            query = { Alue = [] }
            region = { dimension = "Alue", map = { KU049 = "kauklahti" } }
            interval = "P1M"
            "#,
        )
        .unwrap();
        let problems = settings
            .problems(&[crate::domain::Slug::parse("espoo").unwrap()])
            .join("\n");
        for expected in [
            "lowercase letters",
            "https://",
            "query is for pxweb",
            "selects nothing",
            "not one of the indicator's regions (espoo)",
        ] {
            assert!(problems.contains(expected), "{expected} in {problems}");
        }
    }

    #[test]
    fn a_file_connector_names_its_columns() {
        let settings: ConnectorSettings = toml::from_str(
            r#"
            name = "vaesto-csv"
            kind = "csv"
            url = "https://example.org/vaesto.csv"
            delimiter = ";;"
            sheet = "Taulukko1"
            unit = "henkilöä"
            header_row = 0
            region = { column = "Alue", map = { Espoo = "espoo" } }
            interval = "P1M"
            "#,
        )
        .unwrap();
        assert_eq!(
            settings.region.dimension, "Alue",
            "column is another name for dimension"
        );
        let problems = settings
            .problems(&[crate::domain::Slug::parse("espoo").unwrap()])
            .join("\n");
        for expected in [
            "needs time",
            "needs value",
            "states no unit",
            "must be one character",
            "sheet is for xlsx connectors, not csv",
            "header_row counts from 1",
        ] {
            assert!(problems.contains(expected), "{expected} in {problems}");
        }
        let mut pxweb = settings.clone();
        pxweb.kind = ConnectorKind::Jsonstat;
        pxweb.delimiter = Some(";".into());
        let problems = pxweb.problems(&[]).join("\n");
        assert!(
            problems.contains("delimiter is for csv connectors, not jsonstat"),
            "{problems}"
        );
        assert!(problems.contains("header_row is for csv and xlsx"), "{problems}");
        let tab = ConnectorSettings {
            delimiter: Some("\t".into()),
            ..settings
        };
        assert_eq!(tab.delimiter_byte(), Some(b'\t'));
    }
}
