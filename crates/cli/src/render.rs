//! Terminal output shared by the subcommands: one table style for everything.

use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};

/// An empty table with ReviewDesk's style and the given header.
pub fn table<T: Into<comfy_table::Cell>>(header: Vec<T>) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED).set_header(header);
    t
}
