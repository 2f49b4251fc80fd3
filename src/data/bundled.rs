//! The Espoo-tarina 1.1 data files, compiled into the binary so that `tarina` runs from any folder.

macro_rules! bundled {
    ($($path:literal),* $(,)?) => {
        /// Each bundled file's path relative to `data/espoo-tarina-1.1/` and its text.
        pub const BUNDLED_FILES: &[(&str, &str)] = &[
            $(($path, include_str!(concat!("../../data/espoo-tarina-1.1/", $path)))),*
        ];
    };
}

bundled!(
    "strategy.toml",
    "programmes.toml",
    "timeline.toml",
    "areas/1-sivistys-ja-hyvinvointi.toml",
    "areas/2-elinvoima-kilpailukyky-ja-tyollisyys.toml",
    "areas/3-ymparisto-rakentaminen-ja-liikenne.toml",
    "areas/4-talous-henkilosto-ja-johtaminen.toml",
    "narrative/1-mista-olemme-tulossa.toml",
    "narrative/2-missa-olemme.toml",
    "narrative/3-minne-olemme-menossa.toml",
    "cascade/cascade.toml",
    "cascade/actions.toml",
    "cascade/indicators/01-tyollisyysaste.toml",
    "cascade/indicators/02-tyottomyysaste.toml",
    "cascade/indicators/03-kasvihuonekaasupaastot.toml",
    "cascade/indicators/04-vakiluku.toml",
    "cascade/indicators/05-vieraskieliset-asukkaat.toml",
    "cascade/indicators/06-investoinnit.toml",
    "cascade/indicators/07-investointien-omarahoitusosuus.toml",
    "cascade/indicators/08-sisailmakohteet.toml",
    "cascade/indicators/09-hatavaistot.toml",
    "cascade/indicators/10-palvelut-englanniksi.toml",
    "cascade/targets/2018.toml",
);

/// The surveys that ship with the strategy, each a definition in the JSON of
/// [`crate::domain::survey::Survey::from_json`], from `data/surveys/`. They come without answers.
pub const BUNDLED_SURVEYS: &[(&str, &str)] = &[(
    "rakennusvalvonta-asiakastyytyvaisyys.json",
    include_str!("../../data/surveys/rakennusvalvonta-asiakastyytyvaisyys.json"),
)];
