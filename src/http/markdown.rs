//! Long texts that staff write (an action's progress note, a target's assessment justification) as Markdown
//! rendered to HTML that is safe to put in a public page.
//!
//! Why it is safe: the text is parsed as CommonMark (no extensions: no tables, footnotes or heading attributes)
//! and every event the parser yields is passed through [`safe_events`] before `pulldown-cmark` writes it out, so
//! the HTML can only hold elements this module lets through:
//!
//! - **Raw HTML**, block or inline (`<script>`, `<img onerror=…>`, `<svg onload=…>`, comments), becomes text:
//!   it is escaped like any other text and shown as typed, never parsed by the browser.
//! - **Links** keep their destination only when it is `https:`, `http:`, `mailto:` or has no scheme (a relative
//!   path, `#fragment` or `//host`). The scheme is judged as a browser would read it: after the parser has
//!   decoded entities and backslash escapes (`&#106;avascript:`), with whitespace and control characters
//!   removed (`java\tscript:`) and in any case (`JaVaScRiPt:`). Anything else (`javascript:`, `data:`,
//!   `vbscript:`, `file:`, …) is dropped and the link text is shown without a link. A link with no text shows its
//!   destination, so no link is empty for a screen reader.
//! - **Images** are never loaded (the CSP allows no remote images, and loading one would tell its host who reads
//!   the page): an image becomes a link to its address with its alt text, under the same rule for the address.
//! - **Nested links** cannot be written in HTML, so a link or image inside a link is shown as its text.
//! - **Code blocks** are written without the language a fence may name (it would be a `class` attribute).
//! - **Headings** (`#` … `######`) become a paragraph in bold. The texts sit at different depths on different
//!   pages (under a target's `h3` in the budget annex, inside a list item on a goal page), so no fixed heading
//!   level would fit every outline; a bold paragraph keeps the writer's emphasis without adding a heading, let
//!   alone a second `h1`, to the page.
//!
//! Text, link addresses and titles are escaped by `pulldown-cmark`'s writer (`<`, `>`, `&`, quotes; addresses
//! are also percent-encoded), so nothing a writer types can open a tag or an attribute.

use pulldown_cmark::{html, CodeBlockKind, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

/// The HTML of a Markdown text (see the module documentation for what is allowed).
pub fn to_html(source: &str) -> String {
    let events = safe_events(Parser::new_ext(source, Options::empty()));
    let mut out = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    out
}

/// A link or image that was opened: whether it was written as an `<a>`, where its content starts in the output
/// and its address (the text of a link that has none).
struct Open<'a> {
    anchor: bool,
    content_at: usize,
    dest: CowStr<'a>,
}

/// The parser's events with raw HTML turned into text, unsafe links and all images replaced and headings
/// turned into bold paragraphs.
fn safe_events<'a>(parser: impl Iterator<Item = Event<'a>>) -> Vec<Event<'a>> {
    let mut out = Vec::new();
    let mut open: Vec<Open<'a>> = Vec::new();
    for event in parser {
        match event {
            Event::Html(raw) | Event::InlineHtml(raw) => out.push(Event::Text(raw)),
            Event::Start(Tag::HtmlBlock) => out.push(Event::Start(Tag::Paragraph)),
            Event::End(TagEnd::HtmlBlock) => out.push(Event::End(TagEnd::Paragraph)),
            // No highlighter reads a fenced block's language, so it is not written as a class.
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) => {
                out.push(Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)));
            }
            Event::Start(Tag::Heading { .. }) => {
                out.extend([Event::Start(Tag::Paragraph), Event::Start(Tag::Strong)]);
            }
            Event::End(TagEnd::Heading(_)) => {
                out.extend([Event::End(TagEnd::Strong), Event::End(TagEnd::Paragraph)]);
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let anchor = is_allowed(&dest_url) && !open.iter().any(|o| o.anchor);
                if anchor {
                    out.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url: dest_url.clone(),
                        title,
                        id,
                    }));
                }
                open.push(Open {
                    anchor,
                    content_at: out.len(),
                    dest: dest_url,
                });
            }
            Event::Start(Tag::Image {
                dest_url, title, id, ..
            }) => {
                let anchor = is_allowed(&dest_url) && !open.iter().any(|o| o.anchor);
                if anchor {
                    out.push(Event::Start(Tag::Link {
                        link_type: LinkType::Inline,
                        dest_url: dest_url.clone(),
                        title,
                        id,
                    }));
                }
                open.push(Open {
                    anchor,
                    content_at: out.len(),
                    dest: dest_url,
                });
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if let Some(link) = open.pop().filter(|link| link.anchor) {
                    if !out[link.content_at..].iter().any(is_visible) {
                        out.push(Event::Text(link.dest));
                    }
                    out.push(Event::End(TagEnd::Link));
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// Whether an event shows something a reader can see (and a screen reader can read as a link's name).
fn is_visible(event: &Event) -> bool {
    matches!(event, Event::Text(text) | Event::Code(text) if !text.trim().is_empty())
}

/// Whether a link's address may be kept: `https:`, `http:` or `mailto:`, or no scheme at all. The scheme is
/// read as browsers read it, ignoring whitespace and control characters anywhere in it and ignoring case; a
/// `:` before the first `/`, `?` or `#` means a scheme.
fn is_allowed(dest: &str) -> bool {
    let compact: String = dest.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
    let head = compact.split(['/', '?', '#']).next().unwrap_or_default();
    match head.split_once(':') {
        None => true,
        Some((scheme, _)) => ["https", "http", "mailto"]
            .iter()
            .any(|allowed| scheme.eq_ignore_ascii_case(allowed)),
    }
}

#[cfg(test)]
mod tests;
