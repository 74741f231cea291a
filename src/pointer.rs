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

/// How a finding names the value at `pointer`: its key (`kind`), or for an item of a list its
/// list and index (`resources[0]`), as people who edit the file read it.
pub(crate) fn field_label(pointer: &str) -> String {
    let mut tokens = pointer.rsplit('/');
    let last = tokens.next().unwrap_or_default();
    if !last.is_empty()
        && last.bytes().all(|b| b.is_ascii_digit())
        && let Some(list) = tokens.next().filter(|t| !t.is_empty())
    {
        return format!("{}[{last}]", unescape(list));
    }
    unescape(last).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_items_are_named_by_list_and_index() {
        assert_eq!(field_label("/terms/0/resources/0"), "resources[0]");
        assert_eq!(field_label("/events/3/kind"), "kind");
        assert_eq!(field_label("/0"), "0");
        assert_eq!(field_label(""), "");
    }

    #[test]
    fn tokens_round_trip() {
        for key in ["plain", "a/b", "a~b", "~1", "~01/", ""] {
            assert_eq!(unescape(&escape(key)), key);
        }
        assert_eq!(escape("a/b~c"), "a~1b~0c");
        assert_eq!(unescape("~01"), "~1");
        assert_eq!(field_label("/people/0/a~1b"), "a/b");
    }
}
