//! The cascade's SQL, shared by both backends like [`super::sql`]: invoked inside `sql_store!` so it sees
//! that macro's `Tx`, `exec` and `fetch` helpers.

macro_rules! sql_cascade {
    ($db:ty) => {
        use crate::store::cascade_rows::*;

        /// Rows per multi-row INSERT: well under both backends' limits on bound parameters.
        const BATCH: usize = 1000;

        /// Inserts rows in batches; `$bind` pushes one row's values (the city id first).
        macro_rules! insert_all {
            ($tx:expr, $head:literal, $rows:expr, |$b:ident, $r:ident| $bind:expr) => {
                for chunk in $rows.chunks(BATCH) {
                    let mut query = sqlx::QueryBuilder::<$db>::new($head);
                    query.push_values(chunk, |mut $b, $r| {
                        $bind;
                    });
                    query.build().execute(&mut **$tx).await.with_context(|| format!("cannot write: {}", $head))?;
                }
            };
        }

        async fn fetch_city<T>(tx: &mut Tx<'_>, sql: &'static str, city: i64) -> anyhow::Result<Vec<T>>
        where
            T: for<'r> sqlx::FromRow<'r, <$db as sqlx::Database>::Row> + Send + Unpin,
        {
            fetch(tx, sql, city).await
        }

        async fn read_cascade_rows(tx: &mut Tx<'_>, city: i64) -> anyhow::Result<CascadeRows> {
            let mut rows = read_cascade_outline_rows(tx, city).await?;
            rows.provenances = fetch_city(tx, "SELECT id, source, entered_by, entered_at, example, source_sv, source_en, source_reviewed, origin FROM provenances WHERE city_id = $1", city).await?;
            rows.values = fetch_city(tx, "SELECT indicator_id, region, on_date, value, provenance_id FROM indicator_values WHERE city_id = $1", city).await?;
            rows.corrections = fetch_city(tx, "SELECT indicator_id, region, on_date, value, provenance_id, replaced_at, replaced_by, position FROM indicator_corrections WHERE city_id = $1", city).await?;
            Ok(rows)
        }

        /// Everything but the values, their corrections and provenances.
        async fn read_cascade_outline_rows(tx: &mut Tx<'_>, city: i64) -> anyhow::Result<CascadeRows> {
            Ok(CascadeRows {
                texts: fetch_city(tx, "SELECT owner_kind, owner_key, field, lang, body, reviewed FROM cascade_texts WHERE city_id = $1", city).await?,
                organisations: fetch_city(tx, "SELECT slug, kind, parent, position, valid_from, valid_to FROM organisations WHERE city_id = $1", city).await?,
                regions: fetch_city(tx, "SELECT slug, kind, position FROM regions WHERE city_id = $1", city).await?,
                indicators: fetch_city(tx, "SELECT id, slug, decimals, direction, band_low, band_high, frequency, licence, connector FROM indicators WHERE city_id = $1", city).await?,
                references: fetch_city(tx, "SELECT indicator_id, role, position, on_date, value, example, approximate, date_assumed FROM indicator_references WHERE city_id = $1", city).await?,
                indicator_regions: fetch_city(tx, "SELECT indicator_id, region, position FROM indicator_regions WHERE city_id = $1", city).await?,
                indicator_goals: fetch_city(tx, "SELECT indicator_id AS owner_id, goal_id AS linked_id, position FROM indicator_goals WHERE city_id = $1", city).await?,
                targets: fetch_city(tx, "SELECT id, year, organisation, responsible, binding, example, copied_from, grade FROM targets WHERE city_id = $1", city).await?,
                target_goals: fetch_city(tx, "SELECT target_id AS owner_id, goal_id AS linked_id, position FROM target_goals WHERE city_id = $1", city).await?,
                target_indicators: fetch_city(tx, "SELECT target_id AS owner_id, indicator_id AS linked_id, position FROM target_indicators WHERE city_id = $1", city).await?,
                progress: fetch_city(tx, "SELECT action_id, state, percent, as_of, example FROM action_progress WHERE city_id = $1", city).await?,
                provenances: Vec::new(),
                values: Vec::new(),
                corrections: Vec::new(),
            })
        }

        /// Removes a city's whole cascade, children before parents.
        async fn delete_cascade(tx: &mut Tx<'_>, city: i64) -> anyhow::Result<()> {
            for table in [
                "target_indicators", "target_goals", "targets", "indicator_corrections", "indicator_values",
                "provenances", "indicator_goals", "indicator_regions", "indicator_references", "indicators",
                "regions", "action_progress", "cascade_texts",
            ] {
                exec(tx, sqlx::query(&format!("DELETE FROM {table} WHERE city_id = $1")).bind(city)).await?;
            }
            // Children first, so the parent references hold during the delete on every backend.
            loop {
                let deleted = sqlx::query(
                    "DELETE FROM organisations WHERE city_id = $1 AND slug NOT IN \
                     (SELECT parent FROM organisations WHERE city_id = $1 AND parent IS NOT NULL)",
                )
                .bind(city)
                .execute(&mut **tx)
                .await
                .context("cannot delete organisations")?;
                if deleted.rows_affected() == 0 {
                    break;
                }
            }
            Ok(())
        }

        async fn write_cascade_rows(tx: &mut Tx<'_>, city: i64, rows: &CascadeRows) -> anyhow::Result<()> {
            insert_all!(tx, "INSERT INTO cascade_texts (city_id, owner_kind, owner_key, field, lang, body, reviewed) ", rows.texts, |b, r| b
                .push_bind(city).push_bind(r.owner_kind.clone()).push_bind(r.owner_key.clone()).push_bind(r.field.clone())
                .push_bind(r.lang.clone()).push_bind(r.body.clone()).push_bind(r.reviewed));
            // One at a time: a parent must exist before its children reference it.
            for o in &rows.organisations {
                exec(tx, sqlx::query("INSERT INTO organisations (city_id, slug, kind, parent, position, valid_from, valid_to) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                    .bind(city).bind(&o.slug).bind(&o.kind).bind(&o.parent).bind(o.position).bind(&o.valid_from).bind(&o.valid_to)).await?;
            }
            insert_all!(tx, "INSERT INTO regions (city_id, slug, kind, position) ", rows.regions, |b, r| b
                .push_bind(city).push_bind(r.slug.clone()).push_bind(r.kind.clone()).push_bind(r.position));
            insert_all!(tx, "INSERT INTO indicators (city_id, id, slug, decimals, direction, band_low, band_high, frequency, licence, connector) ", rows.indicators, |b, r| b
                .push_bind(city).push_bind(r.id).push_bind(r.slug.clone()).push_bind(r.decimals).push_bind(r.direction.clone())
                .push_bind(r.band_low).push_bind(r.band_high).push_bind(r.frequency.clone()).push_bind(r.licence.clone())
                .push_bind(r.connector.clone()));
            insert_all!(tx, "INSERT INTO indicator_references (city_id, indicator_id, role, position, on_date, value, example, approximate, date_assumed) ", rows.references, |b, r| b
                .push_bind(city).push_bind(r.indicator_id).push_bind(r.role.clone()).push_bind(r.position)
                .push_bind(r.on_date.clone()).push_bind(r.value).push_bind(r.example).push_bind(r.approximate)
                .push_bind(r.date_assumed));
            insert_all!(tx, "INSERT INTO indicator_regions (city_id, indicator_id, region, position) ", rows.indicator_regions, |b, r| b
                .push_bind(city).push_bind(r.indicator_id).push_bind(r.region.clone()).push_bind(r.position));
            insert_all!(tx, "INSERT INTO indicator_goals (city_id, indicator_id, goal_id, position) ", rows.indicator_goals, |b, r| b
                .push_bind(city).push_bind(r.owner_id).push_bind(r.linked_id).push_bind(r.position));
            write_values(tx, city, &rows.provenances, &rows.values).await?;
            write_corrections(tx, city, &rows.corrections).await?;
            insert_all!(tx, "INSERT INTO targets (city_id, id, year, organisation, responsible, binding, example, copied_from, grade) ", rows.targets, |b, r| b
                .push_bind(city).push_bind(r.id).push_bind(r.year).push_bind(r.organisation.clone()).push_bind(r.responsible.clone())
                .push_bind(r.binding).push_bind(r.example).push_bind(r.copied_from).push_bind(r.grade.clone()));
            insert_all!(tx, "INSERT INTO target_goals (city_id, target_id, goal_id, position) ", rows.target_goals, |b, r| b
                .push_bind(city).push_bind(r.owner_id).push_bind(r.linked_id).push_bind(r.position));
            insert_all!(tx, "INSERT INTO target_indicators (city_id, target_id, indicator_id, position) ", rows.target_indicators, |b, r| b
                .push_bind(city).push_bind(r.owner_id).push_bind(r.linked_id).push_bind(r.position));
            insert_all!(tx, "INSERT INTO action_progress (city_id, action_id, state, percent, as_of, example) ", rows.progress, |b, r| b
                .push_bind(city).push_bind(r.action_id).push_bind(r.state.clone()).push_bind(r.percent)
                .push_bind(r.as_of.clone()).push_bind(r.example));
            Ok(())
        }

        async fn write_values(tx: &mut Tx<'_>, city: i64, provenances: &[ProvenanceRow], values: &[ValueRow]) -> anyhow::Result<()> {
            insert_all!(tx, "INSERT INTO provenances (city_id, id, source, entered_by, entered_at, example, source_sv, source_en, source_reviewed, origin) ", provenances, |b, r| b
                .push_bind(city).push_bind(r.id).push_bind(r.source.clone()).push_bind(r.entered_by.clone())
                .push_bind(r.entered_at.clone()).push_bind(r.example).push_bind(r.source_sv.clone())
                .push_bind(r.source_en.clone()).push_bind(r.source_reviewed.clone()).push_bind(r.origin.clone()));
            insert_all!(tx, "INSERT INTO indicator_values (city_id, indicator_id, region, on_date, value, provenance_id) ", values, |b, r| b
                .push_bind(city).push_bind(r.indicator_id).push_bind(r.region.clone()).push_bind(r.on_date.clone())
                .push_bind(r.value).push_bind(r.provenance_id));
            Ok(())
        }

        async fn write_corrections(tx: &mut Tx<'_>, city: i64, corrections: &[CorrectionRow]) -> anyhow::Result<()> {
            insert_all!(tx, "INSERT INTO indicator_corrections (city_id, indicator_id, region, on_date, value, provenance_id, replaced_at, replaced_by, position) ", corrections, |b, r| b
                .push_bind(city).push_bind(r.indicator_id).push_bind(r.region.clone()).push_bind(r.on_date.clone()).push_bind(r.value)
                .push_bind(r.provenance_id).push_bind(r.replaced_at.clone()).push_bind(r.replaced_by.clone()).push_bind(r.position));
            Ok(())
        }

        async fn known_city(tx: &mut Tx<'_>, slug: &str) -> anyhow::Result<Option<i64>> {
            Ok(sqlx::query_scalar::<_, i64>("SELECT id FROM cities WHERE slug = $1").bind(slug).fetch_optional(&mut **tx).await?)
        }

        async fn has_cascade(tx: &mut Tx<'_>, city: i64) -> anyhow::Result<bool> {
            let held: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM organisations WHERE city_id = $1").bind(city).fetch_one(&mut **tx).await?;
            let indicators: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM indicators WHERE city_id = $1").bind(city).fetch_one(&mut **tx).await?;
            Ok(held + indicators > 0)
        }
    };
}

pub(crate) use sql_cascade;
