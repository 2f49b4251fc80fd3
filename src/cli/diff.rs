//! `tarina diff FROM TO`: what changed between two stored strategy versions, as plain text for a terminal or
//! a review e-mail. Changed words are marked the way `git diff --word-diff` marks them, `[-old-]{+new+}`,
//! which reads without colour and survives copying.

use anyhow::Context as _;

use crate::domain::diff::{diff_strategies, ItemDiff, ItemKind, Move, Segment, SegmentKind, StrategyDiff};
use crate::domain::Strategy;
use crate::store::{self, Audience, DatabaseUrl, Store};

/// Words of unchanged text kept on each side of a change; a long unchanged stretch of a narrative paragraph
/// is cut to these, so the changes stand out.
const CONTEXT_WORDS: usize = 8;

pub async fn diff(database: &DatabaseUrl, from: &str, to: &str) -> anyhow::Result<()> {
    let store = store::connect(database).await?;
    let old = version(store.as_ref(), from).await?;
    let new = version(store.as_ref(), to).await?;
    print!("{}", render(&diff_strategies(&old, &new)));
    Ok(())
}

/// A stored version, whatever its status: the command line is for the people who prepare the versions.
async fn version(store: &dyn Store, label: &str) -> anyhow::Result<Strategy> {
    if let Some(strategy) = store.strategy_version(label, Audience::Staff).await? {
        return Ok(strategy);
    }
    let versions = store
        .versions(Audience::Staff)
        .await
        .context("cannot list the versions")?;
    let labels: Vec<&str> = versions.iter().map(|v| v.label.as_str()).collect();
    anyhow::bail!(
        "the database holds no strategy version {label:?}; it holds: {}",
        if labels.is_empty() {
            "none".into()
        } else {
            labels.join(", ")
        }
    )
}

/// The whole report: a heading line, then each item with its move and its changed fields.
pub fn render(diff: &StrategyDiff) -> String {
    let mut out = format!("diff {} → {}: ", diff.from, diff.to);
    if diff.items.is_empty() {
        out.push_str("no differences\n");
        return out;
    }
    out.push_str(&format!("{} item(s) differ\n", diff.items.len()));
    for item in &diff.items {
        out.push('\n');
        out.push_str(&item_line(item));
        for field in &item.fields {
            for lang in &field.langs {
                out.push_str(&format!(
                    "  {} [{}]: {}\n",
                    field.field,
                    lang.lang.code(),
                    marked(&lang.segments)
                ));
            }
        }
    }
    out
}

fn item_line(item: &ItemDiff) -> String {
    let head = format!("{} {} {}", item.item.as_str(), item.key, item.change.as_str());
    match &item.moved {
        Some(moved) => format!(
            "{head}: {} → {}\n",
            place(item.item, moved, true),
            place(item.item, moved, false)
        ),
        None => format!("{head}: {}\n", item.label.fi),
    }
}

/// "area 2, position 5", or "position 5" for items without a parent.
fn place(kind: ItemKind, moved: &Move, before: bool) -> String {
    let (parent, position) = if before {
        (&moved.from_parent, moved.from_position)
    } else {
        (&moved.to_parent, moved.to_position)
    };
    let parent_kind = match kind {
        ItemKind::Goal => "area",
        ItemKind::Action => "goal",
        _ => "chapter",
    };
    match parent {
        Some(parent) => format!("{parent_kind} {parent}, position {position}"),
        None => format!("position {position}"),
    }
}

/// The segments with `[-deleted-]` and `{+inserted+}` marks, long unchanged stretches cut short.
fn marked(segments: &[Segment]) -> String {
    let last = segments.len().saturating_sub(1);
    let mut out = String::new();
    for (i, segment) in segments.iter().enumerate() {
        match segment.kind {
            SegmentKind::Equal => out.push_str(&shortened(&segment.text, i > 0, i < last)),
            SegmentKind::Deleted => out.push_str(&format!("[-{}-]", segment.text)),
            SegmentKind::Inserted => out.push_str(&format!("{{+{}+}}", segment.text)),
        }
    }
    out.replace('\n', " ")
}

/// An unchanged stretch keeping [`CONTEXT_WORDS`] next to the change before it and the one after it.
fn shortened(text: &str, after_change: bool, before_change: bool) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let keep_head = if after_change { CONTEXT_WORDS } else { 0 };
    let keep_tail = if before_change { CONTEXT_WORDS } else { 0 };
    if words.len() <= keep_head + keep_tail + 1 {
        return text.to_owned();
    }
    let head = words[..keep_head].join(" ");
    let tail = words[words.len() - keep_tail..].join(" ");
    match (keep_head, keep_tail) {
        (0, 0) => "…".to_owned(),
        (0, _) => format!("… {tail}"),
        (_, 0) => format!("{head} …"),
        _ => format!("{head} … {tail}"),
    }
}
