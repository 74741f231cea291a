//! JSON Pointer tokens (RFC 6901), escaped and unescaped in one place: `~` is written `~0` and
//! `/` is written `~1`.

use std::borrow::Cow;

/// A key or index as a pointer token.
pub(crate) fn escape(token: &str) -> Cow<'_, str> {
    if token.contains(['~', '/']) {
        Cow::Owned(token.replace('~', "~0").replace('/', "~1"))
    } else {
        Cow::Borrowed(token)
    }
}

/// A pointer token as the key it names. `~1` is decoded before `~0`, so that `~01` stays `~1`.
pub(crate) fn unescape(token: &str) -> Cow<'_, str> {
    if token.contains('~') {
        Cow::Owned(token.replace("~1", "/").replace("~0", "~"))
    } else {
        Cow::Borrowed(token)
    }
}

/// The key the last token of `pointer` names.
pub(crate) fn last_key(pointer: &str) -> Cow<'_, str> {
    unescape(pointer.rsplit('/').next().unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip() {
        for key in ["plain", "a/b", "a~b", "~1", "~01/", ""] {
            assert_eq!(unescape(&escape(key)), key);
        }
        assert_eq!(escape("a/b~c"), "a~1b~0c");
        assert_eq!(unescape("~01"), "~1");
        assert_eq!(last_key("/people/0/a~1b"), "a/b");
    }
}
