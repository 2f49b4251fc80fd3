//! The budget annex as downloads (XLSX and CSV) next to its page, in the page's language.

use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};

use super::cascade_view::{annex_rows, AnnexTexts};
use super::view::Resolver;
use crate::formats::annex::{self, Annex, COLUMN_KEYS};
use crate::http::routes::Page;
use crate::http::{AppError, AppState};

pub const XLSX_FILE: &str = "annex.xlsx";
pub const CSV_FILE: &str = "annex.csv";

pub async fn download(
    State(state): State<AppState>,
    Path((lang, segment, year, file)): Path<(String, String, String, String)>,
) -> Result<Response, AppError> {
    let not_found = || AppError::not_found("problem-detail-no-page", "");
    let lang = super::parse_lang(&lang)?;
    let Some(Page::Annex(year)) = Page::parse(lang, &segment, Some(&year)) else {
        return Err(not_found());
    };
    let snapshot = state.snapshot();
    let cascade = &snapshot.cascade;
    if !cascade.years().contains(&year) {
        return Err(not_found());
    }
    let t = &state.templates;
    let r = Resolver::new(lang);
    let texts = AnnexTexts::new(&r, t, cascade, year);
    let headers: Vec<String> = COLUMN_KEYS.iter().map(|key| t.message(lang, &format!("annex-col-{key}"))).collect();
    let title = format!("{} {year}", t.message(lang, "annex-title"));
    let (yes, no) = (t.message(lang, "yes"), t.message(lang, "no"));
    let document = Annex {
        title: &title,
        headers: std::array::from_fn(|i| headers[i].as_str()),
        yes: &yes,
        no: &no,
        rows: annex_rows(cascade, &texts, year),
    };
    let (bytes, content_type, extension) = match file.as_str() {
        XLSX_FILE => (annex::to_xlsx(&document)?, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
        CSV_FILE => (annex::to_csv(&document)?, "text/csv; charset=utf-8", "csv"),
        _ => return Err(not_found()),
    };
    let name = format!("{}-{year}.{extension}", Page::Annexes.path(lang).rsplit('/').next().unwrap_or("annex"));
    Ok((
        [
            (CONTENT_TYPE, content_type.to_owned()),
            (CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
            (CACHE_CONTROL, "public, max-age=60".to_owned()),
        ],
        bytes,
    )
        .into_response())
}
