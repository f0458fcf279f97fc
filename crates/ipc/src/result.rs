//! The chair's result bundle as the organizer opens it (主办单位 → 评审结果): every
//! signature checked and every figure recomputed, the chain of keys it rests on —
//! organizer → package → each sheet and its expert → chair — and the results.

use reviewdesk_desk::BundleVerification;
use serde::Serialize;
use ts_rs::TS;

use crate::chair::{categories, grades, result_rows, NamedView, ResultRow};
use crate::desk::stage_row;
use crate::{DeskStage, LocalizedText};

/// A person in the chain: who they are in the round and the key that signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ChainPersonView {
    /// Their id in the round (`E01`, `C01`; empty for the organizer).
    pub id: String,
    /// Their name as the round lists it.
    pub name: String,
    /// The fingerprint of the key that signed (`SHA256:…`).
    pub fingerprint: String,
}

/// One signed score sheet in the bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ChainSheetView {
    /// The expert who signed it.
    pub expert: ChainPersonView,
    /// Its revision.
    pub revision: u32,
    /// SHA-256 of the signed sheet.
    pub sha256: String,
}

/// What a verified result bundle rests on, link by link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ChainView {
    /// The organizer who sealed the package (its name is the program's organizer).
    pub organizer: ChainPersonView,
    /// The key in use at this desk is the one that sealed.
    pub organizer_is_you: bool,
    /// The package id.
    pub package: String,
    /// SHA-256 of the package's signed manifest, which every sheet is bound to.
    pub manifest_sha256: String,
    /// The signed sheets, by expert id.
    pub sheets: Vec<ChainSheetView>,
    /// The chair who merged and signed the bundle.
    pub chair: ChainPersonView,
}

/// A result bundle opened at the organizer desk: verified and recomputed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ResultBundleView {
    /// The bundle file.
    pub path: String,
    /// SHA-256 of the bundle file (printed in every report's footer).
    pub sha256: String,
    /// The round id.
    pub round: String,
    /// The round's title.
    pub title: LocalizedText,
    /// The chain of keys.
    pub chain: ChainView,
    /// The template's stages.
    pub stages: Vec<DeskStage>,
    /// The template's categories.
    pub categories: Vec<NamedView>,
    /// The template's grade bands.
    pub grades: Vec<NamedView>,
    /// The results, as recomputed.
    pub results: Vec<ResultRow>,
    /// The sampled applicants of the site-visit draw, when there was one.
    pub sample: Vec<String>,
    /// The report files a preview or an export gives, in order.
    pub reports: Vec<String>,
}

/// Lower-case hex.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl ResultBundleView {
    /// The view of `v`, the bundle read from `path` whose file has SHA-256
    /// `sha256`; `you` is the fingerprint of the identity in use; `reports` the
    /// report names in order.
    pub fn new(
        v: &BundleVerification,
        path: &str,
        sha256: &[u8],
        you: &str,
        reports: &[&str],
    ) -> Self {
        let round = &v.round;
        let b = &v.bundle;
        let person = |id: &str, fingerprint: String| ChainPersonView {
            id: id.into(),
            name: round
                .panel
                .experts
                .iter()
                .chain(std::iter::once(&round.panel.chair))
                .find(|e| e.id == id)
                .map(|e| e.name.clone())
                .unwrap_or_default(),
            fingerprint,
        };
        let organizer = b.package.organizer.to_string();
        let t = &v.template;
        ResultBundleView {
            path: path.into(),
            sha256: hex(sha256),
            round: round.id.clone(),
            title: (&round.program.title).into(),
            chain: ChainView {
                organizer: ChainPersonView {
                    id: String::new(),
                    name: round.program.organizer.zh.clone(),
                    fingerprint: organizer.clone(),
                },
                organizer_is_you: organizer == you,
                package: b.manifest.package.to_string(),
                manifest_sha256: hex(&b.manifest.manifest_sha256),
                sheets: b
                    .sheets
                    .iter()
                    .map(|s| ChainSheetView {
                        expert: person(&s.expert, s.signer.to_string()),
                        revision: s.revision,
                        sha256: hex(&s.sha256),
                    })
                    .collect(),
                chair: person(&b.chair.person, b.manifest.chair.to_string()),
            },
            stages: t.stages.iter().map(stage_row).collect(),
            categories: categories(t),
            grades: grades(t),
            results: result_rows(round, None, &v.result),
            sample: v
                .draw
                .drawn
                .as_ref()
                .map(|d| d.sample.clone())
                .unwrap_or_default(),
            reports: reports.iter().map(|r| r.to_string()).collect(),
        }
    }
}
