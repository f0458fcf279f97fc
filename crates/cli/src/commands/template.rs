//! `reviewdesk template check FILE` and `reviewdesk template list`.

use crate::error::CliError;
use crate::messages::rules_labels;
use crate::render;
use reviewdesk_core::{Lang, Template};
use reviewdesk_io::templates::{builtin, builtin_by_id, load_template};
use std::path::Path;

/// A template from a file, or a built-in one named by id when no such file exists.
pub fn resolve(arg: &Path) -> Result<Template, CliError> {
    if !arg.exists() {
        if let Some(id) = arg.to_str() {
            if let Some(t) = builtin_by_id(id)? {
                return Ok(t);
            }
        }
    }
    Ok(load_template(arg)?)
}

/// Checks a template file: prints a one-line summary, or fails with field paths.
pub fn check(file: &Path, lang: Lang) -> Result<(), CliError> {
    let t = load_template(file)?;
    let l = rules_labels(lang);
    println!(
        "{}: {} v{} — {} {}, {} {}",
        l.ok,
        t.id,
        t.version,
        t.stages.len(),
        l.stages,
        t.indicators.len(),
        l.indicators
    );
    Ok(())
}

/// Lists the built-in templates.
pub fn list(lang: Lang) -> Result<(), CliError> {
    let l = rules_labels(lang);
    let mut table = render::table(vec![l.id, l.version, l.program, l.stages]);
    for t in builtin()? {
        let stages: Vec<&str> = t.stages.iter().map(|s| s.name.get(lang)).collect();
        table.add_row(vec![
            t.id.clone(),
            t.version.to_string(),
            t.program.get(lang).to_owned(),
            stages.join(" → "),
        ]);
    }
    println!("{table}");
    Ok(())
}
