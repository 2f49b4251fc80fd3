//! Keys for new items: an item keeps its key from version to version, so a new one takes a key never used
//! in the city, the highest id its kind ever had plus one, or a slug from its Finnish name never taken.

use std::collections::BTreeSet;

use super::{Fields, StructureError, Surroundings};
use crate::domain::draft::{ItemKey, OwnerKind};
use crate::domain::{Slug, Strategy};

/// A slug from a Finnish name: lower case ASCII letters, digits and single hyphens, at most 60 characters.
pub(super) fn slugify(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'ä' | 'å' | 'á' | 'à' => 'a',
            'ö' | 'ø' | 'ó' => 'o',
            'é' | 'è' => 'e',
            'ü' => 'u',
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        };
        if c == '-' && (slug.is_empty() || slug.ends_with('-')) {
            continue;
        }
        if slug.len() >= 60 {
            break;
        }
        slug.push(c);
    }
    slug.trim_end_matches('-').to_owned()
}

/// Every key of `kind` in `s`, and for numeric kinds their slugs too (prefixed so they never match a key).
fn keys_of(s: &Strategy, kind: OwnerKind) -> BTreeSet<String> {
    let goals = || s.areas.iter().flat_map(|a| &a.goals);
    match kind {
        OwnerKind::Value => s.values.iter().map(|v| v.slug.to_string()).collect(),
        OwnerKind::Headline => (0..s.headline_goals.len()).map(|i| i.to_string()).collect(),
        OwnerKind::Area => s.areas.iter().map(|a| a.id.to_string()).collect(),
        OwnerKind::Goal => goals().map(|g| g.id.to_string()).collect(),
        OwnerKind::Action => goals().flat_map(|g| &g.actions).map(|a| a.id.to_string()).collect(),
        OwnerKind::Programme => s.programmes.iter().map(|p| p.id.to_string()).collect(),
        OwnerKind::Chapter => s.narrative.iter().map(|c| c.slug.to_string()).collect(),
        OwnerKind::Section => s
            .narrative
            .iter()
            .flat_map(|c| &c.sections)
            .map(|x| x.slug.to_string())
            .collect(),
        OwnerKind::Event => s.timeline.iter().map(|e| e.slug.to_string()).collect(),
        OwnerKind::City | OwnerKind::Strategy => BTreeSet::new(),
    }
}

/// The slugs items of a numeric kind have in `s` (unique within a version).
fn slugs_of(s: &Strategy, kind: OwnerKind) -> BTreeSet<String> {
    match kind {
        OwnerKind::Area => s.areas.iter().map(|a| a.slug.to_string()).collect(),
        OwnerKind::Goal => s.goals().map(|(_, g)| g.slug.to_string()).collect(),
        OwnerKind::Programme => s.programmes.iter().map(|p| p.slug.to_string()).collect(),
        _ => BTreeSet::new(),
    }
}

pub(super) fn exists(s: &Strategy, key: &ItemKey) -> bool {
    keys_of(s, key.kind).contains(&key.key)
}

/// The key a new item of `kind` takes: the next id never used in the city, a slug from its Finnish name
/// never used, or (a headline goal) the next place.
pub(super) fn new_key(
    s: &Strategy,
    around: &Surroundings,
    kind: OwnerKind,
    fields: &Fields,
) -> Result<ItemKey, StructureError> {
    let key = if kind.has_numeric_id() {
        let in_draft = keys_of(s, kind).iter().filter_map(|k| k.parse::<u32>().ok()).max();
        let highest = around.highest.get(&kind).copied().max(in_draft).unwrap_or(0);
        let next = highest + 1;
        if next > 999_999 {
            return Err(StructureError::NoFreeId);
        }
        next.to_string()
    } else if kind == OwnerKind::Headline {
        s.headline_goals.len().to_string()
    } else {
        let taken = keys_of(s, kind);
        let name = fields.first().map(|(_, t)| t.fi.as_str()).unwrap_or_default();
        free_slug(&slugify(name), kind, |slug| {
            taken.contains(slug)
                || around.used.contains(&ItemKey {
                    kind,
                    key: slug.to_owned(),
                })
        })
    };
    Ok(ItemKey { kind, key })
}

/// `base` (or the kind's name when empty), with `-2`, `-3`… added until `taken` says no.
fn free_slug(base: &str, kind: OwnerKind, taken: impl Fn(&str) -> bool) -> String {
    let base = if base.is_empty() { kind.as_str() } else { base };
    let mut slug = base.to_owned();
    let mut n = 2;
    while taken(&slug) {
        slug = format!("{base}-{n}");
        n += 1;
    }
    slug
}

/// A slug for a numeric kind's new item, unique within the version.
pub(super) fn item_slug(s: &Strategy, kind: OwnerKind, fields: &Fields) -> Result<Slug, StructureError> {
    let taken = slugs_of(s, kind);
    let name = fields.first().map(|(_, t)| t.fi.as_str()).unwrap_or_default();
    let slug = free_slug(&slugify(name), kind, |slug| taken.contains(slug));
    Slug::parse(&slug).map_err(|_| StructureError::NotSupported)
}

pub(super) fn numeric<T>(
    key: &str,
    make: impl Fn(u32) -> Result<T, crate::domain::IdError>,
) -> Result<T, StructureError> {
    key.parse::<u32>()
        .ok()
        .and_then(|n| make(n).ok())
        .ok_or(StructureError::UnknownItem)
}
