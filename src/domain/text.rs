use super::Lang;

/// A translation of a Finnish source text, with whether the city has reviewed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translation {
    pub text: String,
    pub reviewed: bool,
}

/// One field of content in three languages. Finnish is required because it is the source; a missing
/// translation falls back to Finnish and is flagged so staff can see what is left to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalizedText {
    pub fi: String,
    pub sv: Option<Translation>,
    pub en: Option<Translation>,
}

/// Text resolved for one language, with what a reader should be told about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resolved<'a> {
    pub text: &'a str,
    /// The language the text is actually in (Finnish when the translation is missing).
    pub lang: Lang,
    pub missing: bool,
    pub unreviewed: bool,
}

impl LocalizedText {
    pub fn finnish_only(fi: impl Into<String>) -> Self {
        LocalizedText {
            fi: fi.into(),
            sv: None,
            en: None,
        }
    }

    pub fn translation(&self, lang: Lang) -> Option<&Translation> {
        match lang {
            Lang::Fi => None,
            Lang::Sv => self.sv.as_ref(),
            Lang::En => self.en.as_ref(),
        }
    }

    /// The text in `lang` if it exists, else `None` (Finnish always exists).
    pub fn get(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::Fi => Some(&self.fi),
            _ => self.translation(lang).map(|t| t.text.as_str()),
        }
    }

    pub fn resolve(&self, lang: Lang) -> Resolved<'_> {
        match (lang, self.translation(lang)) {
            (Lang::Fi, _) => Resolved {
                text: &self.fi,
                lang: Lang::Fi,
                missing: false,
                unreviewed: false,
            },
            (_, Some(t)) => Resolved {
                text: &t.text,
                lang,
                missing: false,
                unreviewed: !t.reviewed,
            },
            (_, None) => Resolved {
                text: &self.fi,
                lang: Lang::Fi,
                missing: true,
                unreviewed: false,
            },
        }
    }
}

/// How complete the translations of a body of text are, per language.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct TranslationStats {
    /// Number of texts that should be translated.
    pub total: usize,
    /// Texts with no translation in this language (shown in Finnish).
    pub missing: usize,
    /// Texts translated but not yet reviewed by the city.
    pub unreviewed: usize,
}

impl TranslationStats {
    pub fn count<'a>(lang: Lang, texts: impl IntoIterator<Item = &'a LocalizedText>) -> Self {
        let mut stats = TranslationStats::default();
        for text in texts {
            stats.total += 1;
            match text.translation(lang) {
                None => stats.missing += 1,
                Some(t) if !t.reviewed => stats.unreviewed += 1,
                Some(_) => {}
            }
        }
        stats
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_translation_falls_back_to_finnish_and_is_flagged() {
        let text = LocalizedText {
            fi: "Hei".into(),
            sv: Some(Translation {
                text: "Hej".into(),
                reviewed: false,
            }),
            en: None,
        };
        let sv = text.resolve(Lang::Sv);
        assert_eq!(
            (sv.text, sv.lang, sv.missing, sv.unreviewed),
            ("Hej", Lang::Sv, false, true)
        );
        let en = text.resolve(Lang::En);
        assert_eq!((en.text, en.lang, en.missing), ("Hei", Lang::Fi, true));
        let stats = TranslationStats::count(Lang::En, [&text, &text]);
        assert_eq!((stats.total, stats.missing, stats.unreviewed), (2, 2, 0));
    }
}
