//! The staff cookies: the session token, and before sign-in a form token that the sign-in form must echo
//! (a double-submit check, since there is no session to keep a token in yet).

use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue};

/// Behind TLS the `__Host-` prefix makes browsers refuse the cookie unless it is Secure, for this host only
/// and for every path.
pub struct CookieNames {
    pub session: &'static str,
    pub form: &'static str,
    secure: bool,
}

impl CookieNames {
    pub fn new(secure: bool) -> CookieNames {
        if secure {
            CookieNames {
                session: "__Host-tarina-session",
                form: "__Host-tarina-form",
                secure,
            }
        } else {
            CookieNames {
                session: "tarina-session",
                form: "tarina-form",
                secure,
            }
        }
    }

    /// A cookie that scripts cannot read and other sites' forms do not send (Lax still allows following a
    /// link to a staff page from an email). No Max-Age: the database ends the session, and closing the
    /// browser forgets it.
    pub fn set(&self, headers: &mut HeaderMap, name: &str, value: &str) {
        let secure = if self.secure { "; Secure" } else { "" };
        let cookie = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax{secure}");
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            headers.append(SET_COOKIE, value);
        }
    }

    pub fn clear(&self, headers: &mut HeaderMap, name: &str) {
        let secure = if self.secure { "; Secure" } else { "" };
        let cookie = format!("{name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}");
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            headers.append(SET_COOKIE, value);
        }
    }
}

/// The value of cookie `name` in the request, if it was sent once.
pub fn read(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|line| line.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_read_from_every_header_line() {
        let mut headers = HeaderMap::new();
        headers.append(COOKIE, HeaderValue::from_static("a=1; tarina-session=abc"));
        headers.append(COOKIE, HeaderValue::from_static("b=2"));
        assert_eq!(read(&headers, "tarina-session").as_deref(), Some("abc"));
        assert_eq!(read(&headers, "b").as_deref(), Some("2"));
        assert_eq!(read(&headers, "tarina"), None);
    }

    #[test]
    fn secure_cookies_carry_the_host_prefix() {
        let names = CookieNames::new(true);
        let mut headers = HeaderMap::new();
        names.set(&mut headers, names.session, "x");
        let cookie = headers.get(SET_COOKIE).unwrap().to_str().unwrap();
        assert_eq!(
            cookie,
            "__Host-tarina-session=x; Path=/; HttpOnly; SameSite=Lax; Secure"
        );
    }
}
