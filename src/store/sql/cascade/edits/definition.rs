//! An indicator's definition as one editable item: its row, its four texts, its regions in order and its
//! baseline, target and milestones with where each is stated. Values, corrections, projections, goals and the
//! connector are left as they are.

use anyhow::Context as _;
use chrono::NaiveDate;

use std::sync::LazyLock;

use super::super::super::{exact_real, json_rows, json_rows_of, Db};
use super::super::{exec, insert_all, Tx};
use super::{replace_text, unfold_texts};
use crate::domain::cascade::{Frequency, Reference};
use crate::domain::edit::{direction_keyword, DefinitionItem};
use crate::domain::indicator::Direction;
use crate::domain::{IndicatorId, Slug};
use crate::store::cascade_rows::iso_date;
use crate::store::{StoreError, StoreResult};

const INDICATOR_TEXTS: &str = "indicator";
const REFERENCE_TEXTS: &str = "indicator_reference";
const TEXT_FIELDS: [&str; 4] = ["name", "definition", "unit", "source"];
/// The reference roles a definition form edits; projections are the source's, not the city's.
const ROLES: [&str; 3] = ["baseline", "target", "milestone"];

/// A reference folded into JSON: role, position, date, the value as exact text (see `exact_real`), and
/// example, approximate and date assumed as 0 or 1 (the one form both backends' booleans take).
type ReferenceRow = (String, i64, String, String, u8, u8, u8);
/// decimals, direction, band low and high, frequency, licence, the regions' slugs in order joined by commas,
/// the texts folded into JSON and the references folded into JSON.
type DefinitionRow = (
    i64,
    String,
    Option<f64>,
    Option<f64>,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// The indicator's row with its regions (aggregated: slugs have no commas), its texts and its references
/// (baseline, target, milestones) each folded into one JSON column: the whole definition is one statement,
/// which sees one state of the database on both backends, so a form's read needs no transaction, and with
/// SQLite each statement is a hop to the database's thread and back. The texts' two halves are joined rather
/// than one `OR`, so each half searches the texts' key instead of scanning every text of the city.
static DEFINITION_SQL: LazyLock<String> = LazyLock::new(|| {
    let texts = json_rows_of("owner_kind, owner_key, field, lang, body, CASE WHEN reviewed THEN 1 ELSE 0 END");
    let flag = |column: &str| format!("CASE WHEN {column} THEN 1 ELSE 0 END");
    let references = json_rows_of(&format!(
        "role, position, on_date, {}, {}, {}, {}",
        exact_real("value"),
        flag("example"),
        flag("approximate"),
        flag("date_assumed")
    ));
    format!(
        "SELECT decimals, direction, band_low, band_high, frequency, licence, \
         (SELECT string_agg(region, ',' ORDER BY position) FROM indicator_regions \
          WHERE city_id = $1 AND indicator_id = $2), \
         (SELECT {texts} FROM (SELECT owner_kind, owner_key, field, lang, body, reviewed FROM cascade_texts \
           WHERE city_id = $1 AND owner_kind = '{INDICATOR_TEXTS}' AND owner_key = $3 \
           UNION ALL SELECT owner_kind, owner_key, field, lang, body, reviewed FROM cascade_texts \
           WHERE city_id = $1 AND owner_kind = '{REFERENCE_TEXTS}' AND owner_key IN \
           (SELECT $3 || '/' || role || '/' || position FROM indicator_references \
            WHERE city_id = $1 AND indicator_id = $2)) AS own_texts), \
         (SELECT {references} FROM indicator_references \
          WHERE city_id = $1 AND indicator_id = $2 AND role IN ('baseline', 'target', 'milestone')) \
         FROM indicators WHERE city_id = $1 AND id = $2"
    )
});

/// The definition as one statement sees it: `executor` is a write's transaction, or the pool for a form.
pub(super) async fn read_definition<'e, E>(executor: E, city: i64, id: IndicatorId) -> StoreResult<DefinitionItem>
where
    E: sqlx::Executor<'e, Database = Db>,
{
    let key = i64::from(id.get());
    let owner = id.to_string();
    let row: Option<DefinitionRow> = sqlx::query_as(DEFINITION_SQL.as_str())
        .bind(city)
        .bind(key)
        .bind(&owner)
        .fetch_optional(executor)
        .await?;
    let Some((decimals, direction, band_low, band_high, frequency, licence, regions, texts, references)) = row else {
        return Err(StoreError::not_found(format!("there is no indicator {id}")));
    };
    let broken = |what: &str| StoreError::Other(anyhow::anyhow!("the stored indicator {id} has {what}"));
    let direction = match (direction.as_str(), band_low, band_high) {
        ("increase", ..) => Direction::Increase,
        ("decrease", ..) => Direction::Decrease,
        ("ceiling", ..) => Direction::Ceiling,
        ("band", Some(low), Some(high)) => Direction::Band { low, high },
        _ => return Err(broken("an unknown direction")),
    };
    let mut texts = unfold_texts(texts.as_deref()).context("cannot read the indicator's texts")?;
    let mut field = |name: &str| {
        texts
            .take_optional(INDICATOR_TEXTS, &owner, name)
            .ok_or_else(|| broken("a missing text"))
    };
    let (name, definition, unit, source) = (field("name")?, field("definition")?, field("unit")?, field("source")?);
    let mut rows: Vec<ReferenceRow> =
        json_rows(references.as_deref()).context("cannot read the indicator's references")?;
    // Milestones in their order, which an aggregate need not keep.
    rows.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    let (mut baseline, mut target, mut milestones) = (None, None, Vec::new());
    for (role, position, on_date, value, example, approximate, date_assumed) in rows {
        let value: f64 = value.parse().map_err(|_| broken("a malformed value"))?;
        let basis = texts
            .take_optional(REFERENCE_TEXTS, &format!("{id}/{role}/{position}"), "basis")
            .ok_or_else(|| broken("a reference without its basis"))?;
        let reference = Reference {
            date: NaiveDate::parse_from_str(&on_date, "%Y-%m-%d").map_err(|_| broken("a malformed date"))?,
            value,
            basis,
            example: example == 1,
            approximate: approximate == 1,
            date_assumed: date_assumed == 1,
        };
        match role.as_str() {
            "baseline" => baseline = Some(reference),
            "target" => target = Some(reference),
            _ => milestones.push(reference),
        }
    }
    Ok(DefinitionItem {
        name,
        definition,
        unit,
        source,
        decimals: u8::try_from(decimals).map_err(|_| broken("decimals out of range"))?,
        direction,
        frequency: Frequency::parse(&frequency).ok_or_else(|| broken("an unknown frequency"))?,
        licence,
        regions: regions
            .as_deref()
            .unwrap_or_default()
            .split(',')
            .filter(|r| !r.is_empty())
            .map(Slug::parse)
            .collect::<Result<_, _>>()
            .map_err(|_| broken("a malformed region"))?,
        baseline,
        target,
        milestones,
    })
}

pub(super) async fn write_definition(
    tx: &mut Tx<'_>,
    city: i64,
    id: IndicatorId,
    after: &DefinitionItem,
) -> StoreResult<()> {
    let key = i64::from(id.get());
    let (band_low, band_high) = match after.direction {
        Direction::Band { low, high } => (Some(low), Some(high)),
        _ => (None, None),
    };
    exec(
        tx,
        sqlx::query(
            "UPDATE indicators SET decimals = $3, direction = $4, band_low = $5, band_high = $6, frequency = $7, \
             licence = $8 WHERE city_id = $1 AND id = $2",
        )
        .bind(city)
        .bind(key)
        .bind(i64::from(after.decimals))
        .bind(direction_keyword(after.direction))
        .bind(band_low)
        .bind(band_high)
        .bind(after.frequency.as_str())
        .bind(after.licence.clone()),
    )
    .await?;
    let texts = [&after.name, &after.definition, &after.unit, &after.source];
    for (field, text) in TEXT_FIELDS.into_iter().zip(texts) {
        replace_text(tx, city, (INDICATOR_TEXTS, &id.to_string(), field), Some(text)).await?;
    }
    write_regions(tx, city, key, &after.regions).await?;
    write_references(tx, city, id, after).await
}

/// Regions are renumbered in place rather than replaced, because values and corrections refer to them; a
/// region dropped while it still has values is refused by the database's own references.
async fn write_regions(tx: &mut Tx<'_>, city: i64, key: i64, regions: &[Slug]) -> StoreResult<()> {
    let held: Vec<String> =
        sqlx::query_scalar("SELECT region FROM indicator_regions WHERE city_id = $1 AND indicator_id = $2")
            .bind(city)
            .bind(key)
            .fetch_all(&mut **tx)
            .await?;
    for dropped in held
        .iter()
        .filter(|r| !regions.iter().any(|s| s.as_str() == r.as_str()))
    {
        let removed =
            sqlx::query("DELETE FROM indicator_regions WHERE city_id = $1 AND indicator_id = $2 AND region = $3")
                .bind(city)
                .bind(key)
                .bind(dropped.clone())
                .execute(&mut **tx)
                .await;
        if removed.is_err() {
            return Err(StoreError::constraint(format!("region {dropped} still has values")));
        }
    }
    for (position, region) in regions.iter().enumerate() {
        let position = i64::try_from(position).unwrap_or(i64::MAX);
        if held.iter().any(|r| r == region.as_str()) {
            exec(
                tx,
                sqlx::query(
                    "UPDATE indicator_regions SET position = $4 WHERE city_id = $1 AND indicator_id = $2 AND region = $3",
                )
                .bind(city)
                .bind(key)
                .bind(region.as_str())
                .bind(position),
            )
            .await?;
        } else {
            exec(
                tx,
                sqlx::query(
                    "INSERT INTO indicator_regions (city_id, indicator_id, region, position) VALUES ($1, $2, $3, $4)",
                )
                .bind(city)
                .bind(key)
                .bind(region.as_str())
                .bind(position),
            )
            .await?;
        }
    }
    Ok(())
}

async fn write_references(tx: &mut Tx<'_>, city: i64, id: IndicatorId, after: &DefinitionItem) -> StoreResult<()> {
    let key = i64::from(id.get());
    let held: Vec<(String, i64)> = sqlx::query_as(
        "SELECT role, position FROM indicator_references WHERE city_id = $1 AND indicator_id = $2 \
         AND role IN ('baseline', 'target', 'milestone')",
    )
    .bind(city)
    .bind(key)
    .fetch_all(&mut **tx)
    .await?;
    for (role, position) in held {
        replace_text(
            tx,
            city,
            (REFERENCE_TEXTS, &format!("{id}/{role}/{position}"), "basis"),
            None,
        )
        .await?;
    }
    for role in ROLES {
        exec(
            tx,
            sqlx::query("DELETE FROM indicator_references WHERE city_id = $1 AND indicator_id = $2 AND role = $3")
                .bind(city)
                .bind(key)
                .bind(role),
        )
        .await?;
    }
    let references: Vec<(&str, i64, &Reference)> = after
        .baseline
        .iter()
        .map(|r| ("baseline", 0, r))
        .chain(after.target.iter().map(|r| ("target", 0, r)))
        .chain(after.milestones.iter().zip(0..).map(|(r, i)| ("milestone", i, r)))
        .collect();
    for (role, position, reference) in &references {
        replace_text(
            tx,
            city,
            (REFERENCE_TEXTS, &format!("{id}/{role}/{position}"), "basis"),
            Some(&reference.basis),
        )
        .await?;
    }
    insert_all(
        tx,
        "INSERT INTO indicator_references \
         (city_id, indicator_id, role, position, on_date, value, example, approximate, date_assumed) ",
        &references,
        |mut b, (role, position, r)| {
            b.push_bind(city)
                .push_bind(key)
                .push_bind(*role)
                .push_bind(*position)
                .push_bind(iso_date(r.date))
                .push_bind(r.value)
                .push_bind(r.example)
                .push_bind(r.approximate)
                .push_bind(r.date_assumed);
        },
    )
    .await?;
    Ok(())
}
