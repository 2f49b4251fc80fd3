//! Action progress: the actions a person may report on, and a form per action for its state, per cent done,
//! date and a note in three languages.

use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::{Extension, Form};
use serde::{Deserialize, Serialize};

use super::updates::{UpdateForm, UpdateView};
use super::{
    compare_text, finish, lang_inputs, messages, respond, scope, status_of, typed_text, Compared, Finished, LangInput,
    Outcome,
};
use crate::domain::cascade::ActionState;
use crate::domain::edit::{progress_from_input, Edit, Item, ItemRef, Revision};
use crate::domain::{ActionId, Lang};
use crate::http::staff::view::StaffPage;
use crate::http::staff::{parse_lang, Signed};
use crate::http::{AppError, AppState};

#[derive(Serialize)]
struct ActionLine {
    id: u32,
    goal: String,
    title: String,
    state: Option<&'static str>,
    as_of: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    Extension(signed): Extension<Signed>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    let snapshot = state.snapshot();
    let scope = scope(&snapshot);
    let actions: Vec<ActionLine> = snapshot
        .strategy
        .goals()
        .flat_map(|(_, goal)| goal.actions.iter().map(move |action| (goal, action)))
        .filter(|(_, action)| scope.authorise(&signed.account, ItemRef::Progress(action.id)).is_ok())
        .map(|(goal, action)| {
            let progress = snapshot.cascade.progress_of(action.id);
            ActionLine {
                id: action.id.get(),
                goal: goal.title.resolve(lang).text.to_owned(),
                title: action.title.resolve(lang).text.to_owned(),
                state: progress.map(|p| p.state.as_str()),
                as_of: progress.map(|p| p.as_of.to_string()),
            }
        })
        .collect();
    let page = StaffPage {
        lang,
        path: "/actions",
        title_key: "staff-actions-title",
        signed: Some(&signed),
    };
    #[derive(Serialize)]
    struct ListView {
        actions: Vec<ActionLine>,
    }
    page.respond(&state, "staff/actions.html", ListView { actions })
}

/// The form as posted, and as drawn from the saved report.
#[derive(Deserialize, Serialize, Default)]
pub struct ProgressForm {
    #[serde(default)]
    state: String,
    #[serde(default)]
    percent: String,
    #[serde(default)]
    as_of: String,
    #[serde(default)]
    note_fi: String,
    #[serde(default)]
    note_sv: String,
    #[serde(default)]
    note_en: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    revision: String,
}

impl ProgressForm {
    fn note(&self) -> [&str; 3] {
        [&self.note_fi, &self.note_sv, &self.note_en]
    }

    pub(super) fn from_item(item: &Item) -> ProgressForm {
        let Item::Progress(progress) = item else {
            return ProgressForm::default();
        };
        let [note_fi, note_sv, note_en] = typed_text(progress.as_ref().and_then(|p| p.note.as_ref()));
        ProgressForm {
            state: progress.as_ref().map_or("", |p| p.state.as_str()).to_owned(),
            percent: progress
                .as_ref()
                .and_then(|p| p.percent)
                .map(|p| p.to_string())
                .unwrap_or_default(),
            as_of: progress.as_ref().map(|p| p.as_of.to_string()).unwrap_or_default(),
            note_fi,
            note_sv,
            note_en,
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
    title: String,
    states: Vec<Choice>,
    form: ProgressForm,
    note: Vec<LangInput>,
    /// The form that posts a status update, and the updates posted before.
    update: UpdateView,
    #[serde(flatten)]
    outcome: Outcome,
    /// Shown after an update was posted (`saved` is for the correction form).
    posted: bool,
    /// Whether the person may set the action's update interval, so the page links to it.
    schedules: bool,
}

/// What the progress page says after a redirect: the correction saved, or an update posted.
#[derive(Deserialize)]
pub struct Shown {
    saved: Option<String>,
    posted: Option<String>,
}

pub(super) fn action_id(id: &str) -> Result<ActionId, AppError> {
    id.parse()
        .map_err(|_| AppError::not_found("problem-detail-no-page", ""))
}

/// The progress page: the update form with the earlier updates, and the form that corrects the current state.
pub(super) fn draw(
    state: &AppState,
    signed: &Signed,
    lang: Lang,
    id: ActionId,
    form: ProgressForm,
    update: UpdateView,
    outcome: Outcome,
) -> Result<Response, AppError> {
    draw_shown(state, signed, lang, id, (form, update), outcome, false)
}

fn draw_shown(
    state: &AppState,
    signed: &Signed,
    lang: Lang,
    id: ActionId,
    (form, update): (ProgressForm, UpdateView),
    outcome: Outcome,
    posted: bool,
) -> Result<Response, AppError> {
    let snapshot = state.snapshot();
    let title = snapshot
        .strategy
        .actions()
        .find(|a| a.id == id)
        .map(|a| a.title.resolve(lang).text.to_owned())
        .unwrap_or_default();
    let path = format!("/actions/{id}/progress");
    let page = StaffPage {
        lang,
        path: &path,
        title_key: "staff-progress-title",
        signed: Some(signed),
    };
    let status = status_of(&outcome);
    let view = FormView {
        id: id.get(),
        title,
        states: ActionState::ALL
            .iter()
            .map(|s| Choice {
                value: s.as_str(),
                label: state.i18n.text(lang, &format!("action-state-{}", s.as_str())),
            })
            .collect(),
        note: lang_inputs("note", form.note()),
        form,
        update,
        outcome,
        posted,
        schedules: crate::domain::access::policy::permits(
            &signed.account,
            crate::domain::access::policy::Operation::ScheduleUpdates,
            crate::domain::access::policy::Subject::Action(id),
            &snapshot.cascade.organisations,
        ),
    };
    respond(&page, state, "staff/progress.html", status, view)
}

pub async fn form(
    State(state): State<AppState>,
    Path((lang, id)): Path<(String, String)>,
    Query(query): Query<Shown>,
    Extension(signed): Extension<Signed>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    let id = action_id(&id)?;
    let snapshot = state.snapshot();
    let log = crate::app::updates::log(state.store.as_ref(), scope(&snapshot), &signed.account, id).await?;
    let outcome = Outcome {
        saved: query.saved.is_some(),
        ..Outcome::default()
    };
    let item = Item::Progress(log.current.clone());
    let forms = (
        ProgressForm::from_item(&item),
        super::updates::view(UpdateForm::fresh(&log), &log),
    );
    draw_shown(&state, &signed, lang, id, forms, outcome, query.posted.is_some())
}

fn compare(state: &AppState, lang: Lang, current: &Item, form: &ProgressForm) -> Vec<Compared> {
    let saved = ProgressForm::from_item(current);
    let label = |key: &str| state.i18n.text(lang, key);
    let state_label = |code: &str| match code {
        "" => String::new(),
        code => label(&format!("action-state-{code}")),
    };
    let mut rows = vec![
        Compared {
            label: label("staff-progress-state"),
            saved: state_label(&saved.state),
            yours: state_label(form.state.trim()),
        },
        Compared {
            label: label("staff-progress-percent"),
            saved: saved.percent.clone(),
            yours: form.percent.trim().to_owned(),
        },
        Compared {
            label: label("staff-progress-as-of"),
            saved: saved.as_of.clone(),
            yours: form.as_of.trim().to_owned(),
        },
    ];
    let saved_note = [saved.note_fi, saved.note_sv, saved.note_en];
    rows.extend(compare_text(
        state,
        lang,
        "staff-progress-note",
        saved_note,
        form.note(),
    ));
    rows
}

pub async fn save(
    State(state): State<AppState>,
    Path((lang, id)): Path<(String, String)>,
    Extension(signed): Extension<Signed>,
    Form(form): Form<ProgressForm>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    let id = action_id(&id)?;
    let snapshot = state.snapshot();
    let item = ItemRef::Progress(id);
    let before = crate::app::edits::read(state.store.as_ref(), scope(&snapshot), &signed.account, item).await?;
    let Item::Progress(before) = before else {
        return Err(crate::http::staff::edits::another_kind());
    };
    let checked = progress_from_input(
        id,
        &form.state,
        &form.percent,
        &form.as_of,
        form.note(),
        before.as_ref(),
    );
    let errors = messages(
        &state,
        lang,
        checked.as_ref().err().cloned().unwrap_or_default(),
        &form.reason,
    );
    let progress = match checked {
        Ok(progress) if errors.is_empty() => progress,
        _ => {
            let outcome = Outcome {
                errors,
                ..Outcome::default()
            };
            return draw_with_log(&state, &signed, (lang, id), form, outcome).await;
        }
    };
    let edit = Edit {
        item,
        after: Item::Progress(Some(progress)),
    };
    let expected = Revision::from_client(&form.revision);
    let back = format!("/staff/{lang}/actions/{id}/progress");
    match finish(&state, &signed, &edit, &expected, &form.reason, &back).await? {
        Finished::Redirect(response) => Ok(response),
        Finished::Stale(current) => {
            let outcome = Outcome {
                conflict: compare(&state, lang, &current, &form),
                ..Outcome::default()
            };
            let form = ProgressForm {
                revision: current.revision().to_string(),
                ..form
            };
            draw_with_log(&state, &signed, (lang, id), form, outcome).await
        }
    }
}

/// The page again after the correction form, with the update form fresh and the updates as stored now.
async fn draw_with_log(
    state: &AppState,
    signed: &Signed,
    (lang, id): (Lang, ActionId),
    form: ProgressForm,
    outcome: Outcome,
) -> Result<Response, AppError> {
    let snapshot = state.snapshot();
    let log = crate::app::updates::log(state.store.as_ref(), scope(&snapshot), &signed.account, id).await?;
    let update = super::updates::view(UpdateForm::fresh(&log), &log);
    draw(state, signed, lang, id, form, update, outcome)
}
