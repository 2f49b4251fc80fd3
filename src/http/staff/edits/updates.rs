//! Posting a status update on an action's progress page: state, per cent done, date, a narrative in three
//! languages side by side and links to evidence, with the action's earlier updates listed under the form. The
//! form answers as the other forms do (422 with errors at their fields, 409 with both versions when someone
//! posted meanwhile); a posted update becomes the action's current progress.

use axum::extract::{Path, State};
use axum::response::Response;
use axum::{Extension, Form};
use serde::{Deserialize, Serialize};

use super::progress::{action_id, draw, ProgressForm};
use super::{compare_text, lang_inputs, messages, scope, typed_text, Compared, LangInput, Outcome};
use crate::domain::edit::{
    update_from_input, ActionUpdate, Item, UpdateInput, UpdateLog, EVIDENCE_LIMIT, EVIDENCE_TITLE_FIELDS,
    EVIDENCE_URL_FIELDS,
};
use crate::domain::{Lang, LocalizedText};
use crate::http::staff::{see_other, Signed};
use crate::http::{AppError, AppState};
use crate::store::Posted;

/// The update form as posted, and as drawn afresh (the current state and per cent filled in).
#[derive(Deserialize, Serialize, Default)]
pub struct UpdateForm {
    #[serde(default)]
    update_state: String,
    #[serde(default)]
    update_percent: String,
    #[serde(default)]
    update_as_of: String,
    #[serde(default)]
    narrative_fi: String,
    #[serde(default)]
    narrative_sv: String,
    #[serde(default)]
    narrative_en: String,
    #[serde(default)]
    evidence_title_1: String,
    #[serde(default)]
    evidence_url_1: String,
    #[serde(default)]
    evidence_title_2: String,
    #[serde(default)]
    evidence_url_2: String,
    #[serde(default)]
    evidence_title_3: String,
    #[serde(default)]
    evidence_url_3: String,
    #[serde(default)]
    update_reason: String,
    #[serde(default)]
    update_revision: String,
}

impl UpdateForm {
    fn narrative(&self) -> [&str; 3] {
        [&self.narrative_fi, &self.narrative_sv, &self.narrative_en]
    }

    fn evidence(&self) -> [(&str, &str); EVIDENCE_LIMIT] {
        [
            (&self.evidence_title_1, &self.evidence_url_1),
            (&self.evidence_title_2, &self.evidence_url_2),
            (&self.evidence_title_3, &self.evidence_url_3),
        ]
    }

    /// A new update starts from where the action stands: its state and per cent, a date still to give.
    pub fn fresh(log: &UpdateLog) -> UpdateForm {
        let current = log.current.as_ref();
        UpdateForm {
            update_state: current.map_or("", |p| p.state.as_str()).to_owned(),
            update_percent: current
                .and_then(|p| p.percent)
                .map(|p| p.to_string())
                .unwrap_or_default(),
            update_revision: log.revision().to_string(),
            ..UpdateForm::default()
        }
    }
}

/// One row of evidence inputs.
#[derive(Serialize)]
struct EvidenceRow {
    number: usize,
    title_name: &'static str,
    title: String,
    url_name: &'static str,
    url: String,
}

/// An earlier update as the progress page lists it.
#[derive(Serialize)]
struct HistoryLine {
    posted: String,
    author: Option<String>,
    state_key: String,
    percent: Option<u8>,
    as_of: String,
    narrative: Vec<LangText>,
    evidence: Vec<crate::domain::edit::Evidence>,
}

/// A narrative's text in one language, marked with its language.
#[derive(Serialize)]
struct LangText {
    lang: &'static str,
    text: String,
}

/// The update form and the history, as the progress page shows them.
#[derive(Serialize)]
pub struct UpdateView {
    form: UpdateForm,
    narrative: Vec<LangInput>,
    evidence: Vec<EvidenceRow>,
    history: Vec<HistoryLine>,
}

pub fn view(form: UpdateForm, log: &UpdateLog) -> UpdateView {
    let evidence = form
        .evidence()
        .iter()
        .enumerate()
        .map(|(row, (title, url))| EvidenceRow {
            number: row + 1,
            title_name: EVIDENCE_TITLE_FIELDS[row],
            title: (*title).to_owned(),
            url_name: EVIDENCE_URL_FIELDS[row],
            url: (*url).to_owned(),
        })
        .collect();
    UpdateView {
        narrative: lang_inputs("narrative", form.narrative()),
        evidence,
        history: log.updates.iter().map(history_line).collect(),
        form,
    }
}

fn history_line(update: &ActionUpdate) -> HistoryLine {
    let content = &update.content;
    HistoryLine {
        posted: update.created_at.format("%Y-%m-%d %H:%M UTC").to_string(),
        author: update.author.clone(),
        state_key: format!("action-state-{}", content.state.as_str()),
        percent: content.percent,
        as_of: content.as_of.to_string(),
        narrative: content.narrative.as_ref().map(lang_texts).unwrap_or_default(),
        evidence: content.evidence.clone(),
    }
}

fn lang_texts(text: &LocalizedText) -> Vec<LangText> {
    Lang::ALL
        .iter()
        .filter_map(|&lang| {
            text.get(lang).map(|t| LangText {
                lang: lang.code(),
                text: t.to_owned(),
            })
        })
        .collect()
}

/// Both versions of what a stale update form would have changed: the action as it stands now and the update.
fn compare(state: &AppState, lang: Lang, current: &UpdateLog, form: &UpdateForm) -> Vec<Compared> {
    let label = |key: &str| state.i18n.text(lang, key);
    let state_label = |code: &str| match code {
        "" => String::new(),
        code => label(&format!("action-state-{code}")),
    };
    let now = current.current.as_ref();
    let mut rows = vec![
        Compared {
            label: label("staff-progress-state"),
            saved: state_label(now.map_or("", |p| p.state.as_str())),
            yours: state_label(form.update_state.trim()),
        },
        Compared {
            label: label("staff-progress-percent"),
            saved: now.and_then(|p| p.percent).map(|p| p.to_string()).unwrap_or_default(),
            yours: form.update_percent.trim().to_owned(),
        },
        Compared {
            label: label("staff-progress-as-of"),
            saved: now.map(|p| p.as_of.to_string()).unwrap_or_default(),
            yours: form.update_as_of.trim().to_owned(),
        },
    ];
    let saved = typed_text(now.and_then(|p| p.note.as_ref()));
    rows.extend(compare_text(
        state,
        lang,
        "staff-update-narrative",
        saved,
        form.narrative(),
    ));
    rows
}

pub async fn post(
    State(state): State<AppState>,
    Path((lang, id)): Path<(String, String)>,
    Extension(signed): Extension<Signed>,
    Form(form): Form<UpdateForm>,
) -> Result<Response, AppError> {
    let lang = crate::http::staff::parse_lang(&lang)?;
    let id = action_id(&id)?;
    let snapshot = state.snapshot();
    let log = crate::app::updates::log(state.store.as_ref(), scope(&snapshot), &signed.account, id).await?;
    let input = UpdateInput {
        state: &form.update_state,
        percent: &form.update_percent,
        as_of: &form.update_as_of,
        narrative: form.narrative(),
        evidence: form.evidence().to_vec(),
    };
    let checked = update_from_input(id, &input);
    let mut errors = messages(
        &state,
        lang,
        checked.as_ref().err().cloned().unwrap_or_default(),
        &form.update_reason,
    );
    // The shared check names the reason `reason`; this form's field is `update_reason`.
    if let Some(message) = errors.remove("reason") {
        errors.insert("update_reason", message);
    }
    // An update dated before the current progress would turn the action back in time: correct it instead.
    if let Ok(update) = &checked {
        if log.backdates(update) {
            errors.insert("update_as_of", state.i18n.text(lang, "staff-error-update-backdated"));
        }
    }
    let update = match checked {
        Ok(update) if errors.is_empty() => update,
        _ => {
            let outcome = Outcome {
                errors,
                ..Outcome::default()
            };
            return redraw(&state, &signed, lang, id, form, &log, outcome);
        }
    };
    let change = crate::domain::change::Change::new(format!("user:{}", signed.account.id), form.update_reason.trim());
    let expected = crate::domain::edit::Revision::from_client(&form.update_revision);
    let posted = crate::app::updates::post(
        state.store.as_ref(),
        scope(&snapshot),
        &signed.account,
        &update,
        &expected,
        &change,
    )
    .await?;
    match posted {
        Posted::Saved(_) | Posted::Unchanged(_) => {
            // Pages read the snapshot: bring this server's up to date before the person sees the action again.
            state.refresh().await.map_err(AppError::Internal)?;
            Ok(see_other(&format!("/staff/{lang}/actions/{id}/progress?posted=1")))
        }
        Posted::Stale(current) => {
            let outcome = Outcome {
                conflict: compare(&state, lang, &current, &form),
                ..Outcome::default()
            };
            let form = UpdateForm {
                update_revision: current.revision().to_string(),
                ..form
            };
            redraw(&state, &signed, lang, id, form, &current, outcome)
        }
    }
}

/// The progress page again with what was typed into the update form, the correction form as stored.
fn redraw(
    state: &AppState,
    signed: &Signed,
    lang: Lang,
    id: crate::domain::ActionId,
    form: UpdateForm,
    log: &UpdateLog,
    outcome: Outcome,
) -> Result<Response, AppError> {
    let progress = ProgressForm::from_item(&Item::Progress(log.current.clone()));
    draw(state, signed, lang, id, progress, view(form, log), outcome)
}
