//! API tokens, for admins: the list with each token's reach and state, a form to create one for an account
//! (its secret shown once, on the page that answers the form, and never again: only its hash is stored), and
//! a form on each live token to revoke it with a reason. Both are audited. Tokens are part of managing
//! accounts, so they ask for the same operation of the policy table.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::{Extension, Form};
use chrono::{Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::view::StaffPage;
use super::{parse_lang, see_other, Signed};
use crate::app::accounts::api_tokens::{create_token, revoke_token, CreateTokenError, CreatedToken};
use crate::domain::access::policy::Operation;
use crate::domain::access::{Account, Assignment, NewApiToken, Role, TokenError, TokenScope};
use crate::domain::cascade::has_full_date_shape;
use crate::domain::change::Change;
use crate::domain::{ActionId, IndicatorId, Lang, Slug};
use crate::http::{AppError, AppState};
use crate::store::StoreError;

/// Field errors by the field's id (the revoke forms' fields are per token, `reason-{id}`).
type Errors = BTreeMap<String, String>;

#[derive(Deserialize, Serialize, Default, Clone)]
pub struct TokenForm {
    #[serde(default)]
    account: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    organisation: String,
    #[serde(default)]
    indicators: String,
    #[serde(default)]
    actions: String,
    #[serde(default)]
    expires: String,
    #[serde(default)]
    reason: String,
}

impl TokenForm {
    /// The form as it first appears: the role most integrations need.
    fn blank() -> TokenForm {
        TokenForm {
            role: Role::StrategyEditor.as_str().to_owned(),
            ..TokenForm::default()
        }
    }
}

#[derive(Deserialize)]
pub struct RevokeForm {
    #[serde(default)]
    reason: String,
}

#[derive(Deserialize)]
pub struct Revoked {
    revoked: Option<String>,
}

#[derive(Serialize)]
struct Line {
    id: i64,
    name: String,
    account: String,
    role: &'static str,
    organisation: Option<String>,
    assignments: Vec<Reached>,
    created: String,
    /// The last day it works, UTC.
    until: Option<String>,
    state: &'static str,
}

/// An item an action owner's token reaches: `kind` names its message (`staff-token-reach-indicator`).
#[derive(Serialize)]
struct Reached {
    kind: &'static str,
    id: u32,
}

#[derive(Serialize)]
struct Choice {
    value: String,
    label: String,
}

#[derive(Serialize)]
struct Secret {
    name: String,
    secret: String,
}

#[derive(Serialize, Default)]
struct TokensView {
    tokens: Vec<Line>,
    created: Option<Secret>,
    revoked: bool,
    form: TokenForm,
    errors: Errors,
    accounts: Vec<Choice>,
    roles: Vec<Choice>,
    organisations: Vec<Choice>,
}

fn require_admin(state: &AppState, signed: &Signed) -> Result<(), AppError> {
    signed.require(state, Operation::ManageAccounts)
}

fn page(lang: Lang, signed: &Signed) -> StaffPage<'_> {
    StaffPage {
        lang,
        path: "/tokens",
        title_key: "staff-tokens-title",
        signed: Some(signed),
    }
}

async fn view(
    state: &AppState,
    lang: Lang,
    accounts: &[Account],
    form: TokenForm,
    errors: Errors,
) -> Result<TokensView, AppError> {
    let now = Utc::now();
    let email = |id: i64| {
        accounts
            .iter()
            .find(|a| a.id == id)
            .map_or_else(|| format!("user:{id}"), |a| a.email.to_string())
    };
    let tokens = state
        .store
        .api_tokens()
        .await?
        .into_iter()
        .map(|token| Line {
            id: token.id,
            account: email(token.account_id),
            role: token.scope.role.as_str(),
            organisation: token.scope.organisation.as_ref().map(Slug::to_string),
            assignments: token.scope.assignments.iter().map(reached).collect(),
            created: token.created_at.format("%Y-%m-%d %H:%M UTC").to_string(),
            until: token
                .expires_at
                .map(|end| (end - Duration::seconds(1)).format("%Y-%m-%d").to_string()),
            state: token.state(now).as_str(),
            name: token.name,
        })
        .collect();
    let snapshot = state.snapshot();
    let mut organisations = vec![Choice {
        value: String::new(),
        label: state.i18n.text(lang, "staff-organisation-none"),
    }];
    organisations.extend(snapshot.cascade.organisations.iter().map(|o| {
        Choice {
            value: o.slug.to_string(),
            label: o
                .name
                .get(lang)
                .or_else(|| o.name.get(Lang::Fi))
                .unwrap_or_default()
                .to_owned(),
        }
    }));
    let mut account_choices = vec![Choice {
        value: String::new(),
        label: state.i18n.text(lang, "staff-token-account-choose"),
    }];
    account_choices.extend(accounts.iter().filter(|a| a.active).map(|a| Choice {
        value: a.id.to_string(),
        label: format!("{} ({})", a.display_name, a.email),
    }));
    Ok(TokensView {
        tokens,
        accounts: account_choices,
        roles: Role::ALL
            .iter()
            .map(|role| Choice {
                value: role.as_str().to_owned(),
                label: state.i18n.text(lang, &format!("role-{role}")),
            })
            .collect(),
        organisations,
        form,
        errors,
        ..TokensView::default()
    })
}

/// The page again with the form's errors next to their fields and what was typed kept.
async fn refuse(
    state: &AppState,
    lang: Lang,
    signed: &Signed,
    form: TokenForm,
    errors: Errors,
) -> Result<Response, AppError> {
    let accounts = state.store.accounts().await?;
    let view = view(state, lang, &accounts, form, errors).await?;
    page(lang, signed).respond_with(state, StatusCode::UNPROCESSABLE_ENTITY, "staff/tokens.html", view)
}

fn reached(assignment: &Assignment) -> Reached {
    match assignment {
        Assignment::Indicator(id) => Reached {
            kind: "indicator",
            id: id.get(),
        },
        Assignment::Action(id) => Reached {
            kind: "action",
            id: id.get(),
        },
    }
}

pub async fn list(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    Query(query): Query<Revoked>,
    Extension(signed): Extension<Signed>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    require_admin(&state, &signed)?;
    let accounts = state.store.accounts().await?;
    let view = TokensView {
        revoked: query.revoked.is_some(),
        ..view(&state, lang, &accounts, TokenForm::blank(), Errors::new()).await?
    };
    page(lang, &signed).respond(&state, "staff/tokens.html", view)
}

/// Whole numbers separated by commas or spaces, each an id of the kind `make` builds.
fn ids<T: std::str::FromStr>(text: &str, make: impl Fn(T) -> Assignment) -> Option<Vec<Assignment>> {
    text.split([',', ' '])
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(|id| id.parse::<T>().ok().map(&make))
        .collect()
}

/// Reads and checks every field, so the person sees all problems at once, next to their fields.
fn check(state: &AppState, lang: Lang, form: &TokenForm, accounts: &[Account]) -> Result<(i64, NewApiToken), Errors> {
    let mut errors = Errors::new();
    let mut error = |field: &str, key: &str| {
        errors
            .entry(field.to_owned())
            .or_insert_with(|| state.i18n.text(lang, key));
    };
    check_fields(form, accounts, &mut error).ok_or(errors)
}

/// The token the form describes and its account; every problem is reported to `error` (field, message id).
fn check_fields(
    form: &TokenForm,
    accounts: &[Account],
    error: &mut impl FnMut(&str, &str),
) -> Option<(i64, NewApiToken)> {
    let mut fine = true;
    let mut error = |field: &str, key: &str| {
        fine = false;
        error(field, key);
    };
    let account = form
        .account
        .parse::<i64>()
        .ok()
        .filter(|id| accounts.iter().any(|a| a.id == *id && a.active));
    if account.is_none() {
        error("account", "token-error-account");
    }
    if let Err(refused) = NewApiToken::checked_name(&form.name) {
        error("name", refused.message_id());
    }
    let role = form.role.parse::<Role>().ok();
    if role.is_none() {
        error("role", "account-error-role");
    }
    let organisation = match form.organisation.trim() {
        "" => None,
        slug => {
            let parsed = Slug::parse(slug).ok();
            if parsed.is_none() {
                error("organisation", "account-error-unknown-organisation");
            }
            parsed
        }
    };
    let indicators = ids::<IndicatorId>(&form.indicators, Assignment::Indicator);
    if indicators.is_none() {
        error("indicators", "token-error-indicators");
    }
    let actions = ids::<ActionId>(&form.actions, Assignment::Action);
    if actions.is_none() {
        error("actions", "token-error-actions");
    }
    let expires = match form.expires.trim() {
        "" => Some(None),
        day if has_full_date_shape(day) => day.parse::<NaiveDate>().ok().map(Some),
        _ => None,
    };
    if expires.is_none() {
        error("expires", "token-error-expiry");
    }
    if form.reason.trim().is_empty() || form.reason.chars().count() > 500 {
        error("reason", "staff-error-reason");
    }
    if let (Some(account), Some(role), Some(indicators), Some(actions), Some(expires)) =
        (account, role, indicators, actions, expires)
    {
        let scope = TokenScope {
            role,
            organisation,
            assignments: indicators.into_iter().chain(actions).collect(),
        };
        match NewApiToken::new(&form.name, scope, expires, Utc::now().date_naive()) {
            Ok(token) => return fine.then_some((account, token)),
            Err(refused) => {
                let field = match refused {
                    TokenError::Name => "name",
                    TokenError::Organisation(_) => "organisation",
                    TokenError::Assignments => "indicators",
                    TokenError::Expiry => "expires",
                };
                error(field, refused.message_id());
            }
        }
    }
    None
}

pub async fn create(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    Extension(signed): Extension<Signed>,
    Form(form): Form<TokenForm>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    require_admin(&state, &signed)?;
    let accounts = state.store.accounts().await?;
    let (account, token) = match check(&state, lang, &form, &accounts) {
        Ok(checked) => checked,
        Err(errors) => return refuse(&state, lang, &signed, form, errors).await,
    };
    let change = Change::new(format!("user:{}", signed.account.id), form.reason.trim());
    let (field, message) = match create_token(state.store.as_ref(), account, &token, &change, Utc::now()).await {
        Ok(CreatedToken { secret, .. }) => {
            // Shown on this answer to the form and nowhere else: a redirect would have to carry the secret.
            let view = TokensView {
                created: Some(Secret {
                    name: token.name,
                    secret,
                }),
                ..view(&state, lang, &accounts, TokenForm::blank(), Errors::new()).await?
            };
            return page(lang, &signed).respond(&state, "staff/tokens.html", view);
        }
        Err(CreateTokenError::UnknownOrganisation(_)) => (
            "organisation",
            state.i18n.text(lang, "account-error-unknown-organisation"),
        ),
        Err(CreateTokenError::UnknownIndicator(id)) => (
            "indicators",
            state
                .i18n
                .with_arg(lang, "token-error-unknown-indicator", "value", id.to_string()),
        ),
        Err(CreateTokenError::UnknownAction(id)) => (
            "actions",
            state
                .i18n
                .with_arg(lang, "token-error-unknown-action", "value", id.to_string()),
        ),
        Err(CreateTokenError::Store(StoreError::NotFound(_))) => {
            ("account", state.i18n.text(lang, "token-error-account"))
        }
        Err(CreateTokenError::Store(error)) => return Err(error.into()),
        Err(CreateTokenError::Other(error)) => return Err(AppError::Internal(error)),
    };
    refuse(&state, lang, &signed, form, Errors::from([(field.to_owned(), message)])).await
}

pub async fn revoke(
    State(state): State<AppState>,
    Path((lang, id)): Path<(String, String)>,
    Extension(signed): Extension<Signed>,
    Form(form): Form<RevokeForm>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    require_admin(&state, &signed)?;
    let id: i64 = id
        .parse()
        .map_err(|_| AppError::not_found("problem-detail-no-page", ""))?;
    let reason = form.reason.trim();
    if reason.is_empty() || reason.chars().count() > 500 {
        let errors = Errors::from([(format!("reason-{id}"), state.i18n.text(lang, "staff-error-reason"))]);
        return refuse(&state, lang, &signed, TokenForm::blank(), errors).await;
    }
    let change = Change::new(format!("user:{}", signed.account.id), reason);
    if !revoke_token(state.store.as_ref(), id, &change, Utc::now()).await? {
        return Err(AppError::not_found("problem-detail-no-page", ""));
    }
    Ok(see_other(&format!("/staff/{lang}/tokens?revoked=1")))
}
