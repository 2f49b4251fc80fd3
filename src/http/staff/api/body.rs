//! JSON request bodies of the write API: read as the OpenAPI document describes them, with each mistake
//! reported at its place as a JSON Pointer (RFC 6901) into the body, so a client can fix them where they are.

use axum::http::header::CONTENT_TYPE;
use axum::http::HeaderMap;
use serde::de::DeserializeOwned;
use serde_path_to_error::Segment;

use crate::http::error::FieldProblem;
use crate::http::AppError;

/// Reads a JSON body into `T`: 415 unless it is sent as JSON, 400 when it is not JSON at all, 422 with the
/// place of the mistake when it is JSON of another shape (a field missing, unknown or of another type).
pub fn read_json<T: DeserializeOwned>(headers: &HeaderMap, body: &[u8]) -> Result<T, AppError> {
    let media_type = headers
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .map(|value| value.trim().to_ascii_lowercase())
        .unwrap_or_default();
    if media_type != "application/json" && !media_type.ends_with("+json") {
        return Err(AppError::UnsupportedMediaType);
    }
    let mut json: serde_json::Value = serde_json::from_slice(body).map_err(|error| mistake(String::new(), error))?;
    integral_numbers(&mut json);
    serde_path_to_error::deserialize(json).map_err(|error| {
        let place = pointer(error.path());
        mistake(place, error.into_inner())
    })
}

/// The largest integer every JSON number type holds exactly (2^53).
const EXACT_INTEGERS: f64 = 9_007_199_254_740_992.0;

/// Writes `32.0` as `32`: JSON has one number type, and JSON Schema counts a number with a zero fraction as an
/// integer, so a client (or a language without integers) that sends `32.0` for a percentage or a year sends
/// what the document allows; serde would refuse it for an integer field.
fn integral_numbers(json: &mut serde_json::Value) {
    use serde_json::{Number, Value};
    match json {
        Value::Number(number) => {
            if let Some(float) = number.as_f64().filter(|_| number.is_f64()) {
                if float.fract() == 0.0 && float.abs() <= EXACT_INTEGERS {
                    // The range check above makes both casts exact.
                    *number = if float >= 0.0 {
                        Number::from(float as u64)
                    } else {
                        Number::from(float as i64)
                    };
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(integral_numbers),
        Value::Object(fields) => fields.values_mut().for_each(integral_numbers),
        Value::Null | Value::Bool(_) | Value::String(_) => {}
    }
}

/// 400 for what is not JSON, 422 at `place` for JSON of another shape.
fn mistake(place: String, error: serde_json::Error) -> AppError {
    if error.is_syntax() || error.is_eof() {
        AppError::bad_request("problem-detail-malformed-json", error.to_string())
    } else {
        AppError::Invalid(vec![FieldProblem {
            pointer: place,
            detail: "api-error-shape",
            value: error.to_string(),
        }])
    }
}

/// A place in the body as a JSON Pointer: `values[3].date` is `/values/3/date`, the whole body the empty string.
fn pointer(path: &serde_path_to_error::Path) -> String {
    path.iter()
        .filter_map(|segment| match segment {
            Segment::Seq { index } => Some(index.to_string()),
            Segment::Map { key } => Some(key.replace('~', "~0").replace('/', "~1")),
            Segment::Enum { variant } => Some(variant.clone()),
            Segment::Unknown => None,
        })
        .map(|token| format!("/{token}"))
        .collect()
}

/// A text a person reads later (a source, a reason): trimmed, 1 to `max_chars` characters, no control
/// characters (which PostgreSQL refuses, and nobody types); `None` otherwise.
pub fn plain_text(text: &str, max_chars: usize) -> Option<&str> {
    let text = text.trim();
    let fits = (1..=max_chars).contains(&text.chars().count());
    (fits && !text.chars().any(char::is_control)).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Batch {
        values: Vec<Item>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Item {
        date: String,
    }

    fn json() -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=utf-8"),
        );
        headers
    }

    #[test]
    fn mistakes_are_placed_by_json_pointer() {
        let batch: Batch = read_json(&json(), br#"{"values": [{"date": "2020-01-01"}]}"#).unwrap();
        assert_eq!(batch.values[0].date, "2020-01-01");
        match read_json::<Batch>(&json(), br#"{"values": [{"date": "x"}, {"date": 1}]}"#) {
            Err(AppError::Invalid(problems)) => assert_eq!(problems[0].pointer, "/values/1/date"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            read_json::<Batch>(&json(), br#"{"values": [], "#),
            Err(AppError::BadRequest { .. })
        ));
        assert!(matches!(
            read_json::<Batch>(&json(), br#"{"values": []} x"#),
            Err(AppError::BadRequest { .. })
        ));
        assert!(matches!(
            read_json::<Batch>(&HeaderMap::new(), br#"{"values": []}"#),
            Err(AppError::UnsupportedMediaType)
        ));
    }

    #[test]
    fn numbers_with_a_zero_fraction_are_integers() {
        #[derive(Debug, serde::Deserialize)]
        struct Report {
            percent: u8,
            year: i32,
            value: f64,
        }
        let report: Report = read_json(&json(), br#"{"percent": 32.0, "year": -2.0e3, "value": 1.0}"#).unwrap();
        assert_eq!((report.percent, report.year, report.value), (32, -2000, 1.0));
        match read_json::<Report>(&json(), br#"{"percent": 32.5, "year": 2000, "value": 1.5}"#) {
            Err(AppError::Invalid(problems)) => assert_eq!(problems[0].pointer, "/percent"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn plain_texts_are_trimmed_and_bounded() {
        assert_eq!(plain_text("  Tilastokeskus ", 500), Some("Tilastokeskus"));
        assert_eq!(plain_text(" \u{85} ", 500), None);
        assert_eq!(plain_text("a\u{0}b", 500), None);
        assert_eq!(plain_text(&"ä".repeat(501), 500), None);
    }
}
