//! Editing a draft version's texts: the version's items by kind in strategy order ([`list`]), and a form per
//! item with every field in Finnish, Swedish and English side by side ([`form`], saved by [`save`]). Every
//! signed-in person may read them; saving is for those who may edit the strategy, and only while the version
//! is a draft. A draft's structure (adding, removing, reordering, moving, splitting and merging items) is
//! changed on its [`structure`] page and the forms of [`structure_form`].

pub mod form;
pub mod list;
pub mod save;
pub mod structure;
pub mod structure_form;

use crate::domain::access::policy::Operation;
use crate::domain::draft::{ItemKey, OwnerKind};
use crate::domain::{Lang, VersionStatus};
use crate::http::staff::Signed;
use crate::http::{AppError, AppState};

/// Reading a version's texts is internal: every staff role may, as it may read unpublished items.
fn may_view(state: &AppState, signed: &Signed) -> Result<(), AppError> {
    signed.require(state, Operation::ViewInternal)
}

/// Whether `signed` may save texts, as the form and the list show it.
fn may_edit(state: &AppState, signed: &Signed) -> bool {
    crate::app::drafts::may_edit(&signed.account, &state.snapshot().cascade.organisations)
}

/// The item a path names; anything else is no page.
fn item_key(kind: &str, key: &str) -> Result<ItemKey, AppError> {
    ItemKey::from_path(kind, key).ok_or_else(|| AppError::not_found("problem-detail-no-page", ""))
}

/// The item as a person reads its name, e.g. "Goal 15".
fn item_label(state: &AppState, lang: Lang, key: &ItemKey) -> String {
    let kind = state.i18n.text(lang, &format!("drafts-item-{}", key.kind.as_str()));
    if key.key.is_empty() {
        kind
    } else {
        format!("{kind} {}", key.key)
    }
}

/// The heading of a kind's group on the list.
fn kind_heading(kind: OwnerKind) -> String {
    format!("drafts-kind-{}", kind.as_str())
}

/// The message key of a field's label.
fn field_label(field: &str) -> String {
    format!("diff-field-{field}")
}

fn status_text(state: &AppState, lang: Lang, status: VersionStatus) -> String {
    state
        .i18n
        .text(lang, &format!("staff-version-status-{}", status.as_str()))
}

/// The address of the list of version `label`'s texts.
fn list_path(label: &str) -> String {
    format!("/versions/{label}/texts")
}

/// The address of version `label`'s structure page.
fn structure_path(label: &str) -> String {
    format!("/versions/{label}/structure")
}

/// The refusal of a change to a version that is not a draft (any more).
fn only_a_draft(label: &str) -> AppError {
    AppError::Conflict {
        detail: "drafts-only-draft",
        value: label.to_owned(),
    }
}

/// The address of an item's form.
fn item_path(label: &str, key: &ItemKey) -> String {
    format!("/versions/{label}/texts/{}/{}", key.kind.as_str(), key.path_key())
}
