//! User-interface text from Project Fluent files (`locales/{fi,sv,en}/tarina.ftl`), compiled into the binary.

use std::collections::HashMap;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::domain::Lang;

const SOURCES: [(Lang, &str); 3] = [
    (Lang::Fi, include_str!("../locales/fi/tarina.ftl")),
    (Lang::Sv, include_str!("../locales/sv/tarina.ftl")),
    (Lang::En, include_str!("../locales/en/tarina.ftl")),
];

/// The message catalogues of all three languages.
pub struct I18n {
    bundles: HashMap<Lang, FluentBundle<FluentResource>>,
}

impl I18n {
    /// Parses the bundled catalogues. A syntax error in a catalogue is a programming error caught by the
    /// tests, so it is reported at start-up rather than papered over.
    pub fn load() -> anyhow::Result<I18n> {
        let mut bundles = HashMap::new();
        for (lang, source) in SOURCES {
            let resource = FluentResource::try_new(source.to_owned())
                .map_err(|(_, errors)| anyhow::anyhow!("locales/{lang}/tarina.ftl does not parse: {errors:?}"))?;
            let mut bundle = FluentBundle::new_concurrent(vec![lang.code().parse()?]);
            // Unicode isolation marks would show up as stray characters in HTML attributes and JSON.
            bundle.set_use_isolating(false);
            bundle
                .add_resource(resource)
                .map_err(|errors| anyhow::anyhow!("locales/{lang}/tarina.ftl has duplicate messages: {errors:?}"))?;
            bundles.insert(lang, bundle);
        }
        Ok(I18n { bundles })
    }

    /// The message `key` in `lang`. A missing key shows the key itself (and is logged) so that a page still
    /// renders; the catalogue tests make sure no key is missing in any language.
    pub fn message(&self, lang: Lang, key: &str, args: Option<&FluentArgs>) -> String {
        let bundle = &self.bundles[&lang];
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            tracing::warn!(%lang, key, "missing UI message");
            return key.to_owned();
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            tracing::warn!(%lang, key, ?errors, "UI message formatted with errors");
        }
        text.into_owned()
    }

    pub fn text(&self, lang: Lang, key: &str) -> String {
        self.message(lang, key, None)
    }

    pub fn with_arg(&self, lang: Lang, key: &str, name: &str, value: impl Into<FluentValue<'static>>) -> String {
        let mut args = FluentArgs::new();
        args.set(name.to_owned(), value.into());
        self.message(lang, key, Some(&args))
    }
}

/// The message ids defined in one catalogue, for the completeness tests.
pub fn message_ids(lang: Lang) -> Vec<String> {
    let source = SOURCES
        .iter()
        .find(|(l, _)| *l == lang)
        .map(|(_, s)| *s)
        .unwrap_or_default();
    let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(resource, _)| resource);
    resource
        .entries()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogues_parse_and_define_the_same_messages() {
        I18n::load().expect("catalogues load");
        let mut finnish = message_ids(Lang::Fi);
        finnish.sort();
        assert!(finnish.len() > 50, "the Finnish catalogue looks truncated");
        for lang in Lang::TRANSLATIONS {
            let mut ids = message_ids(lang);
            ids.sort();
            assert_eq!(
                ids, finnish,
                "locales/{lang}/tarina.ftl must define exactly the Finnish message ids"
            );
        }
    }
}
