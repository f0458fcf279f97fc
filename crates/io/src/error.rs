//! Errors from reading files.

use reviewdesk_core::RoundProblem;
use std::path::{Path, PathBuf};

/// Why a round folder or template could not be loaded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// The folder or a file in it could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file or folder.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// A TOML file is not well-formed or does not have the expected fields.
    #[error("{path}: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// Line, column, field and what is wrong, as the parser reports it.
        message: String,
        /// The 1-based line the parser points at, when it points at one.
        line: Option<usize>,
    },
    /// The file parsed but its content is inconsistent.
    #[error("{path}: {} problem(s):\n{}", problems.len(), problems.iter().map(|p| format!("  - {p}")).collect::<Vec<_>>().join("\n"))]
    Invalid {
        /// The file.
        path: PathBuf,
        /// Every problem found, each with its field path.
        problems: Vec<RoundProblem>,
    },
    /// A template file that parses but does not validate: every problem with its
    /// field path (`malformed`, as the template's own checks are its format's).
    #[error("{path}: {} problem(s):\n{}", problems.len(), problems.iter().map(|p| format!("  - {p}")).collect::<Vec<_>>().join("\n"))]
    TemplateInvalid {
        /// The template file.
        path: PathBuf,
        /// Every problem found, each with its field path.
        problems: Vec<reviewdesk_core::TemplateProblem>,
    },
    /// The round names a template that is neither built in nor in the folder.
    #[error("{path}: program.template: no template '{id}' (built-in: {known}; or put a template.toml beside round.toml)")]
    UnknownTemplate {
        /// The round file.
        path: PathBuf,
        /// The template id asked for.
        id: String,
        /// The built-in template ids.
        known: String,
    },
    /// A material listed in the round is missing from `materials/`, or too large.
    #[error("{path}: material {id}: {problem}")]
    Material {
        /// The material's file.
        path: PathBuf,
        /// The material's id.
        id: String,
        /// What is wrong.
        problem: String,
    },
}

/// The kind of a [`LoadError`], one per variant. Deliberately exhaustive (not
/// `#[non_exhaustive]`): a caller that maps every code fails to compile when one is
/// added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LoadCode {
    /// `not_readable`: a file or folder could not be read.
    NotReadable,
    /// `malformed`: a TOML file is not well-formed or lacks fields.
    Malformed,
    /// `invalid`: the content is inconsistent.
    Invalid,
    /// `unknown_template`: the round names an unknown template.
    UnknownTemplate,
    /// `bad_material`: a material is missing or too large.
    BadMaterial,
}

impl LoadCode {
    /// The code's snake_case text.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NotReadable => "not_readable",
            Self::Malformed => "malformed",
            Self::Invalid => "invalid",
            Self::UnknownTemplate => "unknown_template",
            Self::BadMaterial => "bad_material",
        }
    }
}

impl std::fmt::Display for LoadCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for LoadCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl LoadError {
    /// What kind of failure.
    pub fn code(&self) -> LoadCode {
        match self {
            Self::Read { .. } => LoadCode::NotReadable,
            Self::Parse { .. } | Self::TemplateInvalid { .. } => LoadCode::Malformed,
            Self::Invalid { .. } => LoadCode::Invalid,
            Self::UnknownTemplate { .. } => LoadCode::UnknownTemplate,
            Self::Material { .. } => LoadCode::BadMaterial,
        }
    }

    /// The file the error is in.
    pub fn path(&self) -> &Path {
        match self {
            Self::Read { path, .. }
            | Self::Parse { path, .. }
            | Self::Invalid { path, .. }
            | Self::TemplateInvalid { path, .. }
            | Self::UnknownTemplate { path, .. }
            | Self::Material { path, .. } => path,
        }
    }

    /// The 1-based line, when the parser named one.
    pub fn line(&self) -> Option<usize> {
        match self {
            Self::Parse { line, .. } => *line,
            Self::Read { .. }
            | Self::Invalid { .. }
            | Self::TemplateInvalid { .. }
            | Self::UnknownTemplate { .. }
            | Self::Material { .. } => None,
        }
    }

    /// The field path of the first problem (`assignment[3].expert`), or
    /// `program.template` for an unknown template.
    pub fn field(&self) -> Option<&str> {
        match self {
            Self::Invalid { problems, .. } => problems.first().map(|p| p.path.as_str()),
            Self::TemplateInvalid { problems, .. } => problems.first().map(|p| p.path.as_str()),
            Self::UnknownTemplate { .. } => Some("program.template"),
            Self::Read { .. } | Self::Parse { .. } | Self::Material { .. } => None,
        }
    }
}

/// The 1-based line of a TOML error in `text`, from the error's span.
pub(crate) fn toml_line(text: &str, e: &toml::de::Error) -> Option<usize> {
    let start = e.span()?.start;
    Some(text.get(..start)?.matches('\n').count() + 1)
}

impl LoadError {
    /// What is wrong, in which file (line, field) and what to do, in `lang`
    /// (English: the `Display` text).
    pub fn message(&self, lang: reviewdesk_core::Lang) -> String {
        use reviewdesk_core::Lang;
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            Self::Read { path, source } => format!(
                "无法读取 {}：{}。请检查路径与权限",
                path.display(),
                reviewdesk_formats::io_reason(source, lang)
            ),
            Self::Parse { path, line, .. } => match line {
                Some(l) => format!(
                    "{} 第 {l} 行不是有效的 TOML，或字段名、字段类型不对。请按 docs/formats.md 修改该行",
                    path.display()
                ),
                None => format!(
                    "{} 不是有效的 TOML，或缺少字段、字段类型不对。请按 docs/formats.md 修改",
                    path.display()
                ),
            },
            Self::Invalid { path, problems } => format!(
                "{} 有 {} 处问题：{}",
                path.display(),
                problems.len(),
                crate::listed_zh(problems.iter().map(|p| p.message(lang)))
            ),
            Self::TemplateInvalid { path, problems } => format!(
                "评审模板 {} 有 {} 处问题（字段与问题代码）：{}。请按 docs/formats.md 修改",
                path.display(),
                problems.len(),
                crate::listed_zh(
                    problems
                        .iter()
                        .map(|p| format!("`{}`（`{}`）", p.path, p.kind.code()))
                )
            ),
            Self::UnknownTemplate { path, id, known } => format!(
                "{}：`program.template` 指定的模板 `{id}` 既不是内置模板（{known}），也不在文件夹中。请改用内置模板，或在 round.toml 旁放置 template.toml",
                path.display()
            ),
            Self::Material { path, id, .. } => format!(
                "{}：材料 `{id}` 的文件缺失、无法读取或过大。请把该文件放回 materials/ 文件夹",
                path.display()
            ),
        }
    }
}

/// Every [`LoadError`] variant once (a new variant fails to compile in the match
/// until listed), for the message tests.
#[doc(hidden)]
pub fn every_load_error() -> Vec<LoadError> {
    use reviewdesk_core::{RoundProblem, RoundProblemKind};
    let english = "expected a table, found a string".to_string();
    let all = vec![
        LoadError::Read {
            path: "round/round.toml".into(),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, english.clone()),
        },
        LoadError::Parse {
            path: "round/round.toml".into(),
            message: english.clone(),
            line: Some(4),
        },
        LoadError::Invalid {
            path: "round/round.toml".into(),
            problems: vec![RoundProblem {
                path: "material[0].file".into(),
                kind: RoundProblemKind::BadFileName("NUL.pdf".into()),
            }],
        },
        LoadError::TemplateInvalid {
            path: "round/template.toml".into(),
            problems: vec![reviewdesk_core::TemplateProblem {
                path: "grade[1].min".into(),
                kind: reviewdesk_core::TemplateProblemKind::SeveralSampled,
            }],
        },
        LoadError::UnknownTemplate {
            path: "round/round.toml".into(),
            id: "nope".into(),
            known: "gd-pool-2021".into(),
        },
        LoadError::Material {
            path: "round/materials/a.pdf".into(),
            id: "M01".into(),
            problem: english,
        },
    ];
    for e in &all {
        match e {
            LoadError::Read { .. }
            | LoadError::Parse { .. }
            | LoadError::Invalid { .. }
            | LoadError::TemplateInvalid { .. }
            | LoadError::UnknownTemplate { .. }
            | LoadError::Material { .. } => {}
        }
    }
    all
}

#[cfg(test)]
mod message_tests {
    use super::*;
    use reviewdesk_core::{en_message_problem, zh_message_problem, Lang};

    #[test]
    fn every_load_and_import_error_reads_in_both_languages() {
        let import = crate::applicants::every_import_error();
        let texts = every_load_error()
            .iter()
            .map(|e| (e.message(Lang::ZhCn), e.message(Lang::En)))
            .chain(
                import
                    .iter()
                    .map(|e| (e.message(Lang::ZhCn), e.message(Lang::En))),
            )
            .collect::<Vec<_>>();
        for (zh, en) in texts {
            assert!(
                zh_message_problem(&zh).is_none(),
                "{:?}",
                zh_message_problem(&zh)
            );
            assert!(en_message_problem(&en).is_none(), "{en}");
        }
    }

    #[test]
    fn a_bad_material_name_is_said_in_chinese_with_its_field() {
        let e = &every_load_error()[2];
        let zh = e.message(Lang::ZhCn);
        assert!(
            zh.contains("`material[0].file`") && zh.contains("Windows 的设备名"),
            "{zh}"
        );
    }
}
