//! Terminal output shared by the subcommands: one table style for everything.

use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};

/// An empty table with ReviewDesk's style and the given header.
pub fn table<T: Into<comfy_table::Cell>>(header: Vec<T>) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED).set_header(header);
    t
}

/// `text` as one word for a POSIX shell: unchanged when it is made of safe
/// characters only, else in single quotes.
pub fn shell_word(text: &str) -> String {
    let safe = !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/._-+:=@,%".contains(&b));
    if safe {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

/// A path as one shell word.
pub fn shell_path(path: &std::path::Path) -> String {
    shell_word(&path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_words_are_quoted_only_when_needed() {
        assert_eq!(shell_word("/tmp/demo/E01.age"), "/tmp/demo/E01.age");
        assert_eq!(shell_word("a b"), "'a b'");
        assert_eq!(shell_word("it's"), r"'it'\''s'");
        assert_eq!(shell_word("陈立新"), "'陈立新'");
        assert_eq!(shell_word(""), "''");
    }
}
