//! Target assessments: the targets a person may assess, by budget year, and a form per target for its grade
//! and the justification in three languages.

use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::{Extension, Form};
use serde::{Deserialize, Serialize};

use super::{
    compare_text, finish, lang_inputs, messages, respond, scope, status_of, typed_text, Compared, Finished, LangInput,
    Outcome, Saved,
};
use crate::domain::cascade::Grade;
use crate::domain::edit::{assessment_from_input, Edit, Item, ItemRef, Revision};
use crate::domain::{Lang, TargetId};
use crate::http::staff::view::StaffPage;
use crate::http::staff::{parse_lang, Signed};
use crate::http::{AppError, AppState};

/// The form as posted, and as drawn from the saved assessment.
#[derive(Deserialize, Serialize, Default)]
pub struct AssessmentForm {
    #[serde(default)]
    grade: String,
    #[serde(default)]
    justification_fi: String,
    #[serde(default)]
    justification_sv: String,
    #[serde(default)]
    justification_en: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    revision: String,
}

impl AssessmentForm {
    fn justification(&self) -> [&str; 3] {
        [&self.justification_fi, &self.justification_sv, &self.justification_en]
    }

    fn from_item(item: &Item) -> AssessmentForm {
        let Item::Assessment(assessment) = item else {
            return AssessmentForm::default();
        };
        let [justification_fi, justification_sv, justification_en] =
            typed_text(assessment.as_ref().map(|a| &a.justification));
        AssessmentForm {
            grade: assessment.as_ref().map_or("", |a| a.grade.as_str()).to_owned(),
            justification_fi,
            justification_sv,
            justification_en,
            reason: String::new(),
            revision: item.revision().to_string(),
        }
    }
}

#[derive(Serialize)]
struct Choice {
    value: &'static str,
    label: String,
}

#[derive(Serialize)]
struct FormView {
    id: u32,
    year: i32,
    title: String,
    grades: Vec<Choice>,
    form: AssessmentForm,
    justification: Vec<LangInput>,
    #[serde(flatten)]
    outcome: Outcome,
}

fn target_id(id: &str) -> Result<TargetId, AppError> {
    id.parse()
        .map_err(|_| AppError::not_found("problem-detail-no-page", ""))
}

fn grade_label(state: &AppState, lang: Lang, code: &str) -> String {
    match code {
        "" => state.i18n.text(lang, "staff-assessment-no-grade"),
        code => state.i18n.text(lang, &format!("grade-{code}")),
    }
}

fn draw(
    state: &AppState,
    signed: &Signed,
    lang: Lang,
    id: TargetId,
    form: AssessmentForm,
    outcome: Outcome,
) -> Result<Response, AppError> {
    let snapshot = state.snapshot();
    let target = snapshot.cascade.targets.iter().find(|t| t.id == id);
    let path = format!("/targets/{id}/assessment");
    let page = StaffPage {
        lang,
        path: &path,
        title_key: "staff-assessment-title",
        signed: Some(signed),
    };
    let status = status_of(&outcome);
    let grades = std::iter::once("")
        .chain(Grade::ALL.iter().map(|g| g.as_str()))
        .map(|value| Choice {
            value,
            label: grade_label(state, lang, value),
        })
        .collect();
    let view = FormView {
        id: id.get(),
        year: target.map_or(0, |t| t.year),
        title: target
            .map(|t| t.title.resolve(lang).text.to_owned())
            .unwrap_or_default(),
        grades,
        justification: lang_inputs("justification", form.justification()),
        form,
        outcome,
    };
    respond(&page, state, "staff/assessment.html", status, view)
}

pub async fn form(
    State(state): State<AppState>,
    Path((lang, id)): Path<(String, String)>,
    Query(query): Query<Saved>,
    Extension(signed): Extension<Signed>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    let id = target_id(&id)?;
    let snapshot = state.snapshot();
    let item = ItemRef::Assessment(id);
    let item = crate::app::edits::read(state.store.as_ref(), scope(&snapshot), &signed.account, item).await?;
    let outcome = Outcome {
        saved: query.saved.is_some(),
        ..Outcome::default()
    };
    draw(&state, &signed, lang, id, AssessmentForm::from_item(&item), outcome)
}

fn compare(state: &AppState, lang: Lang, current: &Item, form: &AssessmentForm) -> Vec<Compared> {
    let saved = AssessmentForm::from_item(current);
    let mut rows = vec![Compared {
        label: state.i18n.text(lang, "staff-assessment-grade"),
        saved: grade_label(state, lang, &saved.grade),
        yours: grade_label(state, lang, form.grade.trim()),
    }];
    let saved_text = [saved.justification_fi, saved.justification_sv, saved.justification_en];
    rows.extend(compare_text(
        state,
        lang,
        "staff-assessment-justification",
        saved_text,
        form.justification(),
    ));
    rows
}

pub async fn save(
    State(state): State<AppState>,
    Path((lang, id)): Path<(String, String)>,
    Extension(signed): Extension<Signed>,
    Form(form): Form<AssessmentForm>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    let id = target_id(&id)?;
    let snapshot = state.snapshot();
    let item = ItemRef::Assessment(id);
    let before = crate::app::edits::read(state.store.as_ref(), scope(&snapshot), &signed.account, item).await?;
    let Item::Assessment(before) = before else {
        return Err(crate::http::staff::edits::another_kind());
    };
    let checked = assessment_from_input(&form.grade, form.justification(), before.as_ref());
    let errors = messages(
        &state,
        lang,
        checked.as_ref().err().cloned().unwrap_or_default(),
        &form.reason,
    );
    let assessment = match checked {
        Ok(assessment) if errors.is_empty() => assessment,
        _ => {
            let outcome = Outcome {
                errors,
                ..Outcome::default()
            };
            return draw(&state, &signed, lang, id, form, outcome);
        }
    };
    let edit = Edit {
        item,
        after: Item::Assessment(assessment),
    };
    let expected = Revision::from_client(&form.revision);
    let back = format!("/staff/{lang}/targets/{id}/assessment");
    match finish(&state, &signed, &edit, &expected, &form.reason, &back).await? {
        Finished::Redirect(response) => Ok(response),
        Finished::Stale(current) => {
            let outcome = Outcome {
                conflict: compare(&state, lang, &current, &form),
                ..Outcome::default()
            };
            let form = AssessmentForm {
                revision: current.revision().to_string(),
                ..form
            };
            draw(&state, &signed, lang, id, form, outcome)
        }
    }
}
