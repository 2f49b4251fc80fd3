//! The HTML templates (minijinja, auto-escaped), compiled into the binary.

use std::sync::Arc;

use minijinja::value::{Kwargs, Value as JinjaValue};
use minijinja::{escape_formatter, AutoEscape, Environment, Error, ErrorKind, Output, State};
use serde::Serialize;

use crate::domain::Lang;
use crate::i18n::I18n;

const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../../../templates/base.html")),
    ("macros.html", include_str!("../../../../templates/macros.html")),
    ("home.html", include_str!("../../../../templates/home.html")),
    ("areas.html", include_str!("../../../../templates/areas.html")),
    ("area.html", include_str!("../../../../templates/area.html")),
    ("goal.html", include_str!("../../../../templates/goal.html")),
    ("programmes.html", include_str!("../../../../templates/programmes.html")),
    ("programme.html", include_str!("../../../../templates/programme.html")),
    ("narrative.html", include_str!("../../../../templates/narrative.html")),
    ("timeline.html", include_str!("../../../../templates/timeline.html")),
    ("diff.html", include_str!("../../../../templates/diff.html")),
    ("versions.html", include_str!("../../../../templates/versions.html")),
    ("version.html", include_str!("../../../../templates/version.html")),
    ("action.html", include_str!("../../../../templates/action.html")),
    (
        "accessibility.html",
        include_str!("../../../../templates/accessibility.html"),
    ),
    ("api.html", include_str!("../../../../templates/api.html")),
    ("error.html", include_str!("../../../../templates/error.html")),
    ("indicators.html", include_str!("../../../../templates/indicators.html")),
    ("indicator.html", include_str!("../../../../templates/indicator.html")),
    ("situation.html", include_str!("../../../../templates/situation.html")),
    ("annexes.html", include_str!("../../../../templates/annexes.html")),
    ("annex.html", include_str!("../../../../templates/annex.html")),
    ("surveys.html", include_str!("../../../../templates/surveys.html")),
    ("survey.html", include_str!("../../../../templates/survey.html")),
    (
        "survey_closed.html",
        include_str!("../../../../templates/survey_closed.html"),
    ),
    (
        "survey_thanks.html",
        include_str!("../../../../templates/survey_thanks.html"),
    ),
    (
        "survey_results.html",
        include_str!("../../../../templates/survey_results.html"),
    ),
    ("staff/base.html", include_str!("../../../../templates/staff/base.html")),
    (
        "staff/macros.html",
        include_str!("../../../../templates/staff/macros.html"),
    ),
    (
        "staff/sign_in.html",
        include_str!("../../../../templates/staff/sign_in.html"),
    ),
    ("staff/home.html", include_str!("../../../../templates/staff/home.html")),
    (
        "staff/sessions.html",
        include_str!("../../../../templates/staff/sessions.html"),
    ),
    (
        "staff/accounts.html",
        include_str!("../../../../templates/staff/accounts.html"),
    ),
    (
        "staff/indicators.html",
        include_str!("../../../../templates/staff/indicators.html"),
    ),
    (
        "staff/values.html",
        include_str!("../../../../templates/staff/values.html"),
    ),
    (
        "staff/upload.html",
        include_str!("../../../../templates/staff/upload.html"),
    ),
    (
        "staff/audit.html",
        include_str!("../../../../templates/staff/audit.html"),
    ),
    (
        "staff/account.html",
        include_str!("../../../../templates/staff/account.html"),
    ),
    (
        "staff/actions.html",
        include_str!("../../../../templates/staff/actions.html"),
    ),
    (
        "staff/progress.html",
        include_str!("../../../../templates/staff/progress.html"),
    ),
    (
        "staff/targets.html",
        include_str!("../../../../templates/staff/targets.html"),
    ),
    (
        "staff/target.html",
        include_str!("../../../../templates/staff/target.html"),
    ),
    (
        "staff/definition.html",
        include_str!("../../../../templates/staff/definition.html"),
    ),
    (
        "staff/assessment.html",
        include_str!("../../../../templates/staff/assessment.html"),
    ),
    (
        "staff/connectors.html",
        include_str!("../../../../templates/staff/connectors.html"),
    ),
    (
        "staff/connector.html",
        include_str!("../../../../templates/staff/connector.html"),
    ),
    (
        "staff/tokens.html",
        include_str!("../../../../templates/staff/tokens.html"),
    ),
    (
        "staff/forgot_password.html",
        include_str!("../../../../templates/staff/forgot_password.html"),
    ),
    (
        "staff/reset_password.html",
        include_str!("../../../../templates/staff/reset_password.html"),
    ),
    ("staff/mail.html", include_str!("../../../../templates/staff/mail.html")),
    (
        "staff/reminders.html",
        include_str!("../../../../templates/staff/reminders.html"),
    ),
    (
        "staff/interval.html",
        include_str!("../../../../templates/staff/interval.html"),
    ),
    (
        "staff/translations.html",
        include_str!("../../../../templates/staff/translations.html"),
    ),
    (
        "staff/versions.html",
        include_str!("../../../../templates/staff/versions.html"),
    ),
    (
        "staff/version.html",
        include_str!("../../../../templates/staff/version.html"),
    ),
    (
        "staff/version_diff.html",
        include_str!("../../../../templates/staff/version_diff.html"),
    ),
    (
        "staff/draft_texts.html",
        include_str!("../../../../templates/staff/draft_texts.html"),
    ),
    (
        "staff/draft_item.html",
        include_str!("../../../../templates/staff/draft_item.html"),
    ),
    (
        "staff/draft_structure.html",
        include_str!("../../../../templates/staff/draft_structure.html"),
    ),
    (
        "staff/draft_structure_form.html",
        include_str!("../../../../templates/staff/draft_structure_form.html"),
    ),
];

pub struct Templates {
    env: Environment<'static>,
    i18n: Arc<I18n>,
}

impl Templates {
    pub fn new(i18n: Arc<I18n>) -> anyhow::Result<Templates> {
        let mut env = Environment::new();
        env.set_formatter(escape_html);
        let catalogue = i18n.clone();
        for (name, source) in TEMPLATES {
            env.add_template(name, source)?;
        }
        // `t("key", name=value)` looks a UI message up in the page's language (the `lang` variable).
        env.add_function(
            "t",
            move |state: &State, key: &str, kwargs: Kwargs| -> Result<String, Error> {
                let lang = state
                    .lookup("lang")
                    .and_then(|v| v.as_str().and_then(|s| s.parse::<Lang>().ok()))
                    .ok_or_else(|| Error::new(ErrorKind::UndefinedError, "t() needs `lang` in the context"))?;
                let mut args = fluent_bundle::FluentArgs::new();
                for name in kwargs.args() {
                    let value: JinjaValue = kwargs.get(name)?;
                    match i64::try_from(value.clone()) {
                        Ok(number) => args.set(name.to_owned(), number),
                        Err(_) => args.set(name.to_owned(), value.to_string()),
                    }
                }
                kwargs.assert_all_used()?;
                Ok(catalogue.message(
                    lang,
                    key,
                    if args.iter().next().is_some() {
                        Some(&args)
                    } else {
                        None
                    },
                ))
            },
        );
        // `note | markdown`: a long text that staff write (a `Loc`: text and whether it fell back to Finnish),
        // rendered from Markdown to safe HTML (see `http::markdown`) in a `div`, marked `lang="fi"` when it is
        // the Finnish fallback, as the `txt` macro marks short texts.
        env.add_filter("markdown", |value: JinjaValue| -> Result<JinjaValue, Error> {
            let text = value.get_attr("text")?;
            let text = text
                .as_str()
                .ok_or_else(|| Error::new(ErrorKind::InvalidOperation, "markdown needs a text with `text`"))?;
            let lang = if value.get_attr("fallback")?.is_true() {
                " lang=\"fi\""
            } else {
                ""
            };
            let html = crate::http::markdown::to_html(text);
            Ok(JinjaValue::from_safe_string(format!(
                "<div class=\"markdown\"{lang}>{html}</div>"
            )))
        });
        // `asset("site.css")` is the content-hashed address of a static file, which browsers may cache for a year.
        env.add_function("asset", |name: &str| -> Result<String, Error> {
            crate::http::public::assets::url(name)
                .ok_or_else(|| Error::new(ErrorKind::InvalidOperation, format!("no static file {name}")))
        });
        crate::http::form_fields::register(&mut env, i18n.clone());
        Ok(Templates { env, i18n })
    }

    pub fn message(&self, lang: Lang, key: &str) -> String {
        self.i18n.text(lang, key)
    }

    /// A message with whole-number arguments, such as a page number.
    pub fn message_with(&self, lang: Lang, key: &str, numbers: &[(&str, usize)]) -> String {
        let mut args = fluent_bundle::FluentArgs::new();
        for (name, value) in numbers {
            args.set(*name, *value);
        }
        self.i18n.message(lang, key, Some(&args))
    }

    pub fn render(&self, name: &str, context: impl Serialize) -> anyhow::Result<String> {
        let template = self.env.get_template(name)?;
        Ok(template.render(context)?)
    }
}

/// Escapes the five characters that matter in HTML text and quoted attributes. minijinja's default also
/// escapes `/`, which turns every address into `&#x2f;` soup for no gain inside quoted attributes.
fn escape_html(out: &mut Output<'_>, state: &State<'_, '_>, value: &JinjaValue) -> Result<(), Error> {
    match value.as_str() {
        Some(text) if !value.is_safe() && matches!(state.auto_escape(), AutoEscape::Html) => out
            .write_str(&crate::http::form_fields::escape(text))
            .map_err(Error::from),
        _ => escape_formatter(out, state, value),
    }
}
