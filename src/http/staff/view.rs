//! The frame of every staff page: languages, navigation by what the role may do, the sign-out form.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use serde::Serialize;

use super::Signed;
use crate::domain::access::policy::{permits, Operation, Subject};
use crate::domain::Lang;
use crate::http::error::page_with_status;
use crate::http::{AppError, AppState};

#[derive(Serialize)]
struct Alternate {
    lang: &'static str,
    href: String,
    current: bool,
}

#[derive(Serialize)]
struct NavItem {
    href: String,
    label_key: &'static str,
    current: bool,
}

#[derive(Serialize)]
struct Me<'a> {
    name: &'a str,
    email: &'a str,
    role: &'static str,
    organisation: Option<&'a str>,
}

/// What every staff page's frame needs; the page's own fields are flattened beside it, so the frame's names
/// must not be ones a page uses (a page's `title` would replace the frame's).
#[derive(Serialize)]
struct Frame<'a, T: Serialize> {
    lang: &'static str,
    page_title: String,
    alternates: Vec<Alternate>,
    nav: Vec<NavItem>,
    me: Option<Me<'a>>,
    csrf: &'a str,
    #[serde(flatten)]
    page: T,
}

/// One staff page: `path` is its address after `/staff/{lang}` (e.g. `/sessions`), so the language
/// switcher can keep the person on it.
pub struct StaffPage<'a> {
    pub lang: Lang,
    pub path: &'a str,
    pub title_key: &'static str,
    pub signed: Option<&'a Signed>,
}

impl StaffPage<'_> {
    pub fn render(&self, state: &AppState, template: &str, page: impl Serialize) -> Result<String, AppError> {
        let nav = match self.signed {
            Some(signed) => navigation(state, signed, self.lang, self.path),
            None => Vec::new(),
        };
        let frame = Frame {
            lang: self.lang.code(),
            page_title: state.i18n.text(self.lang, self.title_key),
            alternates: Lang::ALL
                .iter()
                .map(|&lang| Alternate {
                    lang: lang.code(),
                    href: format!("/staff/{lang}{}", self.path),
                    current: lang == self.lang,
                })
                .collect(),
            nav,
            me: self.signed.map(|signed| Me {
                name: &signed.account.display_name,
                email: signed.account.email.as_str(),
                role: signed.account.role.as_str(),
                organisation: signed.account.organisation.as_ref().map(|o| o.as_str()),
            }),
            csrf: self.signed.map_or("", |signed| signed.session.csrf_token.as_str()),
            page,
        };
        Ok(state.templates.render(template, frame)?)
    }

    pub fn respond(&self, state: &AppState, template: &str, page: impl Serialize) -> Result<Response, AppError> {
        Ok(Html(self.render(state, template, page)?).into_response())
    }

    /// The page with an error status, kept as rendered: a form with its errors and what was typed.
    pub fn respond_with(
        &self,
        state: &AppState,
        status: StatusCode,
        template: &str,
        page: impl Serialize,
    ) -> Result<Response, AppError> {
        Ok(page_with_status(status, self.render(state, template, page)?))
    }
}

fn navigation(state: &AppState, signed: &Signed, lang: Lang, current: &str) -> Vec<NavItem> {
    let organisations = &state.snapshot().cascade.organisations;
    let mut items = vec![("/", "staff-nav-home")];
    if permits(&signed.account, Operation::RecordValues, Subject::Any, organisations) {
        items.push(("/indicators", "staff-nav-indicators"));
    }
    if permits(
        &signed.account,
        Operation::ReportActionProgress,
        Subject::Any,
        organisations,
    ) {
        items.push(("/actions", "staff-nav-actions"));
    }
    if permits(&signed.account, Operation::EditTargets, Subject::Any, organisations) {
        items.push(("/targets", "staff-nav-targets"));
    }
    if permits(&signed.account, Operation::ViewInternal, Subject::Any, organisations) {
        items.push(("/versions", "staff-nav-versions"));
    }
    if permits(&signed.account, Operation::ManageAccounts, Subject::Any, organisations) {
        items.push(("/accounts", "staff-nav-accounts"));
        items.push(("/tokens", "staff-nav-tokens"));
    }
    if permits(&signed.account, Operation::ReadAuditLog, Subject::Any, organisations) {
        items.push(("/audit", "staff-nav-audit"));
    }
    if permits(&signed.account, Operation::ViewInternal, Subject::Any, organisations) {
        items.push(("/connectors", "staff-nav-connectors"));
    }
    if permits(&signed.account, Operation::ReadMailOutbox, Subject::Any, organisations) {
        items.push(("/mail", "staff-nav-mail"));
    }
    if permits(&signed.account, Operation::RemindOwners, Subject::Any, organisations) {
        items.push(("/reminders", "staff-nav-reminders"));
    }
    if permits(
        &signed.account,
        Operation::ReviewTranslations,
        Subject::Any,
        organisations,
    ) {
        items.push(("/translations", "staff-nav-translations"));
    }
    items.push(("/sessions", "staff-nav-sessions"));
    items
        .into_iter()
        .map(|(path, label_key)| NavItem {
            href: format!("/staff/{lang}{path}"),
            label_key,
            current: path == current,
        })
        .collect()
}
