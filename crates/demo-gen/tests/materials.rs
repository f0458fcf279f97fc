//! The demo materials: generated deterministically, named as `round.toml`
//! names them, small, readable, and the committed copies up to date.
//!
//! Needs `pdftotext` and `pdfinfo` (Debian `poppler-utils`) on the PATH.

use std::collections::BTreeSet;
use std::process::Command;
use std::sync::OnceLock;

use reviewdesk_demo_gen::{
    generate, jpeg_orientation, workspace_root, MaterialFile, FONT_PATH, MATERIALS_DIR,
};

fn font_bytes() -> &'static [u8] {
    static FONT: OnceLock<Vec<u8>> = OnceLock::new();
    FONT.get_or_init(|| std::fs::read(workspace_root().join(FONT_PATH)).expect("the bundled font"))
}

fn materials() -> &'static [MaterialFile] {
    static FILES: OnceLock<Vec<MaterialFile>> = OnceLock::new();
    FILES.get_or_init(|| generate(font_bytes()).expect("the materials generate"))
}

fn material(name: &str) -> &'static [u8] {
    &materials()
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("{name} not generated"))
        .bytes
}

/// Runs a poppler tool on `pdf` and returns its standard output.
fn poppler(tool: &str, args: &[&str], pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).expect("write the PDF");
    let output = Command::new(tool)
        .args(args)
        .arg(&path)
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| panic!("{tool} (poppler-utils) must be installed: {e}"));
    assert!(
        output.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

#[test]
fn generating_twice_gives_identical_bytes() {
    let again = generate(font_bytes()).unwrap();
    for (a, b) in materials().iter().zip(&again) {
        assert_eq!(a.name, b.name);
        assert!(a.bytes == b.bytes, "{} differs between two runs", a.name);
    }
}

#[test]
fn every_material_file_named_in_round_toml_is_generated() {
    let round = std::fs::read_to_string(workspace_root().join("assets/demo/round.toml")).unwrap();
    let named: BTreeSet<&str> = round
        .lines()
        .filter_map(|l| l.trim().strip_prefix("file = \""))
        .filter_map(|rest| rest.strip_suffix('"'))
        .collect();
    let generated: BTreeSet<&str> = materials().iter().map(|f| f.name).collect();
    assert_eq!(named, generated);
}

#[test]
fn the_committed_materials_are_up_to_date() {
    let dir = workspace_root().join(MATERIALS_DIR);
    for file in materials() {
        let committed = std::fs::read(dir.join(file.name)).unwrap_or_else(|e| {
            panic!("{}: {e}; run `cargo run -p reviewdesk-demo-gen`", file.name)
        });
        assert!(
            committed == file.bytes,
            "{} is stale; run `cargo run -p reviewdesk-demo-gen`",
            file.name
        );
    }
}

#[test]
fn pdfs_are_small_short_and_carry_their_chinese_text() {
    let cases = [
        (
            "A01-application.pdf",
            ["申报书", "广州云擎工业软件有限公司", "市场评价"],
        ),
        (
            "A01-case-study.pdf",
            ["应用案例：汽车零部件产线数字化改造", "实施成效", "78.6%"],
        ),
        (
            "A02-test-report.pdf",
            ["检测报告", "深圳智联织网科技有限公司", "2025年9月12日"],
        ),
        (
            "A03-software-copyright.pdf",
            [
                "计算机软件著作权登记证书",
                "佛山数研智造科技有限公司",
                "原始取得",
            ],
        ),
        (
            "A05-audit-report.pdf",
            [
                "审计报告（摘要）",
                "珠海海纳工业大数据有限公司",
                "2025年12月31日",
            ],
        ),
    ];
    for (name, expected) in cases {
        let pdf = material(name);
        assert!(pdf.len() < 200_000, "{name} is {} bytes", pdf.len());
        let pages: usize = poppler("pdfinfo", &[], pdf)
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse().ok())
            .expect("a page count");
        assert!((1..=3).contains(&pages), "{name} has {pages} pages");
        let text: String = poppler("pdftotext", &[], pdf).split_whitespace().collect();
        for needle in expected {
            assert!(text.contains(needle), "{needle:?} missing from {name}");
        }
        assert!(
            text.contains("内容") || text.contains("虚构"),
            "{name} lacks the demo disclaimer"
        );
    }
}

#[test]
fn the_workshop_photo_is_stored_sideways_with_exif_orientation_6() {
    let jpeg = material("A01-workshop-photo.jpg");
    assert_eq!(jpeg_orientation(jpeg), Some(6));
    let stored = image::load_from_memory_with_format(jpeg, image::ImageFormat::Jpeg).unwrap();
    // Upright the scene is landscape (960 × 640); the pixels are stored portrait.
    assert_eq!((stored.width(), stored.height()), (640, 960));
}

#[test]
fn images_decode_and_stay_small() {
    for (name, format, size) in [
        (
            "A01-workshop-photo.jpg",
            image::ImageFormat::Jpeg,
            (640, 960),
        ),
        (
            "A04-business-license.png",
            image::ImageFormat::Png,
            (1100, 780),
        ),
        (
            "A06-vision-station-photo.png",
            image::ImageFormat::Png,
            (1000, 700),
        ),
    ] {
        let bytes = material(name);
        assert!(bytes.len() < 300_000, "{name} is {} bytes", bytes.len());
        let decoded = image::load_from_memory_with_format(bytes, format).unwrap();
        assert_eq!((decoded.width(), decoded.height()), size, "{name}");
    }
}
