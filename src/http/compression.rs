//! Content codings (RFC 9110 §8.4.1): brotli and gzip for the text formats, chosen per request from the
//! client's `Accept-Encoding`. Bodies kept in the response cache are compressed once, hard, when they are
//! rendered; bodies rendered for one request are compressed quickly, and only when big enough to gain.

use std::io::Write as _;

use axum::http::header::ACCEPT_ENCODING;
use axum::http::HeaderMap;

/// Bodies rendered for one request that are smaller than this are sent as they are: below about a kilobyte
/// the saving is a packet at most, and the headers a coding adds eat into it.
pub const ON_THE_FLY_THRESHOLD: usize = 1024;

/// Brotli's best level compresses about half a megabyte a second here (the 130 kB strategy document in about
/// 0.2 s; BENCHMARKS.md), which the first request after a change waits for. Bigger cached bodies (a large
/// city's indicator list) take level 9, about seven times faster and a tenth larger, so that wait stays short.
const LARGE_BODY: usize = 256 * 1024;

/// A content coding this server can send. The order of the variants is the preference when a client weighs
/// several equally: brotli makes our HTML and JSON about a sixth smaller than gzip does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

/// How hard to compress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effort {
    /// For bodies compressed once per snapshot and then served many times: the smallest result.
    Once,
    /// For bodies compressed on every request: fast, still most of the saving.
    PerRequest,
}

impl Encoding {
    pub const COMPRESSED: [Encoding; 2] = [Encoding::Brotli, Encoding::Gzip];

    /// The token in `Accept-Encoding` and `Content-Encoding`, also used as the ETag suffix.
    pub fn token(self) -> &'static str {
        match self {
            Encoding::Brotli => "br",
            Encoding::Gzip => "gzip",
            Encoding::Identity => "identity",
        }
    }

    /// `body` in this coding. Writing into a `Vec` cannot fail, so neither can this.
    pub fn encode(self, body: &[u8], effort: Effort) -> Vec<u8> {
        match self {
            Encoding::Brotli => {
                let params = brotli::enc::BrotliEncoderParams {
                    quality: match effort {
                        Effort::Once if body.len() <= LARGE_BODY => 11,
                        Effort::Once => 9,
                        Effort::PerRequest => 4,
                    },
                    size_hint: body.len(),
                    lgwin: window_bits(body.len()),
                    ..Default::default()
                };
                let mut out = Vec::with_capacity(body.len() / 4);
                brotli::BrotliCompress(&mut &body[..], &mut out, &params).expect("writing into a Vec cannot fail");
                out
            }
            Encoding::Gzip => {
                let level = match effort {
                    Effort::Once => flate2::Compression::best(),
                    Effort::PerRequest => flate2::Compression::new(5),
                };
                let mut encoder = flate2::write::GzEncoder::new(Vec::with_capacity(body.len() / 3), level);
                encoder.write_all(body).expect("writing into a Vec cannot fail");
                encoder.finish().expect("writing into a Vec cannot fail")
            }
            Encoding::Identity => body.to_vec(),
        }
    }
}

/// The smallest brotli window that holds the whole body (brotli allows 2^10 to 2^24 bytes, less 16). The
/// encoder's match finder at level 11 takes memory in proportion to the window: the default 4 MiB window
/// costs tens of megabytes per compression, which the allocator then keeps, for a body of a few kilobytes.
fn window_bits(len: usize) -> i32 {
    let bits = (len + 16).next_power_of_two().trailing_zeros();
    bits.clamp(10, 22) as i32
}

/// Whether a media type is text that compresses well. Images other than SVG, XLSX (a ZIP file) and other
/// already-compressed formats would only grow.
pub fn compressible(content_type: &str) -> bool {
    let media_type = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    media_type.starts_with("text/")
        || media_type == "application/json"
        || media_type == "image/svg+xml"
        || (media_type.starts_with("application/") && media_type.ends_with("+json"))
}

/// The best coding the client accepts among those `available` (identity always is), by the client's
/// q-values; equal weights go by the order of [`Encoding`]. Without `Accept-Encoding` the body is sent as it
/// is: RFC 9110 allows any coding then, but a client that says nothing may not understand one. When the
/// client refuses even identity (`identity;q=0`, or `*;q=0` without identity) it still gets identity, the
/// one representation every client can be expected to handle, rather than a 406 page it cannot use either.
pub fn negotiate(request_headers: &HeaderMap, available: &[Encoding]) -> Encoding {
    let mut weights = Weights::default();
    let mut any_header = false;
    for value in request_headers.get_all(ACCEPT_ENCODING) {
        any_header = true;
        for element in value.to_str().unwrap_or_default().split(',') {
            weights.add(element);
        }
    }
    if !any_header {
        return Encoding::Identity;
    }
    let mut best = (Encoding::Identity, weights.of(Encoding::Identity));
    for encoding in Encoding::COMPRESSED.into_iter().filter(|e| available.contains(e)) {
        let weight = weights.of(encoding);
        // Brotli comes first, so gzip replaces it only when the client weighs gzip higher.
        if weight > best.1 || (weight == best.1 && weight > 0 && best.0 == Encoding::Identity) {
            best = (encoding, weight);
        }
    }
    best.0
}

/// The q-values of one `Accept-Encoding`, in thousandths (the most precision a q-value may have).
#[derive(Default)]
struct Weights {
    brotli: Option<u16>,
    gzip: Option<u16>,
    identity: Option<u16>,
    any: Option<u16>,
}

impl Weights {
    fn add(&mut self, element: &str) {
        let mut parts = element.split(';');
        let coding = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
        if coding.is_empty() {
            return;
        }
        let mut weight = 1000;
        for parameter in parts {
            if let Some((name, value)) = parameter.split_once('=') {
                if name.trim().eq_ignore_ascii_case("q") {
                    weight = parse_q(value.trim());
                }
            }
        }
        let slot = match coding.as_str() {
            "br" => &mut self.brotli,
            "gzip" | "x-gzip" => &mut self.gzip,
            "identity" => &mut self.identity,
            "*" => &mut self.any,
            _ => return,
        };
        // A coding listed twice keeps its best weight.
        *slot = Some(slot.map_or(weight, |w| w.max(weight)));
    }

    /// The weight of `encoding`; 0 means not acceptable.
    fn of(&self, encoding: Encoding) -> u16 {
        let named = match encoding {
            Encoding::Brotli => self.brotli,
            Encoding::Gzip => self.gzip,
            Encoding::Identity => self.identity,
        };
        match (named, self.any, encoding) {
            (Some(w), _, _) | (None, Some(w), _) => w,
            // Identity is acceptable unless refused, but a client that names codings and not identity
            // prefers them: an implicit identity ranks below every coding it named.
            (None, None, Encoding::Identity) => 1,
            (None, None, _) => 0,
        }
    }
}

/// A q-value (`0`, `0.5`, `1.000`) in thousandths; a malformed one counts as 0, so a garbled preference
/// never makes a coding acceptable.
fn parse_q(text: &str) -> u16 {
    let valid = matches!(text.as_bytes(), [b'0' | b'1'] | [b'0' | b'1', b'.', ..])
        && text.len() <= 5
        && text.bytes().skip(2).all(|b| b.is_ascii_digit());
    match text.parse::<f32>() {
        Ok(q) if valid && (0.0..=1.0).contains(&q) => (q * 1000.0).round() as u16,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;
    use Encoding::*;

    fn choose(accept: Option<&str>) -> Encoding {
        let mut headers = HeaderMap::new();
        if let Some(accept) = accept {
            headers.insert(ACCEPT_ENCODING, HeaderValue::from_str(accept).unwrap());
        }
        negotiate(&headers, &[Brotli, Gzip, Identity])
    }

    #[test]
    fn negotiation_follows_q_values_and_prefers_brotli() {
        for (accept, expected) in [
            (None, Identity),
            (Some(""), Identity),
            (Some("gzip, deflate, br, zstd"), Brotli),
            (Some("gzip, deflate"), Gzip),
            (Some("x-gzip"), Gzip),
            (Some("GZIP;Q=0.8, BR;q=0.9"), Brotli),
            (Some("br;q=0.5, gzip"), Gzip),
            (Some("br;q=0, gzip;q=0"), Identity),
            (Some("br;q=0.5, identity"), Identity),
            (Some("identity"), Identity),
            (Some("*"), Brotli),
            (Some("*;q=0.5, gzip"), Gzip),
            (Some("*, br;q=0"), Gzip),
            (Some("identity;q=0"), Identity),
            (Some("*;q=0"), Identity),
            (Some("deflate, zstd"), Identity),
            (Some("br;q=abc, gzip;q=0.1"), Gzip),
            (Some("br;q=1.5, gzip;q=0.1"), Gzip),
            (Some("br;q=0.001"), Brotli),
        ] {
            assert_eq!(choose(accept), expected, "{accept:?}");
        }
    }

    #[test]
    fn negotiation_offers_only_what_is_available() {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT_ENCODING, HeaderValue::from_static("br, gzip;q=0.5"));
        assert_eq!(negotiate(&headers, &[Gzip, Identity]), Gzip);
        assert_eq!(negotiate(&headers, &[Identity]), Identity);
    }

    #[test]
    fn text_formats_are_compressible_and_packed_ones_are_not() {
        for yes in [
            "text/html; charset=utf-8",
            "text/css; charset=utf-8",
            "text/csv; charset=utf-8",
            "application/json",
            "application/problem+json",
            "image/svg+xml",
        ] {
            assert!(compressible(yes), "{yes}");
        }
        for no in [
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "image/png",
            "application/zip",
        ] {
            assert!(!compressible(no), "{no}");
        }
    }

    #[test]
    fn the_brotli_window_fits_the_body() {
        assert_eq!(window_bits(0), 10);
        assert_eq!(window_bits(1008), 10);
        assert_eq!(window_bits(1009), 11);
        assert_eq!(window_bits(132_852), 18);
        assert_eq!(window_bits(100_000_000), 22);
    }

    #[test]
    fn encodings_round_trip() {
        let body = "Espoo-tarina ".repeat(200).into_bytes();
        for effort in [Effort::Once, Effort::PerRequest] {
            let mut decoded = Vec::new();
            brotli::BrotliDecompress(&mut &Brotli.encode(&body, effort)[..], &mut decoded).unwrap();
            assert_eq!(decoded, body);
            let mut decoded = Vec::new();
            std::io::Read::read_to_end(
                &mut flate2::read::GzDecoder::new(&Gzip.encode(&body, effort)[..]),
                &mut decoded,
            )
            .unwrap();
            assert_eq!(decoded, body);
        }
    }
}
