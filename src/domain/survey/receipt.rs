//! Receipt codes: what the thank-you page gives a resident, so that they (and only someone holding the code)
//! can later ask for their answers to be erased. Ten characters from an alphabet without look-alikes (no 0/O,
//! 1/I/L), 31 symbols: almost 50 random bits, which nobody guesses, shown as two groups of five for reading
//! aloud.

use std::fmt;

use rand::Rng;

/// The 31 symbols a code is made of: digits 2–9 and capitals without I, L and O.
const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const LENGTH: usize = 10;

/// A receipt code, stored and compared without its dash.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ReceiptCode(String);

impl ReceiptCode {
    /// A new code from `rng`, which must be a cryptographically secure generator (the thread's `rand` one is).
    pub fn generate(rng: &mut impl Rng) -> ReceiptCode {
        let code = (0..LENGTH)
            .map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]))
            .collect();
        ReceiptCode(code)
    }

    /// A code as a resident types it back: case, spaces and dashes do not matter. `None` when it cannot be one.
    pub fn parse(text: &str) -> Option<ReceiptCode> {
        let code: String = text
            .chars()
            .filter(|c| !matches!(c, ' ' | '-'))
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let valid = code.len() == LENGTH && code.bytes().all(|b| ALPHABET.contains(&b));
        valid.then_some(ReceiptCode(code))
    }

    /// As stored: ten symbols without the dash.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// `ABCDE-23456`: two groups are easier to read out and copy.
impl fmt::Display for ReceiptCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (head, tail) = self.0.split_at(LENGTH / 2);
        write!(f, "{head}-{tail}")
    }
}
