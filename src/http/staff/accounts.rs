//! Accounts, for admins: the list, and a form to create one (with a local password, or for OpenID only).

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::{Extension, Form};
use serde::{Deserialize, Serialize};

use super::view::StaffPage;
use super::{parse_lang, see_other, Signed};
use crate::domain::access::policy::Operation;
use crate::domain::access::{AccountError, NewAccount, Password, Role};
use crate::domain::change::Change;
use crate::domain::{Lang, Slug};
use crate::http::{AppError, AppState};
use crate::store::StoreError;

#[derive(Deserialize, Serialize, Default, Clone)]
pub struct AccountForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    organisation: String,
    #[serde(default)]
    language: String,
    #[serde(default, skip_serializing)]
    password: String,
    #[serde(default)]
    reason: String,
}

#[derive(Deserialize)]
pub struct Created {
    created: Option<String>,
}

#[derive(Serialize)]
struct Line {
    id: i64,
    name: String,
    email: String,
    role: &'static str,
    organisation: Option<String>,
    language: &'static str,
}

#[derive(Serialize)]
pub(super) struct Choice {
    pub(super) value: String,
    pub(super) label: String,
}

#[derive(Serialize)]
struct AccountsView {
    accounts: Vec<Line>,
    created: Option<String>,
    form: AccountForm,
    errors: BTreeMap<&'static str, String>,
    roles: Vec<Choice>,
    organisations: Vec<Choice>,
    languages: Vec<Choice>,
}

pub(super) fn require_admin(state: &AppState, signed: &Signed) -> Result<(), AppError> {
    signed.require(state, Operation::ManageAccounts)
}

async fn view(
    state: &AppState,
    lang: Lang,
    form: AccountForm,
    errors: BTreeMap<&'static str, String>,
    created: Option<String>,
) -> Result<AccountsView, AppError> {
    let accounts = state
        .store
        .accounts()
        .await?
        .into_iter()
        .map(|account| Line {
            id: account.id,
            name: account.display_name,
            email: account.email.to_string(),
            role: account.role.as_str(),
            organisation: account.organisation.map(|o| o.to_string()),
            language: account.language.code(),
        })
        .collect();
    Ok(AccountsView {
        accounts,
        created,
        form,
        errors,
        roles: role_choices(state, lang),
        organisations: organisation_choices(state, lang),
        languages: Lang::ALL
            .iter()
            .map(|l| Choice {
                value: l.code().to_owned(),
                label: state.i18n.text(lang, &format!("language-name-{l}")),
            })
            .collect(),
    })
}

pub(super) fn role_choices(state: &AppState, lang: Lang) -> Vec<Choice> {
    Role::ALL
        .iter()
        .map(|role| Choice {
            value: role.as_str().to_owned(),
            label: state.i18n.text(lang, &format!("role-{role}")),
        })
        .collect()
}

/// The city's organisations, after a choice of none (the whole city).
pub(super) fn organisation_choices(state: &AppState, lang: Lang) -> Vec<Choice> {
    let snapshot = state.snapshot();
    let mut organisations = vec![Choice {
        value: String::new(),
        label: state.i18n.text(lang, "staff-organisation-none"),
    }];
    organisations.extend(snapshot.cascade.organisations.iter().map(|o| Choice {
        value: o.slug.to_string(),
        label: o.name.resolve(lang).text.to_owned(),
    }));
    organisations
}

fn page(lang: Lang, signed: &Signed) -> StaffPage<'_> {
    StaffPage {
        lang,
        path: "/accounts",
        title_key: "staff-accounts-title",
        signed: Some(signed),
    }
}

pub async fn list(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    Query(query): Query<Created>,
    Extension(signed): Extension<Signed>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    require_admin(&state, &signed)?;
    let form = AccountForm {
        role: Role::Viewer.as_str().to_owned(),
        language: lang.code().to_owned(),
        ..AccountForm::default()
    };
    let view = view(&state, lang, form, BTreeMap::new(), query.created).await?;
    page(lang, &signed).respond(&state, "staff/accounts.html", view)
}

/// Checks every field, so the person sees all problems at once, next to their fields.
fn check(
    state: &AppState,
    lang: Lang,
    form: &AccountForm,
) -> Result<(NewAccount, Option<Password>), BTreeMap<&'static str, String>> {
    let mut errors = BTreeMap::new();
    let message = |error: &AccountError| state.i18n.text(lang, error.message_id());
    let role = form.role.parse::<Role>();
    if role.is_err() {
        errors.insert("role", state.i18n.text(lang, "account-error-role"));
    }
    let language = form.language.parse::<Lang>();
    if language.is_err() {
        errors.insert("language", state.i18n.text(lang, "account-error-language"));
    }
    let organisation = match form.organisation.trim() {
        "" => None,
        slug => {
            let known = state
                .snapshot()
                .cascade
                .organisations
                .iter()
                .any(|o| o.slug.as_str() == slug);
            match Slug::parse(slug) {
                Ok(slug) if known => Some(slug),
                _ => {
                    errors.insert(
                        "organisation",
                        state.i18n.text(lang, "account-error-unknown-organisation"),
                    );
                    None
                }
            }
        }
    };
    let password = match form.password.as_str() {
        "" => None,
        typed => match Password::new(typed.to_owned()) {
            Ok(password) => Some(password),
            Err(error) => {
                errors.insert("password", message(&error));
                None
            }
        },
    };
    if form.reason.trim().is_empty() || form.reason.chars().count() > 500 {
        errors.insert("reason", state.i18n.text(lang, "staff-error-reason"));
    }
    let name = if form.name.trim().is_empty() {
        form.email.trim()
    } else {
        form.name.as_str()
    };
    if let (Ok(role), Ok(language)) = (role, language) {
        match NewAccount::new(&form.email, name, role, organisation, language) {
            Ok(account) if errors.is_empty() => return Ok((account, password)),
            Ok(_) => {}
            Err(error) => {
                let field = match error {
                    AccountError::Email => "email",
                    AccountError::DisplayName => "name",
                    AccountError::Password => "password",
                    AccountError::Organisation(_) => "organisation",
                    AccountError::Assignments => "actions",
                };
                errors.entry(field).or_insert_with(|| message(&error));
            }
        }
    }
    Err(errors)
}

pub async fn create(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    Extension(signed): Extension<Signed>,
    Form(form): Form<AccountForm>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    require_admin(&state, &signed)?;
    let (account, password) = match check(&state, lang, &form) {
        Ok(checked) => checked,
        Err(errors) => {
            let view = view(&state, lang, form, errors, None).await?;
            return page(lang, &signed).respond_with(
                &state,
                StatusCode::UNPROCESSABLE_ENTITY,
                "staff/accounts.html",
                view,
            );
        }
    };
    let change = Change::new(format!("user:{}", signed.account.id), form.reason.trim());
    let outcome = crate::app::accounts::add_account(
        state.store.as_ref(),
        &state.accounts.hasher,
        &account,
        password.as_ref(),
        &change,
    )
    .await;
    match outcome {
        Ok(_) => Ok(see_other(&format!(
            "/staff/{lang}/accounts?created={}",
            serde_urlencoded::to_string([("", account.email.as_str())])
                .unwrap_or_default()
                .trim_start_matches('=')
        ))),
        Err(error) => match error.downcast::<StoreError>() {
            Ok(StoreError::Conflict(_)) => {
                let mut errors = BTreeMap::new();
                errors.insert("email", state.i18n.text(lang, "account-error-taken"));
                let view = view(&state, lang, form, errors, None).await?;
                page(lang, &signed).respond_with(&state, StatusCode::CONFLICT, "staff/accounts.html", view)
            }
            Ok(other) => Err(other.into()),
            Err(other) => Err(AppError::Internal(other)),
        },
    }
}
