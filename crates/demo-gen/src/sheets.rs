//! The demo's two spreadsheets, from the tables below: `applicants.xlsx` (the
//! eight applicants, as an organizer's 申报单位汇总表 with a merged title row) and
//! `experts.xlsx` (the panel: the chair and five experts). `reviewdesk demo --out` authors its round from them through the
//! organizer's import services; `assets/demo/round.toml` holds the same people and
//! companies (a test in `crates/cli/tests/demo_out.rs` keeps the two together).
//!
//! Deterministic: a fixed creation date in the document properties, and
//! rust_xlsxwriter writes no other clock into the file.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, XlsxError};

/// One demo applicant, as its row in `applicants.xlsx`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApplicantRow {
    /// 单位名称.
    pub name: &'static str,
    /// 统一社会信用代码 (written as text: a number cell would lose digits).
    pub credit_code: &'static str,
    /// 所属地市, then its English.
    pub region: (&'static str, &'static str),
    /// 所属行业, then its English.
    pub industry: (&'static str, &'static str),
    /// 申报类别: the template's category names in Chinese, `、`-separated.
    pub categories: &'static str,
    /// 联系人 (recognised by the importer, not kept in the round).
    pub contact: &'static str,
}

/// One member of the demo panel, as their row in `experts.xlsx`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExpertRow {
    /// 姓名 (the name on their key card).
    pub name: &'static str,
    /// 工作单位.
    pub employer: &'static str,
    /// 专业领域, then its English.
    pub field: (&'static str, &'static str),
    /// 角色: 组长 or 专家.
    pub role: &'static str,
}

/// The applicants, in the order of their ids (A01…A08).
pub const APPLICANTS: [ApplicantRow; 8] = [
    ApplicantRow {
        name: "广州云擎工业软件有限公司",
        credit_code: "91440101MA5AGYGLU6",
        region: ("广州市", "Guangzhou"),
        industry: (
            "C38 电气机械和器材制造业",
            "C38 Electrical machinery and equipment",
        ),
        categories: "工业互联网应用（含工业软件）",
        contact: "李明辉",
    },
    ApplicantRow {
        name: "深圳智联织网科技有限公司",
        credit_code: "91440300MA5W7WKKHD",
        region: ("深圳市", "Shenzhen"),
        industry: (
            "C39 计算机、通信和其他电子设备制造业",
            "C39 Computers, communication and other electronic equipment",
        ),
        categories: "工业互联网网络",
        contact: "王嘉欣",
    },
    ApplicantRow {
        name: "佛山数研智造科技有限公司",
        credit_code: "91440604MA5RJHTPQ6",
        region: ("佛山市", "Foshan"),
        industry: ("C21 家具制造业", "C21 Furniture"),
        categories: "工业互联网平台",
        contact: "何志诚",
    },
    ApplicantRow {
        name: "东莞鼎安工控安全技术有限公司",
        credit_code: "91441900MA5QQJE70C",
        region: ("东莞市", "Dongguan"),
        industry: (
            "C39 计算机、通信和其他电子设备制造业",
            "C39 Computers, communication and other electronic equipment",
        ),
        categories: "工业互联网安全",
        contact: "陈思远",
    },
    ApplicantRow {
        name: "珠海海纳工业大数据有限公司",
        credit_code: "91440402MA539T3E0B",
        region: ("珠海市", "Zhuhai"),
        industry: ("全行业", "All industries"),
        categories: "工业互联网平台、工业互联网应用（含工业软件）",
        contact: "梁雨桐",
    },
    ApplicantRow {
        name: "中山明途机器视觉科技有限公司",
        credit_code: "91442000MA5MA6C8B7",
        region: ("中山市", "Zhongshan"),
        industry: (
            "C38 电气机械和器材制造业",
            "C38 Electrical machinery and equipment",
        ),
        categories: "工业互联网应用（含工业软件）",
        contact: "苏文博",
    },
    ApplicantRow {
        name: "惠州边云协同信息技术有限公司",
        credit_code: "91441302MA5RCPGL23",
        region: ("惠州市", "Huizhou"),
        industry: ("C36 汽车制造业", "C36 Automobiles"),
        categories: "工业互联网网络",
        contact: "罗晓峰",
    },
    ApplicantRow {
        name: "江门星链标识解析技术有限公司",
        credit_code: "91440703MA52HH99EU",
        region: ("江门市", "Jiangmen"),
        industry: ("C29 橡胶和塑料制品业", "C29 Rubber and plastic products"),
        categories: "工业互联网平台",
        contact: "黄静怡",
    },
];

/// The panel: the chair first, then the experts in the order of their ids
/// (E01…E05). No 专家类别 and no former employers: the bundled round's panel has
/// neither, and the tests that assign on it (the desktop's organizer desk among
/// them) count on that.
pub const EXPERTS: [ExpertRow; 6] = [
    ExpertRow {
        name: "郑国平",
        employer: "岭南工业技术研究院",
        field: ("工业互联网", "Industrial Internet"),
        role: "组长",
    },
    ExpertRow {
        name: "陈立新",
        employer: "岭南工业技术研究院",
        field: ("工业软件", "Industrial software"),
        role: "专家",
    },
    ExpertRow {
        name: "林晓梅",
        employer: "粤海理工学院信息工程学院",
        field: ("工业网络与5G", "Industrial networks and 5G"),
        role: "专家",
    },
    ExpertRow {
        name: "黄志强",
        employer: "南粤信息安全测评中心",
        field: ("工业控制系统安全", "Industrial control system security"),
        role: "专家",
    },
    ExpertRow {
        name: "周婉婷",
        employer: "珠江明信会计师事务所",
        field: ("财务与投融资", "Finance and investment"),
        role: "专家",
    },
    ExpertRow {
        name: "吴建华",
        employer: "广东智能制造促进会",
        field: (
            "智能制造与精益生产",
            "Smart manufacturing and lean production",
        ),
        role: "专家",
    },
];

/// The date in both workbooks' document properties.
const CREATED: (u16, u8, u8) = (2026, 2, 28);

fn workbook(title: &str) -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    let (y, m, d) = CREATED;
    wb.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_author("ReviewDesk demo (fictional data)")
            .set_creation_datetime(&ExcelDateTime::from_ymd(y, m, d)?),
    );
    Ok(wb)
}

/// Writes a header row and text rows, with a title merged across the columns
/// above them, into the workbook's one sheet.
fn fill(
    wb: &mut Workbook,
    sheet: &str,
    title: &str,
    headers: &[&str],
    rows: &[Vec<&str>],
    widths: &[f64],
) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(sheet)?;
    let bold = Format::new().set_bold();
    let title_format = Format::new().set_bold().set_align(FormatAlign::Center);
    let last = u16::try_from(headers.len().saturating_sub(1)).unwrap_or(0);
    ws.merge_range(0, 0, 0, last, title, &title_format)?;
    for (c, h) in (0u16..).zip(headers) {
        ws.write_string_with_format(1, c, *h, &bold)?;
    }
    for (r, row) in (2u32..).zip(rows) {
        for (c, v) in (0u16..).zip(row) {
            if !v.is_empty() {
                ws.write_string(r, c, *v)?;
            }
        }
    }
    for (c, w) in (0u16..).zip(widths) {
        ws.set_column_width(c, *w)?;
    }
    Ok(())
}

/// `applicants.xlsx`.
///
/// # Errors
///
/// When the writer fails.
pub fn applicants_xlsx() -> Result<Vec<u8>, XlsxError> {
    let title = "2026年度优秀供应商认定（第一批）申报单位汇总表（演示，虚构）";
    let mut wb = workbook(title)?;
    let headers = [
        "序号",
        "单位名称",
        "统一社会信用代码",
        "所属地市",
        "所属地市（英文）",
        "所属行业",
        "所属行业（英文）",
        "申报类别",
        "联系人",
    ];
    let numbers: Vec<String> = (1..=APPLICANTS.len()).map(|n| n.to_string()).collect();
    let rows: Vec<Vec<&str>> = APPLICANTS
        .iter()
        .zip(&numbers)
        .map(|(a, n)| {
            vec![
                n.as_str(),
                a.name,
                a.credit_code,
                a.region.0,
                a.region.1,
                a.industry.0,
                a.industry.1,
                a.categories,
                a.contact,
            ]
        })
        .collect();
    let widths = [6.0, 32.0, 22.0, 10.0, 14.0, 34.0, 44.0, 40.0, 10.0];
    fill(&mut wb, "申报单位", title, &headers, &rows, &widths)?;
    wb.save_to_buffer()
}

/// `experts.xlsx`.
///
/// # Errors
///
/// When the writer fails.
pub fn experts_xlsx() -> Result<Vec<u8>, XlsxError> {
    let title = "评审专家名单（演示，虚构）";
    let mut wb = workbook(title)?;
    let headers = ["姓名", "工作单位", "专业领域", "专业领域（英文）", "角色"];
    let rows: Vec<Vec<&str>> = EXPERTS
        .iter()
        .map(|e| vec![e.name, e.employer, e.field.0, e.field.1, e.role])
        .collect();
    let widths = [10.0, 28.0, 20.0, 36.0, 8.0];
    fill(&mut wb, "专家名单", title, &headers, &rows, &widths)?;
    wb.save_to_buffer()
}
