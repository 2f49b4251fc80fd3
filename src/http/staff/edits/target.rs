//! A performance target's own form: a new target of a budget year, or an edit of one not yet approved. Title
//! in three languages side by side, the organisation and the one answerable, the council goals it serves,
//! the indicators that measure it and whether it binds.

use axum::extract::{Path, Query, RawForm, State};
use axum::response::Response;
use axum::Extension;
use serde::{Deserialize, Serialize};

use super::{compare_text, lang_inputs, messages, scope, status_of, typed_text, Compared, LangInput, Outcome, Saved};
use crate::app::targets::{create_target, edit_target, TargetError};
use crate::domain::access::policy::{permits, Operation, Subject};
use crate::domain::change::Change;
use crate::domain::edit::{target_from_input, Item, ItemRef, Revision, TargetInput, TargetItem};
use crate::domain::{Lang, TargetId};
use crate::http::staff::view::StaffPage;
use crate::http::staff::{parse_lang, see_other, Signed};
use crate::http::{AppError, AppState};
use crate::store::Applied;

/// The form as posted (goals come as one field per ticked box), and as drawn from a saved target.
#[derive(Serialize, Default, Clone)]
pub struct TargetForm {
    year: String,
    organisation: String,
    responsible: String,
    title_fi: String,
    title_sv: String,
    title_en: String,
    goals: Vec<String>,
    indicators: String,
    binding: bool,
    reason: String,
    revision: String,
}

impl TargetForm {
    fn parse(body: &[u8]) -> TargetForm {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(body).unwrap_or_default();
        let mut form = TargetForm::default();
        for (key, value) in pairs {
            match key.as_str() {
                "year" => form.year = value,
                "organisation" => form.organisation = value,
                "responsible" => form.responsible = value,
                "title_fi" => form.title_fi = value,
                "title_sv" => form.title_sv = value,
                "title_en" => form.title_en = value,
                "goals" => form.goals.push(value),
                "indicators" => form.indicators = value,
                "binding" => form.binding = !value.is_empty(),
                "reason" => form.reason = value,
                "revision" => form.revision = value,
                _ => {}
            }
        }
        form
    }

    fn title(&self) -> [&str; 3] {
        [&self.title_fi, &self.title_sv, &self.title_en]
    }

    fn input(&self) -> TargetInput<'_> {
        TargetInput {
            organisation: &self.organisation,
            responsible: &self.responsible,
            title: self.title(),
            goals: &self.goals,
            indicators: &self.indicators,
            binding: self.binding,
        }
    }

    fn from_item(item: &TargetItem) -> TargetForm {
        let [title_fi, title_sv, title_en] = typed_text(Some(&item.title));
        TargetForm {
            year: item.year.to_string(),
            organisation: item.organisation.to_string(),
            responsible: if item.responsible == item.organisation {
                String::new()
            } else {
                item.responsible.to_string()
            },
            title_fi,
            title_sv,
            title_en,
            goals: item.goals.iter().map(ToString::to_string).collect(),
            indicators: item
                .indicators
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            binding: item.binding,
            reason: String::new(),
            revision: Item::Target(item.clone()).revision().to_string(),
        }
    }
}

#[derive(Serialize)]
struct Choice {
    value: String,
    label: String,
    checked: bool,
}

#[derive(Serialize)]
struct FormView {
    /// `None` for a new target.
    id: Option<u32>,
    action: String,
    status: &'static str,
    approved: bool,
    organisations: Vec<Choice>,
    responsibles: Vec<Choice>,
    goals: Vec<Choice>,
    title: Vec<LangInput>,
    form: TargetForm,
    #[serde(flatten)]
    outcome: Outcome,
}

/// The budget year a form holds, if it is a number.
fn year_of(form: &TargetForm) -> Option<i32> {
    form.year.trim().parse().ok()
}

fn draw(
    state: &AppState,
    signed: &Signed,
    lang: Lang,
    (id, status): (Option<TargetId>, crate::domain::cascade::TargetStatus),
    form: TargetForm,
    outcome: Outcome,
) -> Result<Response, AppError> {
    let snapshot = state.snapshot();
    let cascade = &snapshot.cascade;
    let year = year_of(&form).unwrap_or(0);
    let may_set = |slug: &crate::domain::Slug| {
        let subject = Subject::Target { organisation: slug };
        permits(&signed.account, Operation::EditTargets, subject, &cascade.organisations)
    };
    let choices = |selected: &str, first: Option<String>| {
        first
            .map(|label| Choice {
                value: String::new(),
                label,
                checked: selected.is_empty(),
            })
            .into_iter()
            .chain(
                cascade
                    .organisations
                    .iter()
                    .filter(|o| o.existed_in(year) && (may_set(&o.slug) || o.slug.as_str() == selected))
                    .map(|o| Choice {
                        value: o.slug.to_string(),
                        label: o.name.resolve(lang).text.to_owned(),
                        checked: o.slug.as_str() == selected,
                    }),
            )
            .collect::<Vec<_>>()
    };
    let organisations = choices(&form.organisation, Some(state.i18n.text(lang, "staff-target-choose")));
    let responsibles = choices(
        &form.responsible,
        Some(state.i18n.text(lang, "staff-target-same-responsible")),
    );
    let goals = snapshot
        .strategy
        .goals()
        .map(|(_, goal)| Choice {
            value: goal.id.to_string(),
            label: format!("{}. {}", goal.id, goal.title.resolve(lang).text),
            checked: form.goals.iter().any(|g| g.trim() == goal.id.to_string()),
        })
        .collect();
    let path = match id {
        Some(id) => format!("/targets/{id}"),
        None => "/targets/new".to_owned(),
    };
    let page = StaffPage {
        lang,
        path: &path,
        title_key: if id.is_some() {
            "staff-target-edit-title"
        } else {
            "staff-target-new-title"
        },
        signed: Some(signed),
    };
    let view = FormView {
        id: id.map(TargetId::get),
        action: format!("/staff/{lang}{path}"),
        status: status.as_str(),
        approved: status == crate::domain::cascade::TargetStatus::Approved,
        organisations,
        responsibles,
        goals,
        title: lang_inputs("title", form.title()),
        form,
        outcome,
    };
    match status_of(&view.outcome) {
        Some(code) => page.respond_with(state, code, "staff/target.html", view),
        None => page.respond(state, "staff/target.html", view),
    }
}

fn target_id(id: &str) -> Result<TargetId, AppError> {
    id.parse()
        .map_err(|_| AppError::not_found("problem-detail-no-page", ""))
}

#[derive(Deserialize)]
pub struct NewQuery {
    year: Option<String>,
}

/// The form for a new target; `?year=` preselects the budget year.
pub async fn new_form(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    Query(query): Query<NewQuery>,
    Extension(signed): Extension<Signed>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    may_create(&state, &signed)?;
    let form = TargetForm {
        year: query.year.unwrap_or_default(),
        ..TargetForm::default()
    };
    draw(
        &state,
        &signed,
        lang,
        (None, crate::domain::cascade::TargetStatus::Draft),
        form,
        Outcome::default(),
    )
}

fn may_create(state: &AppState, signed: &Signed) -> Result<(), AppError> {
    signed.require(state, Operation::EditTargets)
}

pub async fn create(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    Extension(signed): Extension<Signed>,
    RawForm(body): RawForm,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    may_create(&state, &signed)?;
    let form = TargetForm::parse(&body);
    let snapshot = state.snapshot();
    let year = year_of(&form).unwrap_or(0);
    let checked = target_from_input(year, form.input(), None, &snapshot.strategy, &snapshot.cascade);
    let draft = crate::domain::cascade::TargetStatus::Draft;
    let errors = messages(
        &state,
        lang,
        checked.as_ref().err().cloned().unwrap_or_default(),
        &form.reason,
    );
    let target = match checked {
        Ok(target) if errors.is_empty() => target,
        _ => return draw(&state, &signed, lang, (None, draft), form, with_errors(errors)),
    };
    let change = Change::new(format!("user:{}", signed.account.id), form.reason.trim());
    match create_target(
        state.store.as_ref(),
        scope(&snapshot),
        &signed.account,
        &target,
        &change,
    )
    .await
    {
        Ok(id) => {
            state.refresh().await.map_err(AppError::Internal)?;
            Ok(see_other(&format!("/staff/{lang}/targets/{id}?saved=1")))
        }
        Err(TargetError::Fields(errors)) => {
            let errors = messages(&state, lang, errors, &form.reason);
            draw(&state, &signed, lang, (None, draft), form, with_errors(errors))
        }
        Err(other) => Err(refused(other)),
    }
}

fn with_errors(errors: std::collections::BTreeMap<&'static str, String>) -> Outcome {
    Outcome {
        errors,
        ..Outcome::default()
    }
}

fn refused(error: TargetError) -> AppError {
    match error {
        TargetError::Edit(error) => error.into(),
        TargetError::Approved => AppError::Conflict {
            detail: "problem-detail-target-approved",
            value: String::new(),
        },
        TargetError::Fields(_) => AppError::Unprocessable {
            detail: "problem-detail-unprocessable",
            value: String::new(),
        },
    }
}

async fn read_target(state: &AppState, signed: &Signed, id: TargetId) -> Result<TargetItem, AppError> {
    let snapshot = state.snapshot();
    let item = crate::app::edits::read(
        state.store.as_ref(),
        scope(&snapshot),
        &signed.account,
        ItemRef::Target(id),
    );
    match item.await? {
        Item::Target(target) => Ok(target),
        _ => Err(crate::http::staff::edits::another_kind()),
    }
}

pub async fn form(
    State(state): State<AppState>,
    Path((lang, id)): Path<(String, String)>,
    Query(query): Query<Saved>,
    Extension(signed): Extension<Signed>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    let id = target_id(&id)?;
    let target = read_target(&state, &signed, id).await?;
    let outcome = Outcome {
        saved: query.saved.is_some(),
        ..Outcome::default()
    };
    draw(
        &state,
        &signed,
        lang,
        (Some(id), target.status),
        TargetForm::from_item(&target),
        outcome,
    )
}

pub async fn save(
    State(state): State<AppState>,
    Path((lang, id)): Path<(String, String)>,
    Extension(signed): Extension<Signed>,
    RawForm(body): RawForm,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    let id = target_id(&id)?;
    let before = read_target(&state, &signed, id).await?;
    let form = TargetForm {
        year: before.year.to_string(),
        ..TargetForm::parse(&body)
    };
    let snapshot = state.snapshot();
    let checked = target_from_input(
        before.year,
        form.input(),
        Some(&before),
        &snapshot.strategy,
        &snapshot.cascade,
    );
    let errors = messages(
        &state,
        lang,
        checked.as_ref().err().cloned().unwrap_or_default(),
        &form.reason,
    );
    let after = match checked {
        Ok(after) if errors.is_empty() => after,
        _ => {
            return draw(
                &state,
                &signed,
                lang,
                (Some(id), before.status),
                form,
                with_errors(errors),
            )
        }
    };
    let change = Change::new(format!("user:{}", signed.account.id), form.reason.trim());
    let expected = Revision::from_client(&form.revision);
    let scope = scope(&snapshot);
    match edit_target(
        state.store.as_ref(),
        scope,
        &signed.account,
        (id, &before),
        after,
        &expected,
        &change,
    )
    .await
    {
        Ok(Applied::Saved(_) | Applied::Unchanged(_)) => {
            state.refresh().await.map_err(AppError::Internal)?;
            Ok(see_other(&format!("/staff/{lang}/targets/{id}?saved=1")))
        }
        Ok(Applied::Stale(Item::Target(current))) => {
            let outcome = Outcome {
                conflict: compare(&state, lang, &current, &form),
                ..Outcome::default()
            };
            let form = TargetForm {
                revision: Item::Target(current.clone()).revision().to_string(),
                ..form
            };
            draw(&state, &signed, lang, (Some(id), current.status), form, outcome)
        }
        Ok(Applied::Stale(_)) => Err(crate::http::staff::edits::another_kind()),
        Err(TargetError::Fields(errors)) => {
            let errors = messages(&state, lang, errors, &form.reason);
            draw(
                &state,
                &signed,
                lang,
                (Some(id), before.status),
                form,
                with_errors(errors),
            )
        }
        Err(other) => Err(refused(other)),
    }
}

/// Both versions of a target, field by field, for the conflict page.
fn compare(state: &AppState, lang: Lang, current: &TargetItem, form: &TargetForm) -> Vec<Compared> {
    let saved = TargetForm::from_item(current);
    let text = |key: &str| state.i18n.text(lang, key);
    let yes_no = |binding: bool| text(if binding { "staff-yes" } else { "staff-no" });
    let mut rows = vec![
        Compared {
            label: text("staff-organisation"),
            saved: saved.organisation.clone(),
            yours: form.organisation.trim().to_owned(),
        },
        Compared {
            label: text("staff-target-responsible"),
            saved: saved.responsible.clone(),
            yours: form.responsible.trim().to_owned(),
        },
    ];
    let saved_title = [saved.title_fi.clone(), saved.title_sv.clone(), saved.title_en.clone()];
    rows.extend(compare_text(
        state,
        lang,
        "staff-target-title-label",
        saved_title,
        form.title(),
    ));
    rows.push(Compared {
        label: text("staff-target-goals"),
        saved: saved.goals.join(", "),
        yours: form.goals.iter().map(|g| g.trim()).collect::<Vec<_>>().join(", "),
    });
    rows.push(Compared {
        label: text("staff-target-indicators"),
        saved: saved.indicators.clone(),
        yours: form.indicators.trim().to_owned(),
    });
    rows.push(Compared {
        label: text("staff-target-binding-label"),
        saved: yes_no(saved.binding),
        yours: yes_no(form.binding),
    });
    rows
}
