//! The one check every write path makes: the request carries the secret the
//! server left in the store folder ([`super::HANDOFF_FILE`], readable by the
//! store's owner only), as `Authorization: Bearer …`.

use super::reply::text;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::Response;

/// `None` when `headers` present `token`; otherwise the 403 to answer,
/// saying that `what` (e.g. "writing") needs the token.
pub(super) fn refusal(headers: &HeaderMap, token: &str, what: &str) -> Option<Response> {
    let presented = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    match presented {
        Some(p) if same(p.as_bytes(), token.as_bytes()) => None,
        _ => Some(text(
            StatusCode::FORBIDDEN,
            format!(
                "{what} needs the token the server left in the store folder (innograph ingest reads it)"
            ),
        )),
    }
}

/// Equality that takes as long whichever byte differs, so that the time of
/// an answer tells a guesser nothing about how much of the secret is right.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn with(auth: Option<&str>) -> HeaderMap {
        let mut h = HeaderMap::new();
        if let Some(a) = auth {
            h.insert(header::AUTHORIZATION, HeaderValue::from_str(a).unwrap());
        }
        h
    }

    #[test]
    fn only_the_exact_bearer_token_passes() {
        let token = "0123456789abcdef";
        assert!(refusal(&with(Some("Bearer 0123456789abcdef")), token, "writing").is_none());
        for bad in [
            None,
            Some("Bearer 0123456789abcdeF"),
            Some("Bearer 0123456789abcde"),
            Some("Bearer 0123456789abcdef0"),
            Some("Bearer "),
            Some("bearer 0123456789abcdef"),
            Some("0123456789abcdef"),
        ] {
            let r = refusal(&with(bad), token, "writing").unwrap();
            assert_eq!(r.status(), StatusCode::FORBIDDEN, "{bad:?}");
        }
    }
}
