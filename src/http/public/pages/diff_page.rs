//! The page of what changed between two public strategy versions, `/fi/versiot/{from}/ero/{to}` and its
//! Swedish and English counterparts. Unlike the other pages it reads the store, not the snapshot (a snapshot
//! holds the current version only), so it is rendered per request; the diff is the JSON API's, laid out with
//! `<ins>` and `<del>` whose meaning a screen reader also hears, from a hidden word in the page's language.
//! The staff pages lay out their diffs (drafts included) with the same [`diff_view`] and template macro.

use axum::extract::{Path, Request, State};
use axum::response::Response;
use serde::Serialize;

use super::parse_lang;
use super::parts::{Loc, Resolver};
use super::templates::Templates;
use super::view::{render_framed, Frame};
use crate::domain::diff::{diff_strategies, ItemDiff, ItemKind, Move, SegmentKind, StrategyDiff};
use crate::domain::Lang;
use crate::http::cache::{respond_once, PUBLIC_CACHE};
use crate::http::routes::{version_diff_words, Page};
use crate::http::{AppError, AppState};
use crate::store::Audience;

#[derive(Serialize)]
struct ItemView {
    heading: String,
    label: Loc,
    change: String,
    moved: Option<String>,
    /// "Split from: Goal 15", "Merged into: Goal 12".
    lineage: Option<String>,
    fields: Vec<FieldView>,
}

#[derive(Serialize)]
struct FieldView {
    name: String,
    langs: Vec<LangView>,
}

#[derive(Serialize)]
struct LangView {
    code: &'static str,
    name: String,
    segments: Vec<SegmentView>,
}

#[derive(Serialize)]
struct SegmentView {
    kind: SegmentKind,
    text: String,
}

pub(super) async fn page(
    State(state): State<AppState>,
    Path((lang, segment, from, word, to)): Path<(String, String, String, String, String)>,
    request: Request,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    if version_diff_words(lang) != (segment.as_str(), word.as_str()) {
        return Err(AppError::not_found("problem-detail-no-page", ""));
    }
    let mut versions = Vec::with_capacity(2);
    for label in [&from, &to] {
        let found = state.store.strategy_version(label, Audience::Public).await?;
        let short: String = label.chars().take(40).collect();
        versions.push(found.ok_or_else(|| AppError::not_found("problem-detail-no-version", short))?);
    }
    let diff = diff_strategies(&versions[0], &versions[1]);
    let t = &state.templates;
    let r = Resolver::new(lang);
    let page = Page::VersionDiff {
        from: from.clone(),
        to: to.clone(),
    };
    let title = format!("{} {from} → {to}", t.message(lang, "diff-title"));
    let frame = Frame {
        lang,
        page: &page,
        site_name: r.plain(&versions[1].title),
        title: title.clone(),
        description: t.message(lang, "diff-description"),
        trail: vec![],
    };
    let mut body = diff_view(t, lang, &diff);
    body["heading"] = title.into();
    let html = render_framed(t, &r, frame, "diff.html", body)?;
    let compresses = state.snapshot().cache.compresses();
    Ok(respond_once(
        html.into_bytes(),
        "text/html; charset=utf-8",
        request.headers(),
        PUBLIC_CACHE,
        compresses,
    ))
}

/// The items of `diff` laid out for the `diff_items` macro (`items`, and the hidden words `inserted` and
/// `deleted` in `lang`): the public diff page's and the staff one's, which also compares drafts.
pub(crate) fn diff_view(t: &Templates, lang: Lang, diff: &StrategyDiff) -> serde_json::Value {
    let r = Resolver::new(lang);
    let items: Vec<ItemView> = diff.items.iter().map(|item| item_view(t, &r, item)).collect();
    serde_json::json!({
        "items": items,
        "inserted": t.message(lang, "diff-inserted"),
        "deleted": t.message(lang, "diff-deleted"),
    })
}

fn item_view(t: &Templates, r: &Resolver, item: &ItemDiff) -> ItemView {
    let lang = r.lang;
    let kind = t.message(lang, &format!("diff-item-{}", item.item.as_str()));
    ItemView {
        heading: match item.item {
            ItemKind::Strategy => kind.clone(),
            _ => format!("{kind} {}", item.key),
        },
        label: r.loc(&item.label),
        change: t.message(lang, &format!("diff-change-{}", item.change.as_str())),
        moved: item.moved.as_ref().map(|moved| {
            let (before, after) = (
                place(t, lang, item.item, moved, true),
                place(t, lang, item.item, moved, false),
            );
            format!("{before} → {after}")
        }),
        lineage: item.lineage.as_ref().map(|(relation, other)| {
            let said = t.message(lang, &format!("diff-lineage-{}", relation.as_str()));
            format!("{said}: {kind} {other}")
        }),
        fields: item
            .fields
            .iter()
            .map(|field| FieldView {
                name: t.message(lang, &format!("diff-field-{}", field.field)),
                langs: (field.langs.iter())
                    .map(|l| LangView {
                        code: l.lang.code(),
                        name: t.message(lang, &format!("language-name-{}", l.lang.code())),
                        segments: (l.segments.iter())
                            .map(|s| SegmentView {
                                kind: s.kind,
                                text: s.text.clone(),
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// "Osa-alue 2, kohta 5", or "kohta 5" for an item at the top.
fn place(t: &Templates, lang: Lang, kind: ItemKind, moved: &Move, before: bool) -> String {
    let (parent, position) = if before {
        (&moved.from_parent, moved.from_position)
    } else {
        (&moved.to_parent, moved.to_position)
    };
    let position = format!("{} {position}", t.message(lang, "diff-position"));
    let parent_kind = match kind {
        ItemKind::Goal => ItemKind::Area,
        ItemKind::Action => ItemKind::Goal,
        _ => ItemKind::Chapter,
    };
    match parent {
        Some(parent) => format!(
            "{} {parent}, {position}",
            t.message(lang, &format!("diff-item-{}", parent_kind.as_str()))
        ),
        None => position,
    }
}
