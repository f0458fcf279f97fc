//! ARCHITECTURE.md names files and folders of this repository; this test keeps those
//! names true. It lives here because the CLI is cheap to build and its tests run in
//! `scripts/test.sh`; it reads only the repository's files.
//!
//! What counts as a path, in the doc's inline code spans (`` `…` ``, also across a
//! line break; fenced code blocks are skipped) and its relative link targets:
//!
//! 1. A span with no space and a `/` whose first component is a top-level entry
//!    of the repository ([`ROOTS`]) is a path from the repository's root:
//!    `crates/desk/src/chair.rs`, `docs/formats.md`, `assets/demo/` (a trailing `/`
//!    means a folder). It must exist.
//! 2. Under a heading that names folders (`### \`crates/cli\` — …`), a span with a
//!    `/` that does not start with a root is relative to that folder or to its
//!    `src/`: `commands/mod.rs` under `crates/cli` is `crates/cli/src/commands/mod.rs`.
//!    One of the two must exist. A path whose first component is a root is always
//!    from the root, so under `crates/formats` the doc writes
//!    `crates/formats/tests/vectors.rs`, not `tests/vectors.rs`.
//! 3. Outside such a section a span with a `/` that is not from the root is an error
//!    — write the full path — unless [`NOT_IN_REPO`] lists it (paths of the user's
//!    files, build outputs).
//! 4. A bare source file name (`clock.rs`, `ipc.ts`, `App.svelte`: no `/`, ending in
//!    `.rs`, `.ts` or `.svelte`) must exist somewhere under the section's folders,
//!    or anywhere in the repository outside such a section.
//!
//! A component with a placeholder (`<name>`, `*`, `…`) is not checked; the part
//! before it is.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The top-level entries a repository path starts with.
const ROOTS: &[&str] = &[
    "crates",
    "src-tauri",
    "ui",
    "tests",
    "docs",
    "assets",
    "scripts",
    "icons",
    "fuzz",
];

/// Spans with a `/` that the doc uses for things that are not files of the
/// repository.
const NOT_IN_REPO: &[&str] = &[
    // Built by Vite, not committed.
    "ui/dist",
    // A round folder's key cards (any round folder).
    "cards/",
    // The expert workspace's folder in the user's data directory.
    "packages/",
];

/// Build outputs: spans starting with these are not checked.
const BUILD_OUTPUT: &[&str] = &["target/"];

/// Extensions of source files whose bare names are checked (rule 4).
const SOURCE_EXTENSIONS: &[&str] = &["rs", "ts", "svelte"];

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// One name the doc uses: the text, the folders of its section, its line.
#[derive(Debug)]
struct Mention {
    text: String,
    section: Vec<String>,
    line: usize,
}

/// The inline code spans and relative link targets of `doc`, each with the
/// folders its `###` heading names (none outside such a section).
fn mentions(doc: &str) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut section: Vec<String> = Vec::new();
    let mut in_fence = false;
    // The text of the current paragraph, joined so a span may cross a line break,
    // with the line each paragraph started on.
    let mut para = String::new();
    let mut para_line = 0;
    let flush = |para: &mut String, line: usize, section: &[String], out: &mut Vec<_>| {
        spans_and_links(para, line, section, out);
        para.clear();
    };
    for (i, line) in doc.lines().enumerate() {
        let n = i + 1;
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
            flush(&mut para, para_line, &section, &mut out);
            continue;
        }
        if in_fence {
            continue;
        }
        if line.starts_with('#') {
            flush(&mut para, para_line, &section, &mut out);
            // A heading's spans are checked as paths from the root (rule 1 or, for
            // a bare root such as `ui`, as that folder) and set the section.
            let mut heading = Vec::new();
            spans_and_links(line, n, &[], &mut heading);
            section = if line.starts_with("### ") {
                heading
                    .iter()
                    .map(|m| m.text.trim_end_matches('/').to_string())
                    .filter(|t| ROOTS.contains(&t.split('/').next().unwrap_or("")))
                    .collect()
            } else {
                Vec::new()
            };
            for s in &section {
                out.push(Mention {
                    text: format!("{s}/"),
                    section: Vec::new(),
                    line: n,
                });
            }
            continue;
        }
        if line.trim().is_empty() {
            flush(&mut para, para_line, &section, &mut out);
            continue;
        }
        if para.is_empty() {
            para_line = n;
        }
        para.push_str(line);
        para.push('\n');
    }
    flush(&mut para, para_line, &section, &mut out);
    out
}

/// The spans and link targets of `text`, which starts on line `line`.
fn spans_and_links(text: &str, line: usize, section: &[String], out: &mut Vec<Mention>) {
    let mut push = |t: &str, at: usize| {
        out.push(Mention {
            text: t.trim().to_string(),
            section: section.to_vec(),
            line: line + text[..at].matches('\n').count(),
        })
    };
    // Split on backticks: the odd parts are inside spans.
    let mut at = 0;
    for (i, part) in text.split('`').enumerate() {
        if i % 2 == 1 {
            push(part, at);
        } else {
            // Relative link targets: `](target)`.
            let mut from = 0;
            while let Some(k) = part[from..].find("](") {
                let start = from + k + 2;
                let Some(end) = part[start..].find(')') else {
                    break;
                };
                let target = &part[start..start + end];
                if !target.contains("://") && !target.starts_with('#') {
                    push(target.split('#').next().unwrap_or(""), at + start);
                }
                from = start + end;
            }
        }
        at += part.len() + 1;
    }
}

/// The part of `path` before its first placeholder component.
fn without_placeholders(path: &str) -> (&str, bool) {
    let mut end = 0;
    for (i, c) in path.char_indices() {
        if matches!(c, '<' | '*' | '…' | '{') {
            return (&path[..end], true);
        }
        if c == '/' {
            end = i + 1;
        }
    }
    (path, false)
}

/// Whether `rel` (from the root, maybe with a trailing `/` and placeholders) exists.
fn exists(rel: &str) -> bool {
    let (rel, cut) = without_placeholders(rel);
    let p = repo().join(rel);
    if cut || rel.ends_with('/') {
        p.is_dir()
    } else {
        p.exists()
    }
}

/// Every file name in the repository under `dir`, outside build outputs and
/// dependencies.
fn file_names_under(dir: &Path, names: &mut BTreeSet<String>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if matches!(name.as_str(), "target" | "node_modules" | ".git" | "dist") {
            continue;
        }
        let p = e.path();
        if p.is_dir() {
            file_names_under(&p, names);
        } else {
            names.insert(name);
        }
    }
}

fn is_path_like(t: &str) -> bool {
    !t.is_empty() && !t.chars().any(char::is_whitespace) && t.contains('/')
}

fn is_source_name(t: &str) -> bool {
    !t.contains('/')
        && !t.chars().any(char::is_whitespace)
        && t.rsplit_once('.').is_some_and(|(stem, ext)| {
            !stem.is_empty()
                && stem
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
                && SOURCE_EXTENSIONS.contains(&ext)
        })
}

/// What is wrong with the names `doc` uses: one line per name that is not there.
fn missing(doc: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let mut everywhere = BTreeSet::new();
    file_names_under(&repo(), &mut everywhere);
    for m in mentions(doc) {
        let t = m.text.as_str();
        let root = t.split('/').next().unwrap_or("");
        if is_path_like(t) {
            if NOT_IN_REPO.contains(&t) || BUILD_OUTPUT.iter().any(|b| t.starts_with(b)) {
                continue;
            }
            if ROOTS.contains(&root) {
                if !exists(t) {
                    problems.push(format!("line {}: `{t}` does not exist", m.line));
                }
            } else if m.section.is_empty() {
                problems.push(format!(
                    "line {}: `{t}` is not a path from the repository's root (write the full path, \
                     or list it in NOT_IN_REPO if it is not a file of the repository)",
                    m.line
                ));
            } else {
                let tried: Vec<String> = m
                    .section
                    .iter()
                    .flat_map(|s| [format!("{s}/{t}"), format!("{s}/src/{t}")])
                    .collect();
                if !tried.iter().any(|p| exists(p)) {
                    problems.push(format!(
                        "line {}: `{t}` does not exist (tried {})",
                        m.line,
                        tried.join(", ")
                    ));
                }
            }
        } else if is_source_name(t) {
            let found = if m.section.is_empty() {
                everywhere.contains(t)
            } else {
                m.section.iter().any(|s| {
                    let mut names = BTreeSet::new();
                    file_names_under(&repo().join(s), &mut names);
                    names.contains(t)
                })
            };
            if !found {
                let place = if m.section.is_empty() {
                    "the repository".to_string()
                } else {
                    m.section.join(", ")
                };
                problems.push(format!("line {}: no file named `{t}` in {place}", m.line));
            }
        }
    }
    problems
}

fn architecture() -> String {
    std::fs::read_to_string(repo().join("ARCHITECTURE.md")).expect("ARCHITECTURE.md")
}

#[test]
fn every_path_architecture_md_names_exists() {
    let problems = missing(&architecture());
    assert!(
        problems.is_empty(),
        "ARCHITECTURE.md names paths that are not in the repository — fix the doc in the \
         same change:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_roots_and_the_list_of_exceptions_are_real() {
    for r in ROOTS {
        assert!(repo().join(r).is_dir(), "ROOTS names `{r}`, not a folder");
    }
    let doc = architecture();
    for n in NOT_IN_REPO {
        assert!(
            doc.contains(&format!("`{n}`")),
            "NOT_IN_REPO lists `{n}`, which ARCHITECTURE.md no longer names"
        );
    }
}

#[test]
fn the_check_finds_what_is_not_there() {
    // Every kind of name, once real and once not.
    let doc = "\
# T

## Entry points

- `crates/cli/src/main.rs` and `crates/cli/src/nowhere.rs`; `docs/`, `docs/nothing/`;
  `assets/demo/materials/<id>.pdf` and `assets/none/<id>.pdf`; `commands.rs`, `main.rs`;
  `commands/mod.rs`; [spec](docs/formats.md), [gone](docs/gone.md); `ui/dist`
  and `target/debug/x`.

### `crates/cli` — the CLI
`commands/mod.rs` and `commands/none.rs`, a span across a line: `seal --organizer
NAME` pairs its backticks, so `crates/cli/src/gone.rs` is found; `clock.rs` and
`calendar_clock.rs`; `src-tauri/src/commands.rs`.

```sh
ls `crates/made/up.rs`
```
";
    let got = missing(doc);
    let named = |t: &str| got.iter().any(|p| p.contains(&format!("`{t}`")));
    for bad in [
        "crates/cli/src/nowhere.rs",
        "docs/nothing/",
        "assets/none/<id>.pdf",
        "commands.rs",
        "docs/gone.md",
        "commands/none.rs",
        "calendar_clock.rs",
        "src-tauri/src/commands.rs",
        "crates/cli/src/gone.rs",
    ] {
        assert!(named(bad), "`{bad}` not reported: {got:#?}");
    }
    // Outside a crate's section a relative path is refused: write it in full.
    assert!(
        got.iter()
            .any(|p| p.starts_with("line 7: `commands/mod.rs` is not a path")),
        "{got:#?}"
    );
    assert_eq!(got.len(), 10, "{got:#?}");
}
