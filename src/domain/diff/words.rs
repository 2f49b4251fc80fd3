//! Word-level differences between two texts.
//!
//! Texts are cut into words and the spaces and punctuation between them, and the shortest edit between the
//! two token lists is found (Myers' algorithm). A word is a run of letters and digits, joined by a hyphen or an
//! apostrophe inside it, so a changed Finnish compound ("varhaiskasvatus" → "esiopetus", or "Espoo-tarina")
//! is shown as one word removed and one added, never as a soup of shared letters.

use super::myers::{self, Edit};

/// Whether a piece of text is the same in both versions, only in the new one or only in the old one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SegmentKind {
    Equal,
    Inserted,
    Deleted,
}

/// A run of text with one [`SegmentKind`]; concatenating the equal and deleted runs gives the old text,
/// the equal and inserted runs the new one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub kind: SegmentKind,
    pub text: String,
}

/// Cuts a text into words and the single separators (a run of whitespace, or one punctuation mark)
/// between them. The tokens concatenate back to the text.
pub fn tokens(text: &str) -> Vec<&str> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let mut end = start + c.len_utf8();
        if c.is_alphanumeric() {
            while let Some(&(i, next)) = chars.peek() {
                let joins_word = matches!(next, '-' | '\'' | '’')
                    && text[i + next.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric);
                if !(next.is_alphanumeric() || joins_word) {
                    break;
                }
                chars.next();
                end = i + next.len_utf8();
            }
        } else if c.is_whitespace() {
            while let Some(&(i, next)) = chars.peek() {
                if !next.is_whitespace() {
                    break;
                }
                chars.next();
                end = i + next.len_utf8();
            }
        }
        tokens.push(&text[start..end]);
    }
    tokens
}

/// The word-level difference between `old` and `new`, as few segments as possible: a separator left
/// alone between two changes joins them, so "a b" → "x y" reads as one replacement, not two.
pub fn diff_words(old: &str, new: &str) -> Vec<Segment> {
    let (old_tokens, new_tokens) = (tokens(old), tokens(new));
    let edits = myers::diff(&old_tokens, &new_tokens);
    let mut pieces: Vec<(SegmentKind, &str)> = edits
        .iter()
        .map(|edit| match *edit {
            Edit::Equal(i, _) => (SegmentKind::Equal, old_tokens[i]),
            Edit::Delete(i) => (SegmentKind::Deleted, old_tokens[i]),
            Edit::Insert(j) => (SegmentKind::Inserted, new_tokens[j]),
        })
        .collect();
    absorb_lone_separators(&mut pieces);
    group(&pieces)
}

fn is_separator(token: &str) -> bool {
    !token.chars().any(char::is_alphanumeric)
}

/// Turns an unchanged separator between two changed tokens into a deletion and an insertion of itself.
fn absorb_lone_separators(pieces: &mut Vec<(SegmentKind, &str)>) {
    let changed = |p: Option<&(SegmentKind, &str)>| p.is_some_and(|(kind, _)| *kind != SegmentKind::Equal);
    let mut i = 1;
    while i + 1 < pieces.len() {
        let (kind, text) = pieces[i];
        if kind == SegmentKind::Equal && is_separator(text) && changed(pieces.get(i - 1)) && changed(pieces.get(i + 1))
        {
            pieces[i] = (SegmentKind::Deleted, text);
            pieces.insert(i + 1, (SegmentKind::Inserted, text));
            i += 1;
        }
        i += 1;
    }
}

/// Joins tokens into segments: each changed stretch as its deletions, then its insertions.
fn group(pieces: &[(SegmentKind, &str)]) -> Vec<Segment> {
    let mut segments = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        if pieces[i].0 == SegmentKind::Equal {
            let text: String = pieces[i..]
                .iter()
                .take_while(|p| p.0 == SegmentKind::Equal)
                .map(|p| p.1)
                .collect();
            i += pieces[i..].iter().take_while(|p| p.0 == SegmentKind::Equal).count();
            segments.push(Segment {
                kind: SegmentKind::Equal,
                text,
            });
            continue;
        }
        let run = pieces[i..].iter().take_while(|p| p.0 != SegmentKind::Equal).count();
        for kind in [SegmentKind::Deleted, SegmentKind::Inserted] {
            let text: String = pieces[i..i + run].iter().filter(|p| p.0 == kind).map(|p| p.1).collect();
            if !text.is_empty() {
                segments.push(Segment { kind, text });
            }
        }
        i += run;
    }
    segments
}
