//! Surveys, answers and their counts. An answer's row and its counts are written in one transaction that
//! takes no data version (see [`crate::store::surveys`]): the counts are upserted, so concurrent answers add up
//! rather than overwrite, and each answer's rows are merged and sorted first, so two writers lock them in the
//! same order and cannot deadlock on PostgreSQL.

use std::collections::BTreeMap;

use anyhow::Context as _;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::{begin_read, instant, Backend, Db, Tx, BEGIN_WRITE};
use crate::domain::survey::results::{counts_of, Count};
use crate::domain::survey::Survey;
use crate::domain::Lang;
use crate::store::surveys::{answers_json, merged, NewAnswer, Surveys};
use crate::store::{StoreError, StoreResult};

fn survey_of(definition: &str) -> anyhow::Result<Survey> {
    Survey::from_json(definition).context("a stored survey definition does not read")
}

async fn survey_id(tx: &mut Tx<'_>, city: &str, slug: &str) -> StoreResult<i64> {
    sqlx::query_scalar::<_, i64>(
        "SELECT s.id FROM surveys s JOIN cities c ON c.id = s.city_id WHERE c.slug = $1 AND s.slug = $2",
    )
    .bind(city)
    .bind(slug)
    .fetch_optional(&mut **tx)
    .await
    .context("cannot find the survey")?
    .ok_or_else(|| StoreError::not_found(format!("the city {city:?} has no survey {slug:?}")))
}

#[async_trait]
impl Surveys for Backend {
    async fn add_survey(&self, city: &str, survey: &Survey, now: DateTime<Utc>) -> StoreResult<bool> {
        let mut tx = self
            .pool
            .begin_with(BEGIN_WRITE)
            .await
            .context("cannot start a transaction")?;
        let city_id = super::city_id(&mut tx, city).await?;
        let at = instant(now);
        let added = sqlx::query(
            "INSERT INTO surveys (city_id, slug, definition, created_at, updated_at) VALUES ($1, $2, $3, $4, $4) \
             ON CONFLICT (city_id, slug) DO NOTHING",
        )
        .bind(city_id)
        .bind(survey.slug.as_str())
        .bind(survey.to_json())
        .bind(&at)
        .execute(&mut *tx)
        .await
        .context("cannot add the survey")?;
        tx.commit().await.context("cannot commit the survey")?;
        Ok(added.rows_affected() == 1)
    }

    async fn surveys(&self, city: &str) -> StoreResult<Vec<Survey>> {
        let definitions: Vec<String> = sqlx::query_scalar(
            "SELECT s.definition FROM surveys s JOIN cities c ON c.id = s.city_id WHERE c.slug = $1 ORDER BY s.slug",
        )
        .bind(city)
        .fetch_all(&self.pool)
        .await
        .context("cannot list the surveys")?;
        Ok(definitions
            .iter()
            .map(|d| survey_of(d))
            .collect::<anyhow::Result<_>>()?)
    }

    async fn survey(&self, city: &str, slug: &str) -> StoreResult<Option<Survey>> {
        let definition: Option<String> = sqlx::query_scalar(
            "SELECT s.definition FROM surveys s JOIN cities c ON c.id = s.city_id WHERE c.slug = $1 AND s.slug = $2",
        )
        .bind(city)
        .bind(slug)
        .fetch_optional(&self.pool)
        .await
        .context("cannot read the survey")?;
        Ok(definition.as_deref().map(survey_of).transpose()?)
    }

    async fn record_answer(&self, city: &str, answer: &NewAnswer<'_>) -> StoreResult<()> {
        let mut tx = self
            .pool
            .begin_with(BEGIN_WRITE)
            .await
            .context("cannot start a transaction")?;
        let written = write_answer(&mut tx, city, answer).await;
        match written {
            Ok(()) => tx.commit().await.context("cannot commit the answer")?,
            // Rolled back now rather than when dropped: see `finish` in the parent module.
            Err(error) => {
                tx.rollback().await.context("cannot roll the answer back")?;
                return Err(error);
            }
        }
        Ok(())
    }

    async fn survey_counts(&self, city: &str, slug: &str) -> StoreResult<Vec<Count>> {
        let mut tx = begin_read(&self.pool).await?;
        let survey = survey_id(&mut tx, city, slug).await?;
        let rows: Vec<(String, String, String, String, bool, i64)> = sqlx::query_as(
            "SELECT question, value, lang, region, example, count FROM survey_counts WHERE survey_id = $1",
        )
        .bind(survey)
        .fetch_all(&mut *tx)
        .await
        .context("cannot read the survey's counts")?;
        tx.rollback().await.context("cannot end the transaction")?;
        rows.into_iter()
            .map(|(question, value, lang, region, example, count)| {
                Ok(Count {
                    question,
                    value,
                    lang: lang
                        .parse::<Lang>()
                        .map_err(|_| anyhow::anyhow!("a count in the language {lang:?}"))?,
                    region,
                    example,
                    count,
                })
            })
            .collect()
    }

    async fn survey_form_key(&self, candidate: &str) -> StoreResult<String> {
        sqlx::query("INSERT INTO survey_form_key (id, secret) VALUES (1, $1) ON CONFLICT (id) DO NOTHING")
            .bind(candidate)
            .execute(&self.pool)
            .await
            .context("cannot store the survey form key")?;
        Ok(sqlx::query_scalar("SELECT secret FROM survey_form_key WHERE id = 1")
            .fetch_one(&self.pool)
            .await
            .context("cannot read the survey form key")?)
    }
}

async fn write_answer(tx: &mut Tx<'_>, city: &str, answer: &NewAnswer<'_>) -> StoreResult<()> {
    let survey = survey_id(tx, city, answer.survey).await?;
    let counts = merged(counts_of(answer.answers, answer.lang, answer.example));
    let region = crate::domain::survey::results::region_of(answer.answers);
    sqlx::query(
        "INSERT INTO survey_answers (survey_id, receipt, lang, submitted_at, region, answers, example) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(survey)
    .bind(answer.receipt.as_str())
    .bind(answer.lang.code())
    .bind(instant(answer.at))
    .bind(&region)
    .bind(answers_json(answer.answers))
    .bind(answer.example)
    .execute(&mut **tx)
    .await
    .context("cannot keep the answer")?;
    let mut query = sqlx::QueryBuilder::<Db>::new(
        "INSERT INTO survey_counts (survey_id, question, value, lang, region, example, count) ",
    );
    query.push_values(&counts, |mut row, c| {
        row.push_bind(survey)
            .push_bind(c.question.clone())
            .push_bind(c.value.clone())
            .push_bind(c.lang.code())
            .push_bind(c.region.clone())
            .push_bind(c.example)
            .push_bind(c.count);
    });
    query.push(
        " ON CONFLICT (survey_id, question, value, lang, region, example) \
         DO UPDATE SET count = survey_counts.count + excluded.count",
    );
    query
        .build()
        .execute(&mut **tx)
        .await
        .context("cannot count the answer")?;
    // By day, for the indicators that follow a survey: languages and regions summed.
    let day = answer.at.date_naive().to_string();
    let mut daily: BTreeMap<(&str, &str, bool), i64> = BTreeMap::new();
    for c in &counts {
        *daily.entry((&c.question, &c.value, c.example)).or_default() += c.count;
    }
    let mut query = sqlx::QueryBuilder::<Db>::new(
        "INSERT INTO survey_daily_counts (survey_id, day, question, value, example, count) ",
    );
    query.push_values(&daily, |mut row, ((question, value, example), count)| {
        row.push_bind(survey)
            .push_bind(day.clone())
            .push_bind((*question).to_owned())
            .push_bind((*value).to_owned())
            .push_bind(*example)
            .push_bind(*count);
    });
    query.push(
        " ON CONFLICT (survey_id, day, question, value, example) \
         DO UPDATE SET count = survey_daily_counts.count + excluded.count",
    );
    query
        .build()
        .execute(&mut **tx)
        .await
        .context("cannot count the answer by day")?;
    Ok(())
}
