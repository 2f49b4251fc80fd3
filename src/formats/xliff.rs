//! XLIFF 2.0, the exchange format of translation agencies: one `<unit>` per text, its Finnish source and
//! its translation in one `<segment>`. Written and read as plain text only: Tarina's texts hold no inline
//! markup, so any element inside a source or target is a problem of the file, never something to keep.
//!
//! Reading collects every problem it can name (with the unit it is in) rather than stopping at the first,
//! so the person fixes the file once; only XML that does not parse stops it, as nothing after that point
//! can be trusted.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::domain::translation::Problem;

/// A text as the file carries it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub id: String,
    pub source: String,
    /// `None` when the unit has no target (not translated).
    pub target: Option<String>,
    /// How far the translation has come, as the segment's `state` says; `None` when it says nothing.
    pub state: Option<State>,
}

/// XLIFF 2.0's segment states. Tarina writes `translated` on a translation not yet reviewed and `reviewed` on
/// a reviewed one; a file that comes back stores only what its translator finished (see [`State::finished`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Initial,
    Translated,
    Reviewed,
    Final,
}

impl State {
    fn parse(text: &str) -> Option<State> {
        match text {
            "initial" => Some(State::Initial),
            "translated" => Some(State::Translated),
            "reviewed" => Some(State::Reviewed),
            "final" => Some(State::Final),
            _ => None,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            State::Initial => "initial",
            State::Translated => "translated",
            State::Reviewed => "reviewed",
            State::Final => "final",
        }
    }

    /// Whether a translation in this state is done: reviewed or final, or no state given (a translator who
    /// fills in a missing text and says nothing more means it as done).
    pub fn finished(state: Option<State>) -> bool {
        matches!(state, None | Some(State::Reviewed | State::Final))
    }
}

/// A whole file: its languages and units in file order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    pub src_lang: String,
    pub trg_lang: String,
    pub units: Vec<Unit>,
}

/// Writes a document; `original` names where the texts come from (the `<file>`'s `original`).
pub fn write(document: &Document, original: &str) -> String {
    let esc = |text: &str| quick_xml::escape::escape(text).into_owned();
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"{}\" trgLang=\"{}\">\n",
        esc(&document.src_lang),
        esc(&document.trg_lang)
    ));
    out.push_str(&format!("<file id=\"f1\" original=\"{}\">\n", esc(original)));
    for unit in &document.units {
        let state = unit
            .state
            .map(|state| format!(" state=\"{}\"", state.as_str()))
            .unwrap_or_default();
        out.push_str(&format!("<unit id=\"{}\">\n<segment{state}>\n", esc(&unit.id)));
        out.push_str(&format!(
            "<source xml:space=\"preserve\">{}</source>\n",
            esc(&unit.source)
        ));
        if let Some(target) = &unit.target {
            out.push_str(&format!("<target xml:space=\"preserve\">{}</target>\n", esc(target)));
        }
        out.push_str("</segment>\n</unit>\n");
    }
    out.push_str("</file>\n</xliff>\n");
    out
}

/// Which text of a segment is being read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Source,
    Target,
}

/// The unit being read.
#[derive(Default)]
struct Open {
    id: String,
    segments: usize,
    source: String,
    target: Option<String>,
    state: Option<State>,
}

/// Reads a document, or lists every problem found: XML that does not parse (which ends the reading), a root
/// that is not XLIFF 2.0, units without an id or with more than one segment, markup inside a source or
/// target.
pub fn read(bytes: &[u8]) -> Result<Document, Vec<Problem>> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(vec![Problem::new(None, "translations-problem-encoding", "")]);
    };
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut document = Document::default();
    let mut problems = Vec::new();
    let mut depth = 0usize;
    let mut seen_root = false;
    let mut unit: Option<Open> = None;
    // The part being read and the depth of its element; markup inside it is skipped until it closes.
    let mut part: Option<(Part, usize)> = None;
    loop {
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(error) => {
                let at = reader.error_position();
                let unit = unit.as_ref().map(|u| u.id.as_str());
                problems.push(Problem::new(
                    unit,
                    "translations-problem-xml",
                    format!("{error} (byte {at})"),
                ));
                return Err(problems);
            }
        };
        match event {
            // Markup inside a text: named, and skipped to its end, so the rest of the file is still checked.
            Event::Start(element) if part.is_some() => {
                depth += 1;
                problems.push(Problem::new(
                    unit.as_ref().map(|u| u.id.as_str()),
                    "translations-problem-markup",
                    local(&element),
                ));
            }
            Event::Empty(element) if part.is_some() => {
                problems.push(Problem::new(
                    unit.as_ref().map(|u| u.id.as_str()),
                    "translations-problem-markup",
                    local(&element),
                ));
            }
            Event::Start(element) => {
                depth += 1;
                opened(
                    &element,
                    depth,
                    &mut document,
                    &mut problems,
                    &mut seen_root,
                    &mut unit,
                    &mut part,
                );
            }
            Event::Empty(element) => {
                opened(
                    &element,
                    depth + 1,
                    &mut document,
                    &mut problems,
                    &mut seen_root,
                    &mut unit,
                    &mut part,
                );
                closed(&local(&element), depth + 1, &mut document, &mut unit, &mut part);
            }
            Event::End(element) => {
                let name = String::from_utf8_lossy(element.local_name().as_ref()).into_owned();
                closed(&name, depth, &mut document, &mut unit, &mut part);
                depth = depth.saturating_sub(1);
            }
            Event::Text(content) => {
                let content = content
                    .decode()
                    .map_err(|e| vec![Problem::new(None, "translations-problem-xml", e.to_string())])?;
                append(&mut unit, part, &content);
            }
            Event::CData(content) => {
                let content = content
                    .decode()
                    .map_err(|e| vec![Problem::new(None, "translations-problem-xml", e.to_string())])?;
                append(&mut unit, part, &content);
            }
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    Ok(None) => match reference.decode().as_deref() {
                        Ok("amp") => Some("&".to_owned()),
                        Ok("lt") => Some("<".to_owned()),
                        Ok("gt") => Some(">".to_owned()),
                        Ok("quot") => Some("\"".to_owned()),
                        Ok("apos") => Some("'".to_owned()),
                        _ => None,
                    },
                    Err(_) => None,
                };
                match resolved {
                    Some(text) => append(&mut unit, part, &text),
                    None => {
                        let name = String::from_utf8_lossy(reference.as_ref()).into_owned();
                        let id = unit.as_ref().map(|u| u.id.as_str());
                        problems.push(Problem::new(id, "translations-problem-xml", format!("&{name};")));
                    }
                }
            }
            Event::DocType(_) => problems.push(Problem::new(None, "translations-problem-xml", "DOCTYPE")),
            Event::Eof => {
                if depth > 0 || !seen_root {
                    problems.push(Problem::new(None, "translations-problem-xml", "end of file"));
                }
                break;
            }
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
        }
    }
    if problems.is_empty() {
        Ok(document)
    } else {
        Err(problems)
    }
}

fn local(element: &BytesStart<'_>) -> String {
    String::from_utf8_lossy(element.local_name().as_ref()).into_owned()
}

fn attribute(element: &BytesStart<'_>, name: &str) -> Option<String> {
    element.try_get_attribute(name).ok().flatten().and_then(|a| {
        quick_xml::escape::unescape(&String::from_utf8_lossy(&a.value))
            .ok()
            .map(|v| v.into_owned())
    })
}

fn opened(
    element: &BytesStart<'_>,
    depth: usize,
    document: &mut Document,
    problems: &mut Vec<Problem>,
    seen_root: &mut bool,
    unit: &mut Option<Open>,
    part: &mut Option<(Part, usize)>,
) {
    let name = local(element);
    if depth == 1 {
        *seen_root = true;
        if name != "xliff" || attribute(element, "version").as_deref() != Some("2.0") {
            problems.push(Problem::new(None, "translations-problem-not-xliff", name));
        }
        document.src_lang = attribute(element, "srcLang").unwrap_or_default();
        document.trg_lang = attribute(element, "trgLang").unwrap_or_default();
        return;
    }
    match name.as_str() {
        "unit" => {
            let id = attribute(element, "id").unwrap_or_default();
            if id.is_empty() {
                problems.push(Problem::new(None, "translations-problem-no-id", ""));
            }
            *unit = Some(Open { id, ..Open::default() });
        }
        "segment" => {
            if let Some(open) = unit.as_mut() {
                open.segments += 1;
                if open.segments == 2 {
                    problems.push(Problem::new(Some(&open.id), "translations-problem-segments", ""));
                }
                if let Some(state) = attribute(element, "state") {
                    match State::parse(&state) {
                        Some(known) => open.state = Some(known),
                        None => problems.push(Problem::new(Some(&open.id), "translations-problem-state", state)),
                    }
                }
            }
        }
        "source" if unit.is_some() => *part = Some((Part::Source, depth)),
        "target" if unit.is_some() => {
            if let Some(open) = unit.as_mut() {
                open.target.get_or_insert_with(String::new);
            }
            *part = Some((Part::Target, depth));
        }
        _ => {}
    }
}

fn closed(
    name: &str,
    depth: usize,
    document: &mut Document,
    unit: &mut Option<Open>,
    part: &mut Option<(Part, usize)>,
) {
    if part.is_some_and(|(_, at)| at == depth) {
        *part = None;
        return;
    }
    if name == "unit" {
        if let Some(open) = unit.take() {
            document.units.push(Unit {
                id: open.id,
                source: open.source,
                target: open.target,
                state: open.state,
            });
        }
    }
}

fn append(unit: &mut Option<Open>, part: Option<(Part, usize)>, text: &str) {
    let (Some(open), Some((which, _))) = (unit.as_mut(), part) else {
        return;
    };
    match which {
        Part::Source => open.source.push_str(text),
        Part::Target => open.target.get_or_insert_with(String::new).push_str(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(problems: &[Problem]) -> Vec<(Option<&str>, &str, &str)> {
        problems
            .iter()
            .map(|p| (p.unit.as_deref(), p.key, p.value.as_str()))
            .collect()
    }

    #[test]
    fn a_written_document_reads_back_as_it_was() {
        let document = Document {
            src_lang: "fi".into(),
            trg_lang: "sv".into(),
            units: vec![
                Unit {
                    id: "s:goal:12:title".into(),
                    source: "Espoo & \"kestävä\" <kehitys>\n  rivi".into(),
                    target: Some("Esbo & 'hållbar'".into()),
                    state: Some(State::Translated),
                },
                Unit {
                    id: "c:indicator:5:name".into(),
                    source: "Työllisyysaste".into(),
                    target: None,
                    state: None,
                },
            ],
        };
        assert_eq!(read(write(&document, "espoo").as_bytes()), Ok(document));
    }

    #[test]
    fn every_problem_of_a_file_is_named_with_its_unit() {
        let file = r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="fi" trgLang="sv"><file id="f">
            <unit id="a"><segment><source>x</source><target>a <pc id="1">b</pc> <ph id="2"/></target></segment></unit>
            <unit><segment><source>y</source></segment></unit>
            <unit id="b"><segment><source>y</source></segment><segment><source>z</source></segment></unit>
            <unit id="c"><segment><source>&custom;</source></segment></unit>
            <unit id="d"><segment state="done"><source>y</source></segment></unit>
            </file></xliff>"#;
        assert_eq!(
            keys(&read(file.as_bytes()).unwrap_err()),
            vec![
                (Some("a"), "translations-problem-markup", "pc"),
                (Some("a"), "translations-problem-markup", "ph"),
                (None, "translations-problem-no-id", ""),
                (Some("b"), "translations-problem-segments", ""),
                (Some("c"), "translations-problem-xml", "&custom;"),
                (Some("d"), "translations-problem-state", "done"),
            ]
        );
    }

    #[test]
    fn files_that_are_not_xliff_2_are_refused() {
        let v1 = r#"<xliff version="1.2"><file/></xliff>"#;
        assert_eq!(
            keys(&read(v1.as_bytes()).unwrap_err()),
            vec![(None, "translations-problem-not-xliff", "xliff")]
        );
        let doctype = r#"<!DOCTYPE x [<!ENTITY e "boom">]><xliff version="2.0"/>"#;
        assert_eq!(
            keys(&read(doctype.as_bytes()).unwrap_err()),
            vec![(None, "translations-problem-xml", "DOCTYPE")]
        );
        assert_eq!(
            keys(&read(b"\xff\xfe<xliff/>").unwrap_err()),
            vec![(None, "translations-problem-encoding", "")]
        );
        let broken = read(br#"<xliff version="2.0"><file><unit id="a"></file></xliff>"#).unwrap_err();
        assert_eq!(broken.len(), 1);
        assert_eq!(broken[0].key, "translations-problem-xml");
        assert_eq!(
            keys(&read(b"").unwrap_err()),
            vec![(None, "translations-problem-xml", "end of file")]
        );
    }
}
