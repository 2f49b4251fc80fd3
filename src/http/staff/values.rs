//! Recording indicator values one at a time: the indicators a person may report, and a form per indicator.
//! The same use case and checks as `tarina indicators import`; the person and their reason go with the write.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::{Extension, Form};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::view::StaffPage;
use super::{parse_lang, see_other, Signed};
use crate::domain::access::policy::{indicator_owners, permits, Operation, Subject};
use crate::domain::cascade::{Cascade, Indicator};
use crate::domain::change::{Change, NewValue};
use crate::domain::{IndicatorId, Lang, Slug};
use crate::http::{AppError, AppState};

/// Whether `signed` may record values of `indicator`.
pub(super) fn may_record(signed: &Signed, cascade: &Cascade, indicator: &Indicator) -> bool {
    let owners = indicator_owners(cascade, indicator.id);
    let subject = Subject::Indicator {
        id: indicator.id,
        organisations: &owners,
    };
    permits(
        &signed.account,
        Operation::RecordValues,
        subject,
        &cascade.organisations,
    )
}

fn text(lang: Lang, localized: &crate::domain::LocalizedText) -> String {
    localized
        .get(lang)
        .or_else(|| localized.get(Lang::Fi))
        .unwrap_or_default()
        .to_owned()
}

#[derive(Serialize)]
struct IndicatorLine {
    id: u32,
    name: String,
    unit: String,
    latest: Option<String>,
    /// Whether the person may edit the indicator's definition too.
    may_define: bool,
}

#[derive(Serialize)]
struct ListView {
    indicators: Vec<IndicatorLine>,
}

fn latest(indicator: &Indicator) -> Option<String> {
    indicator
        .headline_series()
        .and_then(|series| series.values.last())
        .map(|m| format!("{} ({})", m.value, m.date))
}

pub async fn list(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    Extension(signed): Extension<Signed>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    let snapshot = state.snapshot();
    let indicators: Vec<IndicatorLine> = snapshot
        .cascade
        .indicators
        .iter()
        .filter(|indicator| may_record(&signed, &snapshot.cascade, indicator))
        .map(|indicator| IndicatorLine {
            id: indicator.id.get(),
            name: text(lang, &indicator.name),
            unit: text(lang, &indicator.unit),
            latest: latest(indicator),
            may_define: super::connector_settings::may_edit(&signed, &snapshot.cascade, indicator),
        })
        .collect();
    if indicators.is_empty() {
        may_record_some(&signed, &snapshot.cascade)?;
    }
    let page = StaffPage {
        lang,
        path: "/indicators",
        title_key: "staff-indicators-title",
        signed: Some(&signed),
    };
    page.respond(&state, "staff/indicators.html", ListView { indicators })
}

/// Refuses (403) a person who may record the values of no indicator, such as a viewer.
pub(super) fn may_record_some(signed: &Signed, cascade: &Cascade) -> Result<(), AppError> {
    let some = cascade
        .indicators
        .iter()
        .any(|indicator| may_record(signed, cascade, indicator))
        || permits(&signed.account, Operation::RecordValues, Subject::Any, &[]);
    if some {
        Ok(())
    } else {
        Err(AppError::Forbidden {
            detail: "problem-detail-forbidden",
        })
    }
}

#[derive(Deserialize, Serialize, Default)]
pub struct ValueForm {
    #[serde(default)]
    region: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    value: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    reason: String,
}

#[derive(Deserialize)]
pub struct Recorded {
    recorded: Option<String>,
}

#[derive(Serialize)]
struct Choice {
    value: String,
    label: String,
}

#[derive(Serialize)]
struct ValueLine {
    region: String,
    date: String,
    value: f64,
    source: String,
    example: bool,
}

#[derive(Serialize)]
struct FormView {
    id: u32,
    name: String,
    unit: String,
    regions: Vec<Choice>,
    recent: Vec<ValueLine>,
    form: ValueForm,
    errors: BTreeMap<&'static str, String>,
    recorded: bool,
}

/// The indicator, if it exists and the person may record its values (404 and 403 otherwise).
fn reachable(
    state: &AppState,
    signed: &Signed,
    id: &str,
) -> Result<(std::sync::Arc<crate::http::Snapshot>, IndicatorId), AppError> {
    let id: IndicatorId = id
        .parse()
        .map_err(|_| AppError::not_found("problem-detail-no-page", ""))?;
    let snapshot = state.snapshot();
    let indicator = snapshot
        .cascade
        .indicator(id)
        .ok_or_else(|| AppError::not_found("problem-detail-no-page", ""))?;
    if !may_record(signed, &snapshot.cascade, indicator) {
        return Err(AppError::Forbidden {
            detail: "problem-detail-forbidden",
        });
    }
    Ok((snapshot, id))
}

fn form_view(
    snapshot: &crate::http::Snapshot,
    lang: Lang,
    id: IndicatorId,
    form: ValueForm,
    errors: BTreeMap<&'static str, String>,
    recorded: bool,
) -> FormView {
    let cascade = &snapshot.cascade;
    let indicator = cascade.indicator(id).expect("checked by reachable");
    let region_name = |slug: &Slug| {
        cascade
            .regions
            .iter()
            .find(|r| &r.slug == slug)
            .map_or_else(|| slug.to_string(), |r| text(lang, &r.name))
    };
    let mut recent: Vec<ValueLine> = indicator
        .series
        .iter()
        .flat_map(|series| series.values.iter().map(move |m| (series.region.clone(), m)))
        .map(|(region, m)| ValueLine {
            region: region_name(&region),
            date: m.date.to_string(),
            value: m.value,
            source: text(lang, &m.provenance.source),
            example: m.provenance.example,
        })
        .collect();
    recent.sort_by(|a, b| b.date.cmp(&a.date));
    recent.truncate(10);
    FormView {
        id: id.get(),
        name: text(lang, &indicator.name),
        unit: text(lang, &indicator.unit),
        regions: indicator
            .regions
            .iter()
            .map(|slug| Choice {
                value: slug.to_string(),
                label: region_name(slug),
            })
            .collect(),
        recent,
        form,
        errors,
        recorded,
    }
}

fn page<'a>(lang: Lang, signed: &'a Signed, path: &'a str) -> StaffPage<'a> {
    StaffPage {
        lang,
        path,
        title_key: "staff-values-title",
        signed: Some(signed),
    }
}

pub async fn form(
    State(state): State<AppState>,
    Path((lang, id)): Path<(String, String)>,
    Query(query): Query<Recorded>,
    Extension(signed): Extension<Signed>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    let (snapshot, id) = reachable(&state, &signed, &id)?;
    let path = format!("/indicators/{id}/values");
    let staff_page = page(lang, &signed, &path);
    let indicator = snapshot.cascade.indicator(id).expect("reachable");
    let blank = ValueForm {
        region: indicator.regions.first().map(|r| r.to_string()).unwrap_or_default(),
        ..ValueForm::default()
    };
    let view = form_view(&snapshot, lang, id, blank, BTreeMap::new(), query.recorded.is_some());
    staff_page.respond(&state, "staff/values.html", view)
}

/// Checks every field and names each problem next to its field.
fn check(
    state: &AppState,
    lang: Lang,
    indicator: &Indicator,
    form: &ValueForm,
) -> Result<NewValue, BTreeMap<&'static str, String>> {
    let mut errors = BTreeMap::new();
    let message = |key: &str| state.i18n.text(lang, key);
    let region = Slug::parse(form.region.trim())
        .ok()
        .filter(|r| indicator.regions.contains(r));
    if region.is_none() {
        errors.insert("region", message("staff-error-region"));
    }
    let date = NaiveDate::parse_from_str(form.date.trim(), "%Y-%m-%d")
        .ok()
        .filter(|d| crate::values::VALUE_YEARS.contains(&chrono::Datelike::year(d)));
    if date.is_none() {
        errors.insert("date", message("staff-error-date"));
    }
    let value = crate::values::parse_value(form.value.trim())
        .ok()
        .filter(|v| v.is_finite());
    if value.is_none() {
        errors.insert("value", message("staff-error-value"));
    }
    let source = form.source.trim();
    if source.is_empty() || source.chars().count() > 500 {
        errors.insert("source", message("staff-error-source"));
    }
    if form.reason.trim().is_empty() || form.reason.chars().count() > 500 {
        errors.insert("reason", message("staff-error-reason"));
    }
    match (region, date, value) {
        (Some(region), Some(date), Some(value)) if errors.is_empty() => Ok(NewValue {
            indicator: indicator.id,
            region,
            date,
            value,
            source: source.to_owned(),
        }),
        _ => Err(errors),
    }
}

pub async fn record(
    State(state): State<AppState>,
    Path((lang, id)): Path<(String, String)>,
    Extension(signed): Extension<Signed>,
    Form(form): Form<ValueForm>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    let (snapshot, id) = reachable(&state, &signed, &id)?;
    let indicator = snapshot.cascade.indicator(id).expect("reachable");
    let value = match check(&state, lang, indicator, &form) {
        Ok(value) => value,
        Err(errors) => {
            let path = format!("/indicators/{id}/values");
            let staff_page = page(lang, &signed, &path);
            let view = form_view(&snapshot, lang, id, form, errors, false);
            return staff_page.respond_with(&state, StatusCode::UNPROCESSABLE_ENTITY, "staff/values.html", view);
        }
    };
    let change = Change::new(format!("user:{}", signed.account.id), form.reason.trim());
    let city = snapshot.strategy.city.slug.to_string();
    crate::app::values::record_values(state.store.as_ref(), &city, &snapshot.cascade, &[value], &change)
        .await
        .map_err(AppError::Internal)?;
    // Pages read the snapshot: bring this server's up to date before the person sees the list again.
    state.refresh().await.map_err(AppError::Internal)?;
    Ok(see_other(&format!("/staff/{lang}/indicators/{id}/values?recorded=1")))
}
