use proptest::prelude::*;

use super::{is_allowed, to_html};

#[test]
fn markdown_renders() {
    assert_eq!(
        to_html("**Valmis** ja *ajallaan*.\n\n- yksi\n- kaksi"),
        "<p><strong>Valmis</strong> ja <em>ajallaan</em>.</p>\n<ul>\n<li>yksi</li>\n<li>kaksi</li>\n</ul>\n"
    );
    assert_eq!(
        to_html("1. a\n2. b\n\n> lainaus\n\n`koodi`"),
        "<ol>\n<li>a</li>\n<li>b</li>\n</ol>\n<blockquote>\n<p>lainaus</p>\n</blockquote>\n<p><code>koodi</code></p>\n"
    );
    assert_eq!(to_html(""), "");
}

#[test]
fn allowed_links_are_kept() {
    assert_eq!(
        to_html("[Espoo](https://www.espoo.fi/fi \"kaupunki\")"),
        "<p><a href=\"https://www.espoo.fi/fi\" title=\"kaupunki\">Espoo</a></p>\n"
    );
    assert_eq!(
        to_html("[a](http://x.fi) [b](mailto:kirjaamo@espoo.fi) [c](/fi/tavoitteet) [d](#kohta) [e](../x)"),
        "<p><a href=\"http://x.fi\">a</a> <a href=\"mailto:kirjaamo@espoo.fi\">b</a> \
         <a href=\"/fi/tavoitteet\">c</a> <a href=\"#kohta\">d</a> <a href=\"../x\">e</a></p>\n"
    );
    assert_eq!(
        to_html("<https://espoo.fi> <kirjaamo@espoo.fi>"),
        "<p><a href=\"https://espoo.fi\">https://espoo.fi</a> \
         <a href=\"mailto:kirjaamo@espoo.fi\">kirjaamo@espoo.fi</a></p>\n"
    );
    assert_eq!(
        to_html("[](https://espoo.fi)"),
        "<p><a href=\"https://espoo.fi\">https://espoo.fi</a></p>\n",
        "an empty link shows its address"
    );
}

#[test]
fn raw_html_is_text() {
    assert_eq!(
        to_html("<script>alert(1)</script>"),
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"
    );
    assert_eq!(
        to_html("Katso <img src=x onerror=alert(1)> tästä"),
        "<p>Katso &lt;img src=x onerror=alert(1)&gt; tästä</p>\n"
    );
    assert_eq!(to_html("<svg onload=alert(1)>"), "<p>&lt;svg onload=alert(1)&gt;</p>\n");
    assert_eq!(
        to_html("<a href=\"javascript:alert(1)\">klikkaa</a>"),
        "<p>&lt;a href=\"javascript:alert(1)\"&gt;klikkaa&lt;/a&gt;</p>\n"
    );
    assert_eq!(
        to_html("\"><script>alert(1)</script>"),
        "<p>\"&gt;&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"
    );
    assert_eq!(
        to_html("<div>\n<iframe src=\"https://evil\"></iframe>\n</div>"),
        "<p>&lt;div&gt;\n&lt;iframe src=\"https://evil\"&gt;&lt;/iframe&gt;\n&lt;/div&gt;</p>\n"
    );
    assert_eq!(to_html("<!-- piilo -->"), "<p>&lt;!-- piilo --&gt;</p>\n");
}

#[test]
fn unsafe_links_keep_only_their_text() {
    for source in [
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](&#x6A;avascript&colon;alert(1))",
        "[x](java&#9;script:alert(1))",
        "[x](<java\tscript:alert(1)>)",
        "[x]( javascript:alert(1) )",
        "[x](vbscript:msgbox(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](file:///etc/passwd)",
        "[x][r]\n\n[r]: javascript:alert(1)",
    ] {
        assert_eq!(to_html(source), "<p>x</p>\n", "{source}");
    }
    assert_eq!(to_html("<javascript:alert(1)>"), "<p>javascript:alert(1)</p>\n");
}

#[test]
fn images_are_links_never_loaded() {
    assert_eq!(
        to_html("![Kartta](https://evil/x.png)"),
        "<p><a href=\"https://evil/x.png\">Kartta</a></p>\n"
    );
    assert_eq!(
        to_html("![](https://evil/x.png)"),
        "<p><a href=\"https://evil/x.png\">https://evil/x.png</a></p>\n"
    );
    assert_eq!(to_html("![x](javascript:alert(1))"), "<p>x</p>\n");
    assert_eq!(to_html("![x](data:image/svg+xml;base64,PHN2Zz4=)"), "<p>x</p>\n");
    // A link cannot hold a link: the image inside shows its alt text.
    assert_eq!(
        to_html("[![kuva](https://a/k.png)](https://b/)"),
        "<p><a href=\"https://b/\">kuva</a></p>\n"
    );
    // An unsafe outer link does not stop the image inside from being a link.
    assert_eq!(
        to_html("[![kuva](https://a/k.png)](javascript:alert(1))"),
        "<p><a href=\"https://a/k.png\">kuva</a></p>\n"
    );
}

#[test]
fn headings_become_bold_paragraphs() {
    assert_eq!(
        to_html("# Otsikko\n\nTeksti\n\n###### Pieni\n\nAla\n---"),
        "<p><strong>Otsikko</strong></p>\n<p>Teksti</p>\n<p><strong>Pieni</strong></p>\n<p><strong>Ala</strong></p>\n"
    );
}

#[test]
fn code_blocks_name_no_language() {
    assert_eq!(
        to_html("```javascript:alert(1)\n<b>x</b>\n```"),
        "<pre><code>&lt;b&gt;x&lt;/b&gt;\n</code></pre>\n"
    );
}

#[test]
fn tables_are_not_parsed() {
    assert_eq!(
        to_html("| a | b |\n|---|---|\n| 1 | 2 |"),
        "<p>| a | b |\n|---|---|\n| 1 | 2 |</p>\n"
    );
}

#[test]
fn addresses_and_titles_are_escaped() {
    assert_eq!(
        to_html("[x](https://a/?q=\"><script> \"t\\\"><b>\")"),
        "<p><a href=\"https://a/?q=%22%3E%3Cscript%3E\" title=\"t&quot;&gt;&lt;b&gt;\">x</a></p>\n"
    );
    assert_eq!(
        to_html("[x](<https://a/\"onmouseover=alert(1)> \"\\\" onclick=\\\"y\")"),
        "<p><a href=\"https://a/%22onmouseover=alert(1)\" title=\"&quot; onclick=&quot;y\">x</a></p>\n"
    );
}

#[test]
fn schemes_are_read_as_browsers_read_them() {
    for allowed in [
        "https://a",
        "HTTP://a",
        "mailto:a@b",
        "/a:b",
        "a/b:c",
        "?q=a:b",
        "#a:b",
        "//host/x",
        "",
    ] {
        assert!(is_allowed(allowed), "{allowed}");
    }
    for refused in [
        "javascript:x",
        " JAVASCRIPT:x",
        "java\tscript:x",
        "java\nscript:x",
        "\u{1}javascript:x",
        "data:x",
        "vbscript:x",
        "a:b",
    ] {
        assert!(!is_allowed(refused), "{refused:?}");
    }
}

/// Fragments that make up hostile Markdown: raw tags, event handlers, schemes in many spellings, entities,
/// link and image syntax and line structure.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "<script>",
            "</script>",
            "<SCRIPT src=x>",
            "<img src=x onerror=alert(1)>",
            "<svg onload=alert(1)>",
            "<a href=\"javascript:alert(1)\">",
            "</a>",
            "\"><script>",
            "javascript:",
            "JaVaScRiPt:",
            "&#106;",
            "&#x6A;",
            "&colon;",
            "&#58;",
            "java\tscript:",
            "vbscript:",
            "data:text/html,",
            " onclick=",
            "onerror=",
            "[",
            "]",
            "(",
            ")",
            "![",
            "](",
            "<",
            ">",
            "\"",
            "'",
            "`",
            "```",
            "\n",
            "\n\n",
            "    ",
            "# ",
            "- ",
            "> ",
            "*",
            "**",
            "_",
            "\\",
            "&",
            "&amp;",
            "https://x.fi/",
            "mailto:",
            "x",
            " ",
            "<!--",
            "-->",
            "<style>",
            "<iframe",
            "<object",
            "<embed",
            "<form action=",
            "<base href=",
            "<meta http-equiv=",
        ])
        .prop_map(str::to_owned),
        ".{0,8}",
    ]
}

/// Every tag in rendered HTML (text never holds `<`: it is escaped), lowercased.
fn tags(html: &str) -> Vec<String> {
    html.split('<')
        .skip(1)
        .map(|rest| rest[..rest.find('>').expect("a tag ends")].to_lowercase())
        .collect()
}

/// A tag's name and its attributes as name and value (every value is quoted); `None` when anything else
/// follows the name.
fn parse_tag(tag: &str) -> Option<(&str, Vec<(&str, &str)>)> {
    let tag = tag.trim_start_matches('/').trim_end_matches('/').trim_end();
    let (name, mut rest) = tag.split_once(' ').unwrap_or((tag, ""));
    let mut attributes = Vec::new();
    while let Some((attribute, after)) = rest.split_once("=\"") {
        let end = after.find('"')?;
        attributes.push((attribute.trim(), &after[..end]));
        rest = &after[end + 1..];
    }
    rest.trim().is_empty().then_some((name, attributes))
}

const ELEMENTS: [&str; 12] = [
    "p",
    "a",
    "strong",
    "em",
    "code",
    "pre",
    "ul",
    "ol",
    "li",
    "blockquote",
    "br",
    "hr",
];
const ATTRIBUTES: [&str; 3] = ["href", "title", "start"];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Whatever is typed, the HTML holds only harmless elements, no event handler (`on…=`) or other unexpected
    /// attribute, no `javascript:` in any tag and no address with a scheme other than https, http or mailto.
    /// (The words themselves may appear as escaped text: a note may well say "javascript:" or "onload=".)
    #[test]
    fn rendered_markup_is_never_live(parts in prop::collection::vec(fragment(), 0..40)) {
        let source = parts.concat();
        let html = to_html(&source);
        prop_assert!(!html.to_lowercase().contains("<script"), "{html}");
        for tag in tags(&html) {
            prop_assert!(!tag.contains("javascript:"), "{tag} in {html}");
            let parsed = parse_tag(&tag);
            prop_assert!(parsed.is_some(), "{tag} in {html}");
            let (name, attributes) = parsed.unwrap_or_default();
            prop_assert!(ELEMENTS.contains(&name), "element {name} in {html}");
            for (attribute, value) in attributes {
                prop_assert!(ATTRIBUTES.contains(&attribute), "attribute {attribute} in {html}");
                prop_assert!(!attribute.starts_with("on"), "{attribute} in {html}");
                prop_assert!(attribute != "href" || is_allowed(value), "{value} in {html}");
            }
        }
    }
}
