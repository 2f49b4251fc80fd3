//! The list of a version's texts: its items grouped by kind in strategy order, each with its Finnish text
//! shortened and what its Swedish and English translations lack, linking to the item's form while the
//! version is a draft.

use axum::extract::{Path, State};
use axum::response::Response;
use axum::Extension;
use serde::Serialize;

use super::{item_label, item_path, kind_heading, list_path, may_edit, may_view, status_text};
use crate::domain::draft::ItemTexts;
use crate::domain::{Lang, VersionStatus};
use crate::http::staff::view::StaffPage;
use crate::http::staff::{parse_lang, Signed};
use crate::http::{AppError, AppState};

/// How much of an item's Finnish text the list shows, in characters.
const SHORT: usize = 120;

#[derive(Serialize)]
struct Row {
    label: String,
    href: String,
    text: String,
    flags: Vec<String>,
}

#[derive(Serialize)]
struct Group {
    heading_key: String,
    id: &'static str,
    rows: Vec<Row>,
}

#[derive(Serialize)]
struct ListView {
    version: String,
    status: String,
    editable: bool,
    may_edit: bool,
    groups: Vec<Group>,
}

fn shortened(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= SHORT {
        flat
    } else {
        let cut: String = flat.chars().take(SHORT).collect();
        format!("{}…", cut.trim_end())
    }
}

/// What the item's translations lack, in the page's language: "sv missing", "en not reviewed".
fn flags(state: &AppState, lang: Lang, item: &ItemTexts) -> Vec<String> {
    let mut flags = Vec::new();
    for target in Lang::TRANSLATIONS {
        let (missing, unreviewed) = item.lacks(target);
        if missing {
            flags.push(state.i18n.with_arg(lang, "drafts-missing", "lang", target.code()));
        }
        if unreviewed {
            flags.push(state.i18n.with_arg(lang, "drafts-unreviewed", "lang", target.code()));
        }
    }
    flags
}

pub async fn page(
    State(state): State<AppState>,
    Path((lang, label)): Path<(String, String)>,
    Extension(signed): Extension<Signed>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    may_view(&state, &signed)?;
    let (status, items) = crate::app::drafts::outline(state.store.as_ref(), &label).await?;
    let mut groups: Vec<Group> = Vec::new();
    for item in items {
        let kind = item.key.kind;
        if groups.last().is_none_or(|g| g.id != kind.as_str()) {
            groups.push(Group {
                heading_key: kind_heading(kind),
                id: kind.as_str(),
                rows: Vec::new(),
            });
        }
        let row = Row {
            label: item_label(&state, lang, &item.key),
            href: format!("/staff/{lang}{}", item_path(&label, &item.key)),
            text: shortened(item.fields.first().map_or("", |(_, t)| t.fi.as_str())),
            flags: flags(&state, lang, &item),
        };
        if let Some(group) = groups.last_mut() {
            group.rows.push(row);
        }
    }
    let path = list_path(&label);
    let page = StaffPage {
        lang,
        path: &path,
        title_key: "drafts-title",
        signed: Some(&signed),
    };
    let view = ListView {
        status: status_text(&state, lang, status),
        editable: status == VersionStatus::Draft,
        may_edit: may_edit(&state, &signed),
        version: label,
        groups,
    };
    page.respond(&state, "staff/draft_texts.html", view)
}

#[cfg(test)]
mod tests {
    use super::shortened;

    #[test]
    fn long_texts_are_shortened_on_one_line() {
        assert_eq!(shortened("a\n b"), "a b");
        let long = "sana ".repeat(50);
        let short = shortened(&long);
        assert!(short.ends_with('…') && short.chars().count() <= 121, "{short}");
    }
}
