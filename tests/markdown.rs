//! Long texts in Markdown, on both backends: a progress note and an assessment justification written with
//! Markdown and real XSS payloads through the staff forms come out on the public goal and annex pages (fi, sv,
//! en) as formatted HTML with every payload inert, and in the JSON API and the annex CSV and XLSX as the text
//! that was typed (a CSV cell that a spreadsheet would run as a formula guarded). Bad input and another
//! department's target write nothing.

mod common;

use common::browser::{account, signed_in, Browser};
use common::{Backend, TestApp};
use reqwest::StatusCode;
use tarina::domain::access::policy::is_within;
use tarina::domain::access::Role;

/// The XSS payloads every text carries, after its Markdown.
const PAYLOADS: &str = "<script>alert(1)</script>\n\n\
Kuva <img src=x onerror=alert(1)> ja <svg onload=alert(1)>\n\n\
[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](&#106;avascript:alert(1)) [d](vbscript:x) \
[e](data:text/html;base64,PHNjcmlwdD4=)\n\n\
<a href=\"javascript:alert(1)\">linkki</a> \"><script>alert(2)</script>\n\n\
![kartta](https://evil.example/x.png)";

const NOTE_FI: &str = "# Tilanne\n\n**Rahoitus** viivästyi, ks. [suunnitelma](https://www.espoo.fi/fi).\n\n\
- ensimmäinen vaihe\n- toinen vaihe\n\n";
const NOTE_SV: &str = "**Finansieringen** försenades.\n\n";
const JUSTIFICATION_FI: &str = "**Tavoite** saavutettiin osittain:\n\n1. mittari nousi\n2. kysely siirtyi\n\n";
/// Starts like a formula, so the CSV has to guard it.
const JUSTIFICATION_SV: &str = "=1+2 **Målet** uppnåddes delvis.\n\n";

fn revision(html: &str) -> String {
    let at = html.find("name=\"revision\" value=\"").expect("a revision") + 23;
    html[at..at + html[at..].find('"').unwrap()].to_owned()
}

async fn form_revision(browser: &mut Browser, app: &TestApp, path: &str) -> String {
    let page = browser.get(app, path).await;
    assert_eq!(page.status(), StatusCode::OK, "{path}");
    revision(&page.text().await.unwrap())
}

/// No payload is live in `html`: no element or attribute a payload would make, and the raw tags shown as text.
fn assert_inert(html: &str, page: &str) {
    let lower = html.to_lowercase();
    for live in [
        "<script",
        "<img",
        "<svg",
        "onerror=alert(1)>",
        "onload=alert(1)>",
        "<a href=\"javascript",
        "<a href=\"vbscript",
        "<a href=\"data:",
        "\"><script",
    ] {
        assert!(!lower.contains(live), "{live} in {page}");
    }
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "shown as text on {page}"
    );
    assert!(
        html.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "shown as text on {page}"
    );
    assert!(
        html.contains("<a href=\"https://evil.example/x.png\">kartta</a>"),
        "an image is a link on {page}"
    );
    assert_eq!(html.matches("<h1").count(), 1, "one h1 on {page}");
}

/// The `div` the `markdown` filter wrote on `html` that holds `needle`.
fn markdown_block<'a>(html: &'a str, needle: &str) -> &'a str {
    let at = html.find(needle).unwrap_or_else(|| panic!("{needle}"));
    let start = html[..at].rfind("<div class=\"markdown\"").expect("a markdown block");
    let end = at + html[at..].find("</div>").expect("the block ends");
    &html[start..end]
}

/// Whether `value` holds the string `text` anywhere.
fn holds(value: &serde_json::Value, text: &str) -> bool {
    match value {
        serde_json::Value::String(s) => s == text,
        serde_json::Value::Array(items) => items.iter().any(|v| holds(v, text)),
        serde_json::Value::Object(fields) => fields.values().any(|v| holds(v, text)),
        _ => false,
    }
}

fn goal_of(strategy: &tarina::domain::Strategy, action: tarina::domain::ActionId) -> String {
    strategy
        .goals()
        .find(|(_, goal)| goal.actions.iter().any(|a| a.id == action))
        .map(|(_, goal)| goal.slug.to_string())
        .unwrap()
}

async fn markdown_is_formatted_and_payloads_are_inert(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let store = app.db.store().await;
    let strategy = store.current_strategy().await.unwrap().unwrap();
    let outline = store.cascade_outline(strategy.city.slug.as_str()).await.unwrap();
    let target = outline.targets.first().expect("a target").clone();
    let foreign = outline
        .targets
        .iter()
        .find(|t| !is_within(&t.organisation, &target.organisation, &outline.organisations))
        .expect("a target of another organisation")
        .id;
    let action = strategy.actions().next().expect("an action").id;
    account(&app, "strategia@espoo.fi", Role::StrategyEditor, None).await;
    account(
        &app,
        "osasto@espoo.fi",
        Role::DepartmentEditor,
        Some(target.organisation.as_str()),
    )
    .await;
    let mut editor = signed_in(&app, "strategia@espoo.fi").await;

    // The forms say Markdown is accepted, under the text areas, in the reader's language.
    let progress_path = format!("/staff/fi/actions/{action}/progress");
    let form = editor.get(&app, &progress_path).await.text().await.unwrap();
    assert!(form.contains("<p class=\"hint\" id=\"note-markdown\">Voit muotoilla tekstiä Markdownilla"));
    assert!(form.contains("aria-describedby=\"note-hint note-markdown\""));
    let assessment_path = format!("/staff/sv/targets/{}/assessment", target.id);
    let form = editor.get(&app, &assessment_path).await.text().await.unwrap();
    assert!(form.contains("id=\"justification-markdown\">Du kan formatera texten med Markdown"));

    // The progress note: Finnish and Swedish, English left to fall back to Finnish.
    let note_fi = format!("{NOTE_FI}{PAYLOADS}");
    let note_sv = format!("{NOTE_SV}{PAYLOADS}");
    let drawn = form_revision(&mut editor, &app, &progress_path).await;
    let progress = [
        ("state", "delayed"),
        ("percent", "40"),
        ("as_of", "2019-06-30"),
        ("note_fi", note_fi.as_str()),
        ("note_sv", note_sv.as_str()),
        ("note_en", ""),
        ("reason", "seuranta"),
        ("revision", drawn.as_str()),
    ];
    // Bad input (no reason) keeps what was typed, as text in the text area, and writes nothing.
    let mut without_reason = progress;
    without_reason[6] = ("reason", "");
    let bad = editor.submit(&app, &progress_path, &without_reason).await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = bad.text().await.unwrap();
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && page.contains("**Rahoitus**"));
    assert_inert_form(&page);
    assert_eq!(form_revision(&mut editor, &app, &progress_path).await, drawn);
    assert_eq!(
        editor.submit(&app, &progress_path, &progress).await.status(),
        StatusCode::SEE_OTHER
    );
    // The staff form shows the saved source in its text area, escaped.
    let saved = editor.get(&app, &progress_path).await.text().await.unwrap();
    assert!(saved.contains("# Tilanne\n\n**Rahoitus**"));
    assert_inert_form(&saved);

    // The justification, the same way.
    let justification_fi = format!("{JUSTIFICATION_FI}{PAYLOADS}");
    let justification_sv = format!("{JUSTIFICATION_SV}{PAYLOADS}");
    let drawn = form_revision(&mut editor, &app, &assessment_path).await;
    let assessment = [
        ("grade", "partly_achieved"),
        ("justification_fi", justification_fi.as_str()),
        ("justification_sv", justification_sv.as_str()),
        ("justification_en", ""),
        ("reason", "tilinpäätös"),
        ("revision", drawn.as_str()),
    ];
    assert_eq!(
        editor.submit(&app, &assessment_path, &assessment).await.status(),
        StatusCode::SEE_OTHER
    );

    // Another department's target: refused, nothing of it published.
    let mut department = signed_in(&app, "osasto@espoo.fi").await;
    let foreign_form = [
        ("grade", "achieved"),
        ("justification_fi", "**Vieras** <script>alert(3)</script>"),
        ("reason", "x"),
        ("revision", ""),
    ];
    assert_eq!(
        department
            .submit(&app, &format!("/staff/fi/targets/{foreign}/assessment"), &foreign_form)
            .await
            .status(),
        StatusCode::FORBIDDEN
    );

    // The goal page in each language: the note under its action, formatted, payloads inert.
    let goal = goal_of(&strategy, action);
    for (path, needle, lang_fi) in [
        (format!("/fi/tavoitteet/{goal}"), "<strong>Rahoitus</strong>", false),
        (format!("/sv/mal/{goal}"), "<strong>Finansieringen</strong>", false),
        (format!("/en/goals/{goal}"), "<strong>Rahoitus</strong>", true),
    ] {
        let html = app.html(&path).await;
        assert_inert(&html, &path);
        let block = markdown_block(&html, needle);
        assert_eq!(
            block.starts_with("<div class=\"markdown\" lang=\"fi\">"),
            lang_fi,
            "the Finnish fallback is marked on {path}"
        );
        if !lang_fi && path.starts_with("/fi/") {
            assert!(
                block.contains("<p><strong>Tilanne</strong></p>"),
                "a heading is a bold paragraph"
            );
            assert!(block.contains("<li>ensimmäinen vaihe</li>"));
            assert!(block.contains("<a href=\"https://www.espoo.fi/fi\">suunnitelma</a>"));
        }
        assert!(
            block.contains("<p>a b c d e</p>"),
            "unsafe links keep their text only on {path}"
        );
    }

    // The annex page in each language: the justification under its target, formatted, payloads inert.
    let year = target.year;
    for (path, needle, lang_fi) in [
        (
            format!("/fi/talousarvioliite/{year}"),
            "<strong>Tavoite</strong>",
            false,
        ),
        (format!("/sv/budgetbilaga/{year}"), "<strong>Målet</strong>", false),
        (format!("/en/budget-annex/{year}"), "<strong>Tavoite</strong>", true),
    ] {
        let html = app.html(&path).await;
        assert_inert(&html, &path);
        assert!(!html.contains("Vieras"), "another department's target is unchanged");
        let block = markdown_block(&html, needle);
        assert_eq!(
            block.starts_with("<div class=\"markdown\" lang=\"fi\">"),
            lang_fi,
            "{path}"
        );
        if path.starts_with("/fi/") {
            assert!(block.contains("<ol>\n<li>mittari nousi</li>"));
        }
    }

    // The API carries the text as typed: it is data.
    let targets = app.json(&format!("/api/v1/targets?year={year}")).await;
    assert!(holds(&targets, &justification_fi) && holds(&targets, &justification_sv));

    // The annex CSV: the justification as typed, a cell that starts like a formula guarded.
    let csv = app.get(&format!("/sv/budgetbilaga/{year}/annex.csv")).await;
    assert_eq!(csv.status(), StatusCode::OK);
    let text = csv.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(header.last().unwrap(), "Motivering till bedömningen");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let id = target.id.to_string();
    let ours: Vec<&csv::StringRecord> = rows.iter().filter(|r| r.get(1) == Some(id.as_str())).collect();
    assert!(!ours.is_empty());
    for row in &ours {
        assert_eq!(row.get(17).unwrap(), format!("'{justification_sv}"));
    }
    for row in &rows {
        for cell in row.iter().filter(|c| !c.is_empty()) {
            assert!(
                !cell.starts_with(['=', '+', '@']) && (!cell.starts_with('-') || cell.parse::<f64>().is_ok()),
                "{cell}"
            );
        }
    }
    let csv_fi = app
        .get(&format!("/fi/talousarvioliite/{year}/annex.csv"))
        .await
        .text()
        .await
        .unwrap();
    assert!(csv_fi.contains("**Tavoite** saavutettiin osittain"));

    // The annex XLSX: the justification a string cell as typed, no formula anywhere.
    let xlsx = app.get(&format!("/en/budget-annex/{year}/annex.xlsx")).await;
    assert_eq!(xlsx.status(), StatusCode::OK);
    let bytes = xlsx.bytes().await.unwrap().to_vec();
    use calamine::Reader as _;
    let mut workbook = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let sheet = workbook.sheet_names()[0].clone();
    let formulas = workbook.worksheet_formula(&sheet).unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "no formulas");
    let range = workbook.worksheet_range(&sheet).unwrap();
    let fallback = calamine::Data::String(justification_fi.clone());
    assert!(
        range
            .used_cells()
            .any(|(_, column, value)| column == 17 && *value == fallback),
        "the English annex falls back to the Finnish justification, as typed"
    );
}

/// A staff form shows typed text only inside its text areas, escaped: no payload is live there either.
fn assert_inert_form(html: &str) {
    let lower = html.to_lowercase();
    for live in ["<script", "<img", "<svg", "<a href=\"javascript"] {
        assert!(!lower.contains(live), "{live} in a staff form");
    }
}

on_both_backends!(markdown_is_formatted_and_payloads_are_inert);
