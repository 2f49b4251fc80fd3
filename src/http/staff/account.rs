//! One account, for admins: its role and organisation, the actions and indicators an action owner answers
//! for, and whether it may sign in. Deactivating an account ends its sessions at once.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::{Extension, Form};
use chrono::Utc;
use serde::{Deserialize, Serialize};

use super::accounts::{organisation_choices, require_admin, role_choices, Choice};
use super::edits::Saved;
use super::view::StaffPage;
use super::{parse_lang, see_other, Signed};
use crate::domain::access::{Account, AccountChanges, Assignment, Role};
use crate::domain::change::Change;
use crate::domain::{ActionId, IndicatorId, Lang, Slug};
use crate::http::{AppError, AppState};

#[derive(Deserialize, Serialize, Default)]
pub struct ReachForm {
    #[serde(default)]
    role: String,
    #[serde(default)]
    organisation: String,
    /// A checkbox: present when ticked.
    #[serde(default)]
    active: Option<String>,
    /// Action numbers separated by commas or spaces.
    #[serde(default)]
    actions: String,
    #[serde(default)]
    indicators: String,
    #[serde(default)]
    reason: String,
}

impl ReachForm {
    fn of(account: &Account) -> ReachForm {
        let keys = |action: bool| {
            account
                .assignments
                .iter()
                .filter_map(|a| match (a, action) {
                    (Assignment::Action(id), true) => Some(id.to_string()),
                    (Assignment::Indicator(id), false) => Some(id.to_string()),
                    _ => None,
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        ReachForm {
            role: account.role.as_str().to_owned(),
            organisation: account.organisation.as_ref().map(|o| o.to_string()).unwrap_or_default(),
            active: account.active.then(|| "on".to_owned()),
            actions: keys(true),
            indicators: keys(false),
            reason: String::new(),
        }
    }
}

#[derive(Serialize)]
struct AccountView {
    id: i64,
    name: String,
    email: String,
    form: ReachForm,
    roles: Vec<Choice>,
    organisations: Vec<Choice>,
    errors: BTreeMap<&'static str, String>,
    saved: bool,
}

async fn find(state: &AppState, id: &str) -> Result<Account, AppError> {
    let id: i64 = id
        .parse()
        .map_err(|_| AppError::not_found("problem-detail-no-page", ""))?;
    state
        .store
        .accounts()
        .await?
        .into_iter()
        .find(|a| a.id == id)
        .ok_or_else(|| AppError::not_found("problem-detail-no-page", ""))
}

fn draw(
    state: &AppState,
    signed: &Signed,
    lang: Lang,
    account: &Account,
    form: ReachForm,
    errors: BTreeMap<&'static str, String>,
    saved: bool,
) -> Result<Response, AppError> {
    let path = format!("/accounts/{}", account.id);
    let page = StaffPage {
        lang,
        path: &path,
        title_key: "staff-account-title",
        signed: Some(signed),
    };
    let status = (!errors.is_empty()).then_some(axum::http::StatusCode::UNPROCESSABLE_ENTITY);
    let view = AccountView {
        id: account.id,
        name: account.display_name.clone(),
        email: account.email.to_string(),
        form,
        roles: role_choices(state, lang),
        organisations: organisation_choices(state, lang),
        errors,
        saved,
    };
    match status {
        Some(status) => page.respond_with(state, status, "staff/account.html", view),
        None => page.respond(state, "staff/account.html", view),
    }
}

pub async fn form(
    State(state): State<AppState>,
    Path((lang, id)): Path<(String, String)>,
    Query(query): Query<Saved>,
    Extension(signed): Extension<Signed>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    require_admin(&state, &signed)?;
    let account = find(&state, &id).await?;
    let form = ReachForm::of(&account);
    draw(
        &state,
        &signed,
        lang,
        &account,
        form,
        BTreeMap::new(),
        query.saved.is_some(),
    )
}

/// Numbers separated by commas or spaces, each one that `exists`; `None` when any is not.
fn numbers<T: std::str::FromStr>(text: &str, exists: impl Fn(&T) -> bool) -> Option<Vec<T>> {
    text.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|part| !part.is_empty())
        .map(|part| part.parse::<T>().ok().filter(|id| exists(id)))
        .collect()
}

/// Checks every field, so the admin sees all problems at once, next to their fields.
fn check(state: &AppState, lang: Lang, form: &ReachForm) -> Result<AccountChanges, BTreeMap<&'static str, String>> {
    let snapshot = state.snapshot();
    let mut errors = BTreeMap::new();
    let message = |key: &str| state.i18n.text(lang, key);
    let role = form.role.parse::<Role>().ok();
    if role.is_none() {
        errors.insert("role", message("account-error-role"));
    }
    let organisation = match form.organisation.trim() {
        "" => Some(None),
        slug => Slug::parse(slug)
            .ok()
            .filter(|s| snapshot.cascade.organisation(s).is_some())
            .map(Some),
    };
    if organisation.is_none() {
        errors.insert("organisation", message("account-error-unknown-organisation"));
    }
    let actions = numbers::<ActionId>(&form.actions, |id| snapshot.strategy.actions().any(|a| a.id == *id));
    if actions.is_none() {
        errors.insert("actions", message("account-error-unknown-action"));
    }
    let indicators = numbers::<IndicatorId>(&form.indicators, |id| snapshot.cascade.indicator(*id).is_some());
    if indicators.is_none() {
        errors.insert("indicators", message("account-error-unknown-indicator"));
    }
    let reason = form.reason.trim();
    if reason.is_empty() || reason.chars().count() > 500 {
        errors.insert("reason", message("staff-error-reason"));
    }
    let (Some(role), Some(organisation), Some(actions), Some(indicators)) = (role, organisation, actions, indicators)
    else {
        return Err(errors);
    };
    let assignments = actions
        .into_iter()
        .map(Assignment::Action)
        .chain(indicators.into_iter().map(Assignment::Indicator))
        .collect();
    match AccountChanges::new(role, organisation, form.active.is_some(), assignments) {
        Ok(changes) if errors.is_empty() => Ok(changes),
        Ok(_) => Err(errors),
        Err(error) => {
            let field = match error {
                crate::domain::access::AccountError::Assignments => "actions",
                _ => "organisation",
            };
            errors.insert(field, message(error.message_id()));
            Err(errors)
        }
    }
}

pub async fn save(
    State(state): State<AppState>,
    Path((lang, id)): Path<(String, String)>,
    Extension(signed): Extension<Signed>,
    Form(form): Form<ReachForm>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    require_admin(&state, &signed)?;
    let account = find(&state, &id).await?;
    let checked = check(&state, lang, &form).and_then(|changes| {
        // An admin cannot lock themselves out: the city could be left without anyone to manage accounts.
        if account.id == signed.account.id && (changes.role != Role::Admin || !changes.active) {
            let message = state.i18n.text(lang, "account-error-own-reach");
            return Err(BTreeMap::from([("role", message)]));
        }
        Ok(changes)
    });
    let changes = match checked {
        Ok(changes) => changes,
        Err(errors) => return draw(&state, &signed, lang, &account, form, errors, false),
    };
    let change = Change::new(format!("user:{}", signed.account.id), form.reason.trim());
    crate::app::accounts::change_account(state.store.as_ref(), account.id, &changes, &change, Utc::now()).await?;
    Ok(see_other(&format!("/staff/{lang}/accounts/{}?saved=1", account.id)))
}
