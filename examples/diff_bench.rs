//! Times the diff of two whole strategy versions (issue 11 asks for under 50 ms): the bundled Espoo-tarina 1.1
//! against a copy in which every text, in all three languages, has every seventh word changed, and a goal and
//! an action moved. That is far more change than a real revision, so it bounds what a real one costs.
//!
//! `cargo run --release --example diff_bench [ROUNDS]`

use std::time::{Duration, Instant};

use tarina::domain::diff::diff_strategies;
use tarina::domain::{LocalizedText, Strategy};

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .map_or(50, |n| n.parse().expect("ROUNDS is a number"));
    let old = tarina::data::bundled().expect("the bundled strategy loads");
    let new = revised(&old);
    let mut times: Vec<Duration> = (0..rounds)
        .map(|_| {
            let started = Instant::now();
            let diff = diff_strategies(&old, &new);
            let took = started.elapsed();
            assert!(!diff.items.is_empty());
            took
        })
        .collect();
    times.sort();
    let items = diff_strategies(&old, &new).items.len();
    println!(
        "diff of two whole versions ({items} items differ, every text in 3 languages), {rounds} rounds: \
         min {:.2} ms, median {:.2} ms, max {:.2} ms",
        ms(times[0]),
        ms(times[rounds / 2]),
        ms(times[rounds - 1])
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// A copy with every seventh word of every text changed and a goal and an action moved.
fn revised(old: &Strategy) -> Strategy {
    let mut new = old.clone();
    new.version = "bench".into();
    each_text(&mut new, |text| {
        change_words(&mut text.fi);
        for translation in [text.sv.as_mut(), text.en.as_mut()].into_iter().flatten() {
            change_words(&mut translation.text);
        }
    });
    let goal = new.areas[0].goals.remove(0);
    new.areas[3].goals.insert(1, goal);
    let action = new.areas[2].goals[0].actions.remove(0);
    new.areas[1].goals[0].actions.push(action);
    new
}

fn change_words(text: &mut String) {
    let words: Vec<String> = text
        .split(' ')
        .enumerate()
        .map(|(i, w)| if i % 7 == 3 { format!("{w}x") } else { w.to_owned() })
        .collect();
    *text = words.join(" ");
}

/// Every text a diff compares, mutably.
fn each_text(s: &mut Strategy, mut f: impl FnMut(&mut LocalizedText)) {
    for text in [
        &mut s.title,
        &mut s.tagline,
        &mut s.vision,
        &mut s.council_goals_intro,
        &mut s.programmes_intro,
        &mut s.approved_by,
        &mut s.source,
    ] {
        f(text);
    }
    for value in &mut s.values {
        f(&mut value.name);
        f(&mut value.description);
    }
    s.headline_goals.iter_mut().for_each(|h| f(&mut h.text));
    for area in &mut s.areas {
        f(&mut area.name);
        f(&mut area.aim);
        for goal in &mut area.goals {
            f(&mut goal.title);
            goal.actions.iter_mut().for_each(|a| f(&mut a.title));
        }
    }
    for programme in &mut s.programmes {
        f(&mut programme.name);
        f(&mut programme.description);
    }
    for chapter in &mut s.narrative {
        f(&mut chapter.title);
        chapter.body.iter_mut().for_each(&mut f);
        for section in &mut chapter.sections {
            f(&mut section.title);
            f(&mut section.body);
        }
    }
    for event in &mut s.timeline {
        f(&mut event.title);
        f(&mut event.when);
    }
}
