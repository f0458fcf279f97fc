//! The CSV test vector of `docs/formats.md` ("Reports"): a tiny round (three
//! applicants, three experts, one upheld recusal, one score stage of two
//! indicators) whose summary CSV must be exactly the block printed there.

use std::path::Path;

use reviewdesk_core::rules::{compute, round_input, DrawRecord, Opinions, ScoreInput};
use reviewdesk_core::Lang;
use reviewdesk_reports::DocumentDate;
use reviewdesk_results::{summary_csv, ResultSet};

const TEMPLATE: &str = r#"
format = "reviewdesk-template/1"
id = "tiny"
version = 1
program = { zh = "报表测试", en = "Report test" }
decimals = 2
quorum = 2
[[category]]
id = "app"
name = { zh = "应用类", en = "Applications" }
[[stage]]
id = "written"
name = { zh = "书面审查", en = "Written review" }
kind = "score"
max = "20"
weight = "100"
[[indicator]]
id = "i1"
stage = "written"
name = { zh = "运营情况", en = "Operations" }
max = "10"
step = "0.5"
[[indicator]]
id = "i2"
stage = "written"
name = { zh = "应用案例", en = "Cases" }
max = "10"
step = "0.5"
[[grade]]
id = "pass"
label = { zh = "合格", en = "Pass" }
min = "60"
[[grade]]
id = "fail"
label = { zh = "不合格", en = "Fail" }
min = "0"
"#;

const ROUND: &str = r#"
format = "reviewdesk-round/1"
id = "tiny-2026"
[program]
title = { zh = "报表测试批次", en = "Report test round" }
organizer = { zh = "测试主办单位", en = "Test organizer" }
template = "tiny"
[[applicant]]
id = "A01"
name = "广州云擎工业软件有限公司"
credit_code = "91440101MA5AGYGLU6"
region = { zh = "广州市", en = "Guangzhou" }
industry = { zh = "全行业", en = "All industries" }
categories = ["app"]
[[applicant]]
id = "A02"
name = "深圳智联织网科技有限公司"
credit_code = "91440300MA5W7WKKHD"
region = { zh = "深圳市", en = "Shenzhen" }
industry = { zh = "全行业", en = "All industries" }
categories = ["app"]
[[applicant]]
id = "A03"
name = "佛山数研智造科技有限公司"
credit_code = "91440604MA5RJHTPQ6"
region = { zh = "佛山市", en = "Foshan" }
industry = { zh = "全行业", en = "All industries" }
categories = ["app"]
[panel.chair]
id = "C01"
name = "郑国平"
affiliation = "岭南工业技术研究院"
field = { zh = "工业互联网", en = "Industrial Internet" }
[[panel.expert]]
id = "E01"
name = "陈立新"
affiliation = "岭南工业技术研究院"
field = { zh = "工业软件", en = "Industrial software" }
[[panel.expert]]
id = "E02"
name = "林晓梅"
affiliation = "粤海理工学院"
field = { zh = "工业网络", en = "Industrial networks" }
[[panel.expert]]
id = "E03"
name = "黄志强"
affiliation = "南粤信息安全测评中心"
field = { zh = "工控安全", en = "ICS security" }
[[recusal_request]]
applicant = "A02"
expert = "E03"
reason = "曾为该单位出具检测报告。"
ruling = "upheld"
"#;

/// (expert, applicant, i1, i2)
const SCORES: [(&str, &str, &str, &str); 8] = [
    ("E01", "A01", "9", "8.5"),
    ("E01", "A02", "7", "6.5"),
    ("E01", "A03", "5", "4"),
    ("E02", "A01", "8", "9"),
    ("E02", "A02", "8", "7"),
    ("E02", "A03", "6", "5.5"),
    ("E03", "A01", "9.5", "9.5"),
    ("E03", "A03", "6", "6"),
];

fn tiny_csv(lang: Lang) -> String {
    let (round, template) = reviewdesk_io::parse_round(
        Path::new("round.toml"),
        ROUND,
        Some((Path::new("template.toml"), TEMPLATE)),
    )
    .expect("the tiny round");
    let mut input = round_input(&round);
    for (e, a, i1, i2) in SCORES {
        for (ind, v) in [("i1", i1), ("i2", i2)] {
            input.scores.push(ScoreInput {
                expert: e.into(),
                applicant: a.into(),
                stage: "written".into(),
                indicator: ind.into(),
                value: v.parse().unwrap(),
                reason: None,
            });
        }
    }
    let result = compute(&template, &input).expect("computes");
    let draw = DrawRecord::of(&input, &result);
    let set = ResultSet {
        round: &round,
        template: &template,
        input: &input,
        result: &result,
        opinions: &Opinions::default(),
        draw: &draw,
        lang,
        date: DocumentDate::new(2026, 3, 20).unwrap(),
        footer: None,
        justifications: &[],
    };
    let bytes = summary_csv(&set).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let body = text.strip_prefix('\u{FEFF}').expect("starts with the BOM");
    assert!(
        !body.replace("\r\n", "").contains('\n'),
        "every line ends in CRLF"
    );
    body.replace("\r\n", "\n")
}

/// The text of the fenced block that follows `marker` in `docs/formats.md`.
fn documented(marker: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/formats.md");
    let doc = std::fs::read_to_string(&path).unwrap();
    let after = &doc[doc
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} in formats.md"))..];
    let start = after.find("```text\n").expect("a ```text block") + "```text\n".len();
    let len = after[start..].find("```").expect("its end");
    after[start..start + len].to_owned()
}

#[test]
fn the_documented_csv_vector_is_what_the_tiny_round_gives() {
    assert_eq!(
        tiny_csv(Lang::ZhCn),
        documented("<!-- vector: summary-csv-zh -->")
    );
    assert_eq!(
        tiny_csv(Lang::En),
        documented("<!-- vector: summary-csv-en -->")
    );
}
