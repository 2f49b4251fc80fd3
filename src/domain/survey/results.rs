//! A survey's results, computed from counts alone: the store keeps, for every question, value, language,
//! region and example flag, how many submissions gave it, updated with each answer. Reading the results of a
//! million answers then reads a few hundred counts, never the answers themselves.
//!
//! Customer satisfaction (CSAT) is the share of 4s and 5s on the 1–5 scale, with a Wilson score interval; the
//! Net Promoter Score is promoters (9–10) minus detractors (0–6), in points from −100 to 100, with a
//! normal-approximation interval from the variance of each answer's score (+1, 0 or −1). Both intervals are
//! 95 %.

use super::answer::Answers;
use super::{QuestionKind, Survey};
use crate::domain::Lang;

/// The key under which whole submissions are counted, beside the questions' keys (which are slugs and so can
/// never be this).
pub const RESPONSES: &str = "*";

/// The normal quantile of a two-sided 95 % interval.
const Z95: f64 = 1.959_963_984_540_054;

/// How many submissions gave `value` to `question` in one language and region (`""`: no region given).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Count {
    pub question: String,
    pub value: String,
    pub lang: Lang,
    pub region: String,
    pub example: bool,
    pub count: i64,
}

/// The counts one submission adds to, each by one: the submission itself ([`RESPONSES`]) and every value of
/// every answer. `region` is the submission's region (its first region answer, or `""`).
pub fn counts_of(answers: &Answers, lang: Lang, example: bool) -> Vec<Count> {
    let region = region_of(answers);
    let count = |question: &str, value: String| Count {
        question: question.to_owned(),
        value,
        lang,
        region: region.clone(),
        example,
        count: 1,
    };
    let mut counts = vec![count(RESPONSES, String::new())];
    for (key, answer) in answers {
        counts.extend(answer.counted().into_iter().map(|value| count(key, value)));
    }
    counts
}

/// The region a submission is counted under: its first answer to a region question, or none (`""`).
pub fn region_of(answers: &Answers) -> String {
    answers
        .values()
        .find_map(|a| match a {
            super::Answer::Region(slug) => Some(slug.clone()),
            _ => None,
        })
        .unwrap_or_default()
}

/// An estimate with its 95 % interval, from `n` answers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    pub value: f64,
    pub low: f64,
    pub high: f64,
    pub n: i64,
}

/// CSAT in per cent from the counts of 1 to 5; `None` without answers.
pub fn csat(points: &[i64; 5]) -> Option<Estimate> {
    let n: i64 = points.iter().sum();
    if n <= 0 {
        return None;
    }
    let satisfied = (points[3] + points[4]) as f64;
    let n_f = n as f64;
    let p = satisfied / n_f;
    let z2 = Z95 * Z95;
    let denominator = 1.0 + z2 / n_f;
    let centre = (p + z2 / (2.0 * n_f)) / denominator;
    let half = Z95 / denominator * (p * (1.0 - p) / n_f + z2 / (4.0 * n_f * n_f)).sqrt();
    Some(Estimate {
        value: 100.0 * p,
        low: 100.0 * (centre - half).max(0.0),
        high: 100.0 * (centre + half).min(1.0),
        n,
    })
}

/// NPS in points from the counts of 0 to 10; `None` without answers.
pub fn nps(points: &[i64; 11]) -> Option<Estimate> {
    let n: i64 = points.iter().sum();
    if n <= 0 {
        return None;
    }
    let n_f = n as f64;
    let promoters = (points[9] + points[10]) as f64 / n_f;
    let detractors = points[..=6].iter().sum::<i64>() as f64 / n_f;
    let score = promoters - detractors;
    let variance = (promoters + detractors - score * score).max(0.0);
    let half = Z95 * (variance / n_f).sqrt();
    Some(Estimate {
        value: 100.0 * score,
        low: 100.0 * (score - half).max(-1.0),
        high: 100.0 * (score + half).min(1.0),
        n,
    })
}

/// One question's results.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionResult {
    pub key: String,
    /// Submissions that answered it.
    pub answered: i64,
    /// Each value it can have with its count, in the survey's order (choices; 1–5; 0–10; regions). Empty for
    /// numbers, days and free texts.
    pub values: Vec<(String, i64)>,
    /// For a 1–5 question.
    pub csat: Option<Estimate>,
    /// For a 0–10 question.
    pub nps: Option<Estimate>,
}

/// The results of the submissions the counts hold.
#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    pub responses: i64,
    /// Of them, sample answers loaded by command, never a resident's.
    pub example_responses: i64,
    pub questions: Vec<QuestionResult>,
}

/// The results of the counts `keep` keeps (all, one language's, one region's). `regions` orders the values of
/// region questions.
pub fn tally(survey: &Survey, counts: &[Count], regions: &[String], keep: impl Fn(&Count) -> bool) -> Results {
    let kept: Vec<&Count> = counts.iter().filter(|c| keep(c)).collect();
    let sum = |question: &str, value: Option<&str>| -> i64 {
        (kept.iter())
            .filter(|c| c.question == question && value.is_none_or(|v| c.value == v))
            .map(|c| c.count)
            .sum()
    };
    let responses = sum(RESPONSES, None);
    let example_responses = (kept.iter())
        .filter(|c| c.question == RESPONSES && c.example)
        .map(|c| c.count)
        .sum();
    let questions = survey
        .questions()
        .map(|q| {
            let key = q.key.as_str();
            let possible: Vec<String> = match &q.kind {
                QuestionKind::Single(choices) | QuestionKind::Multiple(choices) => {
                    choices.iter().map(|c| c.key.to_string()).collect()
                }
                QuestionKind::Scale5 => (1..=5).map(|n: u8| n.to_string()).collect(),
                QuestionKind::Nps => (0..=10).map(|n: u8| n.to_string()).collect(),
                QuestionKind::Region => regions.to_vec(),
                QuestionKind::Number { .. } | QuestionKind::Date | QuestionKind::Text { .. } => Vec::new(),
            };
            let values: Vec<(String, i64)> = possible.into_iter().map(|v| (v.clone(), sum(key, Some(&v)))).collect();
            let answered = match q.kind {
                QuestionKind::Single(_) | QuestionKind::Scale5 | QuestionKind::Nps | QuestionKind::Region => {
                    values.iter().map(|(_, n)| n).sum()
                }
                _ => sum(key, Some("")),
            };
            let points = |n: usize| -> Vec<i64> { values.iter().take(n).map(|(_, c)| *c).collect() };
            QuestionResult {
                key: key.to_owned(),
                answered,
                csat: matches!(q.kind, QuestionKind::Scale5)
                    .then(|| points(5).try_into().ok().and_then(|p: [i64; 5]| csat(&p)))
                    .flatten(),
                nps: matches!(q.kind, QuestionKind::Nps)
                    .then(|| points(11).try_into().ok().and_then(|p: [i64; 11]| nps(&p)))
                    .flatten(),
                values,
            }
        })
        .collect();
    Results {
        responses,
        example_responses,
        questions,
    }
}
