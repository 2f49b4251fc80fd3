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
);
