//! The staff forms' fields, `input(…)`, `select(…)` and `lang_texts(…)` in the templates, written out here
//! rather than as template macros. A form is mostly fields, and a macro's body is evaluated by the template
//! engine lookup by lookup: on the indicator definition form the field macros took about a fifth of the
//! server's time (BENCHMARKS.md). The markup is the macros' was: a label for every control, the hint and the
//! error named by `aria-describedby`, `aria-invalid` on a field in error, what was typed kept.

use std::fmt::Write as _;
use std::sync::Arc;

use minijinja::value::{Kwargs, Value};
use minijinja::{Environment, Error, ErrorKind, State};

use crate::domain::Lang;
use crate::i18n::I18n;

/// Adds the three field functions to `env`; their labels are UI messages in the page's language (`lang`).
pub fn register(env: &mut Environment<'static>, i18n: Arc<I18n>) {
    let catalogue = i18n.clone();
    env.add_function(
        "input",
        move |state: &State, name: String, label_key: String, kwargs: Kwargs| -> Result<Value, Error> {
            let field = Field::new(state, &catalogue, &name, &kwargs)?;
            let kind: Option<String> = kwargs.get("type")?;
            let value: Option<Value> = kwargs.get("value")?;
            let autocomplete: Option<String> = kwargs.get("autocomplete")?;
            let required: Option<bool> = kwargs.get("required")?;
            let hint_key: Option<String> = kwargs.get("hint_key")?;
            kwargs.assert_all_used()?;
            let hint = hint_key.filter(|k| !k.is_empty());
            let mut html = field.open("div class=\"field");
            field.label(&mut html, &name, &label_key);
            if let Some(hint) = &hint {
                let _ = writeln!(
                    html,
                    "<span class=\"hint\" id=\"{}-hint\">{}</span>",
                    escape(&name),
                    escape(&field.text(hint))
                );
            }
            field.error_text(&mut html, &name, "span");
            let _ = write!(
                html,
                "<input id=\"{0}\" name=\"{0}\" type=\"{1}\"",
                escape(&name),
                escape(kind.as_deref().unwrap_or("text"))
            );
            if let Some(value) = value.filter(Value::is_true) {
                let _ = write!(html, " value=\"{}\"", escape(&value.to_string()));
            }
            if let Some(autocomplete) = autocomplete.filter(|a| !a.is_empty()) {
                let _ = write!(html, " autocomplete=\"{}\"", escape(&autocomplete));
            }
            if required.unwrap_or(true) {
                html.push_str(" required");
            }
            if field.error.is_some() {
                html.push_str(" aria-invalid=\"true\"");
            }
            let described: Vec<String> = [
                hint.as_ref().map(|_| format!("{name}-hint")),
                field.error.as_ref().map(|_| format!("{name}-error")),
            ]
            .into_iter()
            .flatten()
            .collect();
            if !described.is_empty() {
                let _ = write!(html, " aria-describedby=\"{}\"", escape(&described.join(" ")));
            }
            html.push_str(">\n</div>");
            Ok(Value::from_safe_string(html))
        },
    );
    let catalogue = i18n.clone();
    env.add_function(
        "select",
        move |state: &State, name: String, label_key: String, options: Value, kwargs: Kwargs| -> Result<Value, Error> {
            let field = Field::new(state, &catalogue, &name, &kwargs)?;
            let chosen: Option<Value> = kwargs.get("value")?;
            kwargs.assert_all_used()?;
            let mut html = field.open("div class=\"field");
            field.label(&mut html, &name, &label_key);
            field.error_text(&mut html, &name, "span");
            let _ = write!(html, "<select id=\"{0}\" name=\"{0}\"", escape(&name));
            if field.error.is_some() {
                let _ = write!(
                    html,
                    " aria-invalid=\"true\" aria-describedby=\"{}-error\"",
                    escape(&name)
                );
            }
            html.push_str(">\n");
            for option in options.try_iter()? {
                let value = option.get_attr("value")?;
                let selected = chosen.as_ref().is_some_and(|c| *c == value);
                let _ = writeln!(
                    html,
                    "<option value=\"{}\"{}>{}</option>",
                    escape(&value.to_string()),
                    if selected { " selected" } else { "" },
                    escape(&option.get_attr("label")?.to_string())
                );
            }
            html.push_str("</select>\n</div>");
            Ok(Value::from_safe_string(html))
        },
    );
    let catalogue = i18n;
    env.add_function(
        "lang_texts",
        move |state: &State, field: String, label_key: String, inputs: Value, kwargs: Kwargs| -> Result<Value, Error> {
            let group = Field::new(state, &catalogue, &field, &kwargs)?;
            let hint_key: Option<String> = kwargs.get("hint_key")?;
            let markdown: Option<bool> = kwargs.get("markdown")?;
            let rows: Option<u32> = kwargs.get("rows")?;
            kwargs.assert_all_used()?;
            let hint = hint_key.filter(|k| !k.is_empty());
            let markdown = markdown.unwrap_or(false);
            let mut html = String::from("<fieldset class=\"lang-texts\"");
            let described: Vec<String> = [
                hint.as_ref().map(|_| format!("{field}-hint")),
                markdown.then(|| format!("{field}-markdown")),
            ]
            .into_iter()
            .flatten()
            .collect();
            if !described.is_empty() {
                let _ = write!(html, " aria-describedby=\"{}\"", escape(&described.join(" ")));
            }
            let _ = write!(html, ">\n<legend>{}</legend>\n", escape(&group.text(&label_key)));
            if let Some(hint) = &hint {
                let _ = writeln!(
                    html,
                    "<p class=\"hint\" id=\"{}-hint\">{}</p>",
                    escape(&field),
                    escape(&group.text(hint))
                );
            }
            html.push_str("<div class=\"lang-columns\">\n");
            for input in inputs.try_iter()? {
                let name = input.get_attr("name")?.to_string();
                let lang = input.get_attr("lang")?.to_string();
                let one = Field::of(&group, &name)?;
                let mut label = group.text(&format!("staff-text-in-{lang}"));
                label = escape(&label).into_owned();
                if input.get_attr("missing")?.is_true() {
                    let _ = write!(
                        label,
                        " <span class=\"flag\">{}</span>",
                        escape(&group.text("staff-translation-missing"))
                    );
                }
                html.push_str(&one.open("div class=\"field"));
                let _ = writeln!(html, "<label for=\"{}\">{label}</label>", escape(&name));
                one.error_text(&mut html, &name, "span");
                let _ = write!(
                    html,
                    "<textarea id=\"{0}\" name=\"{0}\" lang=\"{1}\" rows=\"{2}\"",
                    escape(&name),
                    escape(&lang),
                    rows.unwrap_or(6)
                );
                if one.error.is_some() {
                    let _ = write!(
                        html,
                        " aria-invalid=\"true\" aria-describedby=\"{}-error\"",
                        escape(&name)
                    );
                }
                let _ = write!(
                    html,
                    ">{}</textarea>\n</div>\n",
                    escape(&input.get_attr("value")?.to_string())
                );
            }
            html.push_str("</div>\n");
            if markdown {
                let _ = writeln!(
                    html,
                    "<p class=\"hint\" id=\"{}-markdown\">{}</p>",
                    escape(&field),
                    escape(&group.text("staff-markdown-hint"))
                );
            }
            html.push_str("</fieldset>");
            Ok(Value::from_safe_string(html))
        },
    );
}

/// What every field needs: the page's language, the form's errors and this field's error if it has one.
struct Field<'a> {
    lang: Lang,
    i18n: &'a I18n,
    errors: Value,
    error: Option<String>,
}

impl<'a> Field<'a> {
    fn new(state: &State, i18n: &'a I18n, name: &str, kwargs: &Kwargs) -> Result<Field<'a>, Error> {
        let lang = state
            .lookup("lang")
            .and_then(|v| v.as_str().and_then(|s| s.parse::<Lang>().ok()))
            .ok_or_else(|| Error::new(ErrorKind::UndefinedError, "a form field needs `lang` in the context"))?;
        let errors: Option<Value> = kwargs.get("errors")?;
        let errors = errors.unwrap_or_default();
        let error = error_of(&errors, name)?;
        Ok(Field {
            lang,
            i18n,
            errors,
            error,
        })
    }

    /// Another field of the same form (one language of a group).
    fn of(group: &Field<'a>, name: &str) -> Result<Field<'a>, Error> {
        Ok(Field {
            lang: group.lang,
            i18n: group.i18n,
            errors: group.errors.clone(),
            error: error_of(&group.errors, name)?,
        })
    }

    fn text(&self, key: &str) -> String {
        self.i18n.text(self.lang, key)
    }

    /// `<div class="field">`, or `field field-error` for a field in error, and a line break.
    fn open(&self, tag_and_class: &str) -> String {
        let error = if self.error.is_some() { " field-error" } else { "" };
        format!("<{tag_and_class}{error}\">\n")
    }

    fn label(&self, html: &mut String, name: &str, label_key: &str) {
        let _ = writeln!(
            html,
            "<label for=\"{}\">{}</label>",
            escape(name),
            escape(&self.text(label_key))
        );
    }

    fn error_text(&self, html: &mut String, name: &str, tag: &str) {
        if let Some(error) = &self.error {
            let _ = writeln!(
                html,
                "<{tag} class=\"field-error-text\" id=\"{}-error\">{}</{tag}>",
                escape(name),
                escape(error)
            );
        }
    }
}

/// The error message of field `name` in the form's `errors` map, if it has one.
fn error_of(errors: &Value, name: &str) -> Result<Option<String>, Error> {
    if errors.is_undefined() || errors.is_none() {
        return Ok(None);
    }
    let error = errors.get_item(&Value::from(name))?;
    Ok(error.is_true().then(|| error.to_string()))
}

/// Escapes the five characters that matter in HTML text and quoted attributes; the templates' own escaping.
pub(crate) fn escape(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['&', '<', '>', '"', '\'']) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    std::borrow::Cow::Owned(out)
}
