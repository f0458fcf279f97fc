//! Runs every rules test vector in `tests/vectors/rules/`: each TOML file holds a
//! template (inline `[template]`, or `template = "name"` for
//! `tests/vectors/rules/templates/name.toml` or `assets/templates/name.toml`), an
//! `[input]`, and either `[expect]` (a subset of the result that must match,
//! applicants matched by id) or `[expect_error]` (`code` and `entry` of the
//! first problem). See `docs/rules.md` for the format.

use reviewdesk_core::rules::{compute, ComputeError, ComputeInput};
use reviewdesk_core::{CalendarError, Date, Template, WorkdayCalendar};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn load_template(v: &toml::Table, file: &Path) -> Result<Template, (String, String)> {
    let table = match v.get("template") {
        Some(toml::Value::Table(t)) => t.clone(),
        Some(toml::Value::String(name)) => {
            let local = root()
                .join("tests/vectors/rules/templates")
                .join(format!("{name}.toml"));
            let path = if local.exists() {
                local
            } else {
                root().join("assets/templates").join(format!("{name}.toml"))
            };
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        }
        _ => panic!("{}: no template", file.display()),
    };
    let mut table = table;
    // `patch`: top-level template keys that replace the base template's.
    if let Some(toml::Value::Table(patch)) = v.get("patch") {
        for (k, val) in patch {
            table.insert(k.clone(), val.clone());
        }
    }
    toml::Value::Table(table)
        .try_into()
        .map_err(|e: toml::de::Error| ("template_parse".to_owned(), e.to_string()))
}

/// A calendar vector: `date`, `n`, and `expect` (a date) or `[expect_error]`.
fn check_calendar(v: &toml::Table) -> Result<(), String> {
    let date: Date = v["date"]
        .as_str()
        .ok_or("date")?
        .parse()
        .map_err(|e: CalendarError| e.to_string())?;
    let n = v["n"].as_integer().ok_or("n")? as u32;
    match (
        WorkdayCalendar::official().add_working_days(date, n),
        v.get("expect"),
        v.get("expect_error"),
    ) {
        (Ok(d), Some(e), None) if Some(d.to_string().as_str()) == e.as_str() => Ok(()),
        (Err(CalendarError::YearNotCovered { year, .. }), None, Some(e))
            if e.get("code").and_then(|c| c.as_str()) == Some("year_not_covered")
                && e.get("entry").and_then(|c| c.as_str()) == Some(year.to_string().as_str()) =>
        {
            Ok(())
        }
        (got, _, _) => Err(format!("got {got:?}")),
    }
}

fn to_json(v: &toml::Value) -> Value {
    serde_json::to_value(v).expect("toml converts to json")
}

/// `expected` is a subset of `actual`: objects by key, arrays element-wise
/// (same length), scalars equal.
fn subset(expected: &Value, actual: &Value, at: &str) -> Result<(), String> {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, ev) in e {
                let av = a.get(k).unwrap_or(&Value::Null);
                subset(ev, av, &format!("{at}.{k}"))?;
            }
            Ok(())
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                return Err(format!(
                    "{at}: expected {} items, got {}: {actual}",
                    e.len(),
                    a.len()
                ));
            }
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                subset(ev, av, &format!("{at}[{i}]"))?;
            }
            Ok(())
        }
        (Value::String(s), Value::Null) if s == "none" => Ok(()),
        _ if expected == actual => Ok(()),
        _ => Err(format!("{at}: expected {expected}, got {actual}")),
    }
}

fn check(file: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(file).map_err(|e| e.to_string())?;
    let v: toml::Table = toml::from_str(&text).map_err(|e| e.to_string())?;
    if v.get("kind").and_then(|k| k.as_str()) == Some("calendar") {
        return check_calendar(&v);
    }
    let expect_error = v.get("expect_error").map(to_json);
    let outcome: Result<Value, (String, String)> = (|| {
        let t = load_template(&v, file)?;
        let input_value = v
            .get("input")
            .cloned()
            .unwrap_or(toml::Value::Table(Default::default()));
        let input: ComputeInput = input_value
            .try_into()
            .map_err(|e: toml::de::Error| ("parse".to_owned(), e.to_string()))?;
        match compute(&t, &input) {
            Ok(r) => Ok(serde_json::to_value(&r).expect("result serializes")),
            Err(ComputeError::Template(p)) => Err((p[0].kind.code().to_owned(), p[0].path.clone())),
            Err(ComputeError::Input(p)) => Err((p[0].kind.code().to_owned(), p[0].entry.clone())),
            Err(e) => Err(("other".to_owned(), e.to_string())),
        }
    })();
    match (outcome, expect_error) {
        (Ok(actual), None) => {
            let mut expected = v
                .get("expect")
                .map(to_json)
                .ok_or("no [expect] and no [expect_error]")?;
            let mut actual = actual;
            // Applicants are matched by id.
            if let (Some(Value::Array(ea)), Some(Value::Array(aa))) = (
                expected.get_mut("applicants").map(Value::take),
                actual.get("applicants").cloned(),
            ) {
                for e in &ea {
                    let id = e
                        .get("id")
                        .and_then(Value::as_str)
                        .ok_or("expected applicant without id")?;
                    let a = aa
                        .iter()
                        .find(|a| a.get("id").and_then(Value::as_str) == Some(id))
                        .ok_or(format!("no applicant {id} in the result"))?;
                    subset(e, a, &format!("applicants[{id}]"))?;
                }
                actual.as_object_mut().map(|o| o.remove("applicants"));
                expected.as_object_mut().map(|o| o.remove("applicants"));
            }
            subset(&expected, &actual, "result")
        }
        (Ok(actual), Some(e)) => Err(format!("expected error {e}, got a result: {actual}")),
        (Err((code, entry)), Some(e)) => {
            let got = serde_json::json!({ "code": code, "entry": entry });
            if code == "parse" || code == "template_parse" {
                // Parse errors: the message must mention the expected entry.
                let want_entry = e.get("entry").and_then(Value::as_str).unwrap_or("");
                if e.get("code").and_then(Value::as_str) == Some(code.as_str())
                    && entry.contains(want_entry)
                {
                    return Ok(());
                }
                return Err(format!("expected {e}, got {got}"));
            }
            subset(&e, &got, "error")
        }
        (Err((code, entry)), None) => Err(format!("unexpected error {code} at {entry}")),
    }
}

#[test]
fn every_rules_vector_passes() {
    let dir = root().join("tests/vectors/rules");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/vectors/rules exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 30, "only {} vectors", files.len());
    let failures: Vec<String> = files
        .iter()
        .filter_map(|f| {
            check(f)
                .err()
                .map(|e| format!("{}: {e}", f.file_name().unwrap().to_string_lossy()))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} vectors fail:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}
