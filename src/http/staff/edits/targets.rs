//! The performance targets of one budget year: where they stand (draft, proposed, approved), a link to each
//! one's form and assessment, and the strategy office's forms that move the whole year on towards the
//! council's approval or copy it as next year's drafts. Approving passes the approval gate: while the lint
//! finds errors in the year, the page lists them and asks for a reason to override them, and a year approved
//! that way shows the reason.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::{Extension, Form};
use serde::{Deserialize, Serialize};

use super::{messages, scope};
use crate::app::targets::YearError;
use crate::domain::access::policy::{permits, Operation, Subject};
use crate::domain::cascade::{TargetStatus, YEARS};
use crate::domain::change::Change;
use crate::domain::edit::{FieldErrors, ItemRef, YearStep};
use crate::domain::year_approval::override_problem;
use crate::domain::Lang;
use crate::http::staff::view::StaffPage;
use crate::http::staff::{parse_lang, see_other, Signed};
use crate::http::{AppError, AppState};

#[derive(Serialize)]
struct TargetLine {
    id: u32,
    organisation: String,
    title: String,
    binding: bool,
    status: &'static str,
    grade: Option<&'static str>,
    may_edit: bool,
}

#[derive(Serialize)]
struct StepChoice {
    step: &'static str,
    count: usize,
}

#[derive(Serialize)]
struct ListView {
    year: Option<i32>,
    years: Vec<i32>,
    counts: BTreeMap<&'static str, usize>,
    steps: Vec<StepChoice>,
    /// Whether approving is among the steps, so the override field is offered.
    approvable: bool,
    may_create: bool,
    may_approve: bool,
    targets: Vec<TargetLine>,
    form: YearForm,
    errors: BTreeMap<&'static str, String>,
    /// The lint's errors in the year that refused its approval, as the lint writes them.
    lint_errors: Vec<String>,
    /// The override in force: the year approved although the lint found errors.
    approval: Option<OverrideView>,
    saved: bool,
}

/// Why the council approved a year's targets although the lint found errors, and which errors.
#[derive(Serialize)]
struct OverrideView {
    reason: String,
    overridden: Vec<String>,
}

#[derive(Deserialize)]
pub struct ListQuery {
    year: Option<String>,
    saved: Option<String>,
}

/// A form of the list page: a step of the year, or a copy of it.
#[derive(Deserialize, Serialize, Default)]
pub struct YearForm {
    #[serde(default)]
    step: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    copy_reason: String,
    /// Why to approve although the lint finds errors in the year; empty when not given.
    #[serde(default)]
    override_lint: String,
}

/// What the list page shows besides the year: the form as typed, its errors, the lint's errors that refused
/// an approval, and whether something was just saved.
type Drawn = (YearForm, BTreeMap<&'static str, String>, Vec<String>, bool);

fn draw(
    state: &AppState,
    signed: &Signed,
    lang: Lang,
    year: Option<i32>,
    (form, errors, lint_errors, saved): Drawn,
) -> Result<Response, AppError> {
    let snapshot = state.snapshot();
    let cascade = &snapshot.cascade;
    let scope = scope(&snapshot);
    let years: Vec<i32> = cascade.years().into_iter().rev().collect();
    let year = year.or_else(|| years.first().copied());
    let organisations = &cascade.organisations;
    let targets: Vec<TargetLine> = year
        .map(|year| cascade.targets_of_year(year).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .map(|t| TargetLine {
            id: t.id.get(),
            organisation: cascade
                .organisation(&t.organisation)
                .map_or_else(|| t.organisation.to_string(), |o| o.name.resolve(lang).text.to_owned()),
            title: t.title.resolve(lang).text.to_owned(),
            binding: t.binding,
            status: t.status.as_str(),
            grade: t.assessment.as_ref().map(|a| a.grade.as_str()),
            may_edit: scope.authorise(&signed.account, ItemRef::Target(t.id)).is_ok(),
        })
        .collect();
    let mut counts: BTreeMap<&'static str, usize> = TargetStatus::ALL.iter().map(|s| (s.as_str(), 0)).collect();
    for target in &targets {
        *counts.entry(target.status).or_default() += 1;
    }
    let may_approve = permits(&signed.account, Operation::ApproveTargets, Subject::Any, organisations);
    let steps = if may_approve {
        YearStep::ALL
            .iter()
            .map(|step| StepChoice {
                step: step.as_str(),
                count: counts.get(step.statuses().0.as_str()).copied().unwrap_or(0),
            })
            .filter(|choice| choice.count > 0)
            .collect()
    } else {
        Vec::new()
    };
    let page = StaffPage {
        lang,
        path: "/targets",
        title_key: "staff-targets-title",
        signed: Some(signed),
    };
    let approvable = steps.iter().any(|c| c.step == YearStep::Approve.as_str());
    let view = ListView {
        year,
        years,
        counts,
        steps,
        approvable,
        may_create: permits(&signed.account, Operation::EditTargets, Subject::Any, organisations),
        may_approve,
        targets,
        form,
        saved,
        errors,
        lint_errors,
        approval: year.and_then(|year| cascade.approval_of(year)).and_then(|a| {
            a.lint_override.as_ref().map(|reason| OverrideView {
                reason: reason.clone(),
                overridden: a.overridden.clone(),
            })
        }),
    };
    if view.errors.is_empty() {
        page.respond(state, "staff/targets.html", view)
    } else {
        page.respond_with(
            state,
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            "staff/targets.html",
            view,
        )
    }
}

/// Moving a year on and copying it are the strategy office's: refused before the form is even read.
fn may_approve(state: &AppState, signed: &Signed) -> Result<(), AppError> {
    signed.require(state, Operation::ApproveTargets)
}

fn parse_year(text: &str) -> Option<i32> {
    text.trim().parse().ok().filter(|y| YEARS.contains(y))
}

pub async fn list(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    Query(query): Query<ListQuery>,
    Extension(signed): Extension<Signed>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    let year = query.year.as_deref().and_then(parse_year);
    let saved = query.saved.is_some();
    draw(
        &state,
        &signed,
        lang,
        year,
        (YearForm::default(), BTreeMap::new(), Vec::new(), saved),
    )
}

/// Moves the year's targets one step (`step`: propose, withdraw, approve, reopen).
pub async fn step(
    State(state): State<AppState>,
    Path((lang, year)): Path<(String, String)>,
    Extension(signed): Extension<Signed>,
    Form(form): Form<YearForm>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    let year = parse_year(&year).ok_or_else(|| AppError::not_found("problem-detail-no-page", ""))?;
    may_approve(&state, &signed)?;
    let step = YearStep::parse(form.step.trim());
    let mut errors = FieldErrors::new();
    if step.is_none() {
        errors.insert("step", "staff-error-step");
    }
    // An empty field is no override; one typed must be readable and within the limit.
    let lint_override = Some(form.override_lint.trim()).filter(|r| !r.is_empty());
    if let Some(key) = lint_override.and_then(override_problem) {
        errors.insert("override_lint", key);
    }
    let errors = messages(&state, lang, errors, &form.reason);
    let Some(step) = step.filter(|_| errors.is_empty()) else {
        return draw(&state, &signed, lang, Some(year), (form, errors, Vec::new(), false));
    };
    let snapshot = state.snapshot();
    let change = Change::new(format!("user:{}", signed.account.id), form.reason.trim());
    let moved = crate::app::targets::move_year(
        state.store.as_ref(),
        scope(&snapshot),
        &signed.account,
        year,
        step,
        lint_override,
        &change,
    )
    .await;
    let moved = match moved {
        Ok(moved) => moved,
        Err(YearError::Lint(lint_errors)) => {
            let errors = messages(
                &state,
                lang,
                FieldErrors::from([("override_lint", "staff-error-lint-override-needed")]),
                &form.reason,
            );
            return draw(&state, &signed, lang, Some(year), (form, errors, lint_errors, false));
        }
        Err(YearError::Edit(error)) => return Err(error.into()),
    };
    if moved == 0 {
        let errors = messages(
            &state,
            lang,
            FieldErrors::from([("step", "staff-error-step-none")]),
            &form.reason,
        );
        return draw(&state, &signed, lang, Some(year), (form, errors, Vec::new(), false));
    }
    state.refresh().await.map_err(AppError::Internal)?;
    Ok(see_other(&format!("/staff/{lang}/targets?year={year}&saved=1")))
}

/// Copies the year's targets to another year as drafts, without their assessments.
pub async fn copy(
    State(state): State<AppState>,
    Path((lang, year)): Path<(String, String)>,
    Extension(signed): Extension<Signed>,
    Form(form): Form<YearForm>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    let year = parse_year(&year).ok_or_else(|| AppError::not_found("problem-detail-no-page", ""))?;
    may_approve(&state, &signed)?;
    let snapshot = state.snapshot();
    let mut errors = FieldErrors::new();
    if let Some(key) = crate::app::targets::copy_obstacle(&snapshot.cascade, year, parse_year(&form.to)) {
        errors.insert("to", key);
    }
    let mut errors = messages(&state, lang, errors, &form.copy_reason);
    // The copy form's reason has a name of its own: the step form on the same page has one too.
    if let Some(message) = errors.remove("reason") {
        errors.insert("copy_reason", message);
    }
    let Some(to) = parse_year(&form.to).filter(|_| errors.is_empty()) else {
        return draw(&state, &signed, lang, Some(year), (form, errors, Vec::new(), false));
    };
    let change = Change::new(format!("user:{}", signed.account.id), form.copy_reason.trim());
    crate::app::targets::copy_targets(state.store.as_ref(), year, to, &change).await?;
    state.refresh().await.map_err(AppError::Internal)?;
    Ok(see_other(&format!("/staff/{lang}/targets?year={to}&saved=1")))
}
