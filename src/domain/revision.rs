//! The state of an indicator's values as a writer sees it (the regions it may write and the values stored),
//! named by a tag: a write sent with that tag (`If-Match`) goes ahead only while the state is still the same,
//! so two writers never silently overwrite each other. The tag is a hash of the state itself rather than a
//! counter kept beside it, so every way values change (forms, the API, imports, connectors, a replaced
//! cascade) moves it without any of them having to remember to, and a state that returns to an earlier one is
//! that state again.

use sha2::{Digest as _, Sha256};

use super::Slug;

/// One stored value of an indicator, as a writer sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredValue {
    pub region: Slug,
    pub date: chrono::NaiveDate,
    pub value: f64,
    /// The source as typed (the Finnish text).
    pub source: String,
    pub example: bool,
}

/// What a writer of an indicator's values works on.
#[derive(Debug, Clone, PartialEq)]
pub struct ValuesState {
    /// The regions the indicator is reported for, the headline region first: those a value may have.
    pub regions: Vec<Slug>,
    pub values: Vec<StoredValue>,
}

impl ValuesState {
    /// The state's tag, whatever order its values come in: 32 hex digits.
    pub fn tag(&self) -> String {
        let mut ordered: Vec<&StoredValue> = self.values.iter().collect();
        ordered.sort_by(|a, b| (&a.region, a.date).cmp(&(&b.region, b.date)));
        let mut hash = Sha256::new();
        let regions: Vec<&str> = self.regions.iter().map(Slug::as_str).collect();
        hash.update(format!("{}\n", regions.join(",")));
        for v in ordered {
            // Fields end in a NUL and values in a newline, which no slug or date holds; a source may hold either,
            // but it is the last text of its value and its length comes first.
            hash.update(format!(
                "{}\0{}\0{:016x}\0{}\0{}\0{}\n",
                v.region,
                v.date,
                v.value.to_bits(),
                u8::from(v.example),
                v.source.len(),
                v.source
            ));
        }
        hash.finalize()[..16].iter().map(|b| format!("{b:02x}")).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(region: &str, date: &str, value: f64, source: &str) -> StoredValue {
        StoredValue {
            region: Slug::parse(region).unwrap(),
            date: date.parse().unwrap(),
            value,
            source: source.into(),
            example: false,
        }
    }

    #[test]
    fn the_tag_follows_the_state_not_the_order_of_values() {
        let regions = vec![Slug::parse("espoo").unwrap(), Slug::parse("tapiola").unwrap()];
        let tag_of = |values: &[StoredValue]| {
            ValuesState {
                regions: regions.clone(),
                values: values.to_vec(),
            }
            .tag()
        };
        let a = value("espoo", "2020-12-31", 1.0, "Tilastokeskus");
        let b = value("tapiola", "2020-12-31", 2.0, "Tilastokeskus");
        let tag = tag_of(&[a.clone(), b.clone()]);
        assert_eq!(tag.len(), 32);
        assert_eq!(tag_of(&[b.clone(), a.clone()]), tag);
        assert_ne!(tag_of(std::slice::from_ref(&a)), tag);
        assert_ne!(tag_of(&[]), tag);
        let fewer_regions = ValuesState {
            regions: regions[..1].to_vec(),
            values: vec![a.clone(), b.clone()],
        };
        assert_ne!(fewer_regions.tag(), tag);
        for changed in [
            value("espoo", "2020-12-31", 1.5, "Tilastokeskus"),
            value("espoo", "2020-12-30", 1.0, "Tilastokeskus"),
            value("espoo", "2020-12-31", 1.0, "THL"),
            StoredValue {
                example: true,
                ..a.clone()
            },
        ] {
            assert_ne!(tag_of(&[changed, b.clone()]), tag);
        }
    }
}
