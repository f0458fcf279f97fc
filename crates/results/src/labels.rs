//! Every fixed text of the reports, in Chinese (the default) and English.
//! Names (applicants, experts) stay as registered; stage, category and grade
//! names come from the template in the chosen language.

use reviewdesk_core::rules::ApplicantStatus;
use reviewdesk_core::{Lang, Level, Method};

pub(crate) struct Labels {
    // Summary.
    pub summary_title: &'static str,
    pub round: &'static str,
    pub organizer: &'static str,
    pub template: &'static str,
    pub method: &'static str,
    pub quorum: &'static str,
    pub report_date: &'static str,
    pub panel: &'static str,
    pub id: &'static str,
    pub name: &'static str,
    pub affiliation: &'static str,
    pub field: &'static str,
    pub chair_role: &'static str,
    pub expert_role: &'static str,
    pub role: &'static str,
    pub expert_totals: &'static str,
    pub max: &'static str,
    pub weight: &'static str,
    pub applicant: &'static str,
    pub valid_experts: &'static str,
    pub aggregate: &'static str,
    pub results: &'static str,
    pub divergence: &'static str,
    pub divergence_note: &'static str,
    pub justifications: &'static str,
    pub justifications_note: &'static str,
    pub request: &'static str,
    pub answer: &'static str,
    pub kept: &'static str,
    pub changed: &'static str,
    pub justification: &'static str,
    pub stage: &'static str,
    pub indicator: &'static str,
    pub expert: &'static str,
    pub value: &'static str,
    pub mean_of_others: &'static str,
    pub deviation: &'static str,
    pub draw: &'static str,
    pub draw_text: &'static str,
    pub legend: &'static str,
    pub expert_signature: &'static str,
    pub chair_signature: &'static str,
    pub panel_signature: &'static str,
    pub date: &'static str,
    // Result columns.
    pub category: &'static str,
    pub region: &'static str,
    pub rank: &'static str,
    pub final_score: &'static str,
    pub grade: &'static str,
    pub status: &'static str,
    pub selected: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    // Cells.
    pub recused: &'static str,
    pub none: &'static str,
    pub incomplete: &'static str,
    pub pass: &'static str,
    pub fail: &'static str,
    pub not_drawn: &'static str,
    pub short_of_quorum: &'static str,
    /// A stage of an applicant that failed the eligibility check.
    pub not_reviewed: &'static str,
    /// A stage after the one that eliminated the applicant (a failed gate, a veto).
    pub not_required: &'static str,
    /// The summary's section on applicants that failed the eligibility check.
    pub ineligible_heading: &'static str,
    pub ineligible_note: &'static str,
    /// A failed checklist item (基本条件) and its reason.
    pub eligibility_item: &'static str,
    pub eligibility_reason: &'static str,
    // Opinion pages.
    pub opinion_title: &'static str,
    pub credit_code: &'static str,
    pub rank_in_category: &'static str,
    pub panel_opinion: &'static str,
    pub no_opinion: &'static str,
    pub dissents: &'static str,
    pub no_dissent: &'static str,
    // Public notice.
    pub notice_title: &'static str,
    pub notice_draft: &'static str,
    pub notice_intro: &'static str,
    pub notice_terms_heading: &'static str,
    pub notice_terms: &'static [&'static str],
    pub notice_none: &'static str,
    pub notice_issuer_date: &'static str,
    pub opinion_running: &'static str,
    /// Between a label and its value in running text.
    pub colon: &'static str,
}

pub(crate) const ZH: Labels = Labels {
    summary_title: "评分汇总表",
    round: "评审批次",
    organizer: "主办单位",
    template: "评审规则",
    method: "汇总方法",
    quorum: "有效评分下限",
    report_date: "制表日期",
    panel: "评审专家组",
    id: "编号",
    name: "姓名",
    affiliation: "工作单位",
    field: "专业领域",
    chair_role: "评审组长",
    expert_role: "评审专家",
    role: "职务",
    expert_totals: "专家评分",
    max: "满分",
    weight: "权重",
    applicant: "申报单位",
    valid_experts: "有效评分数",
    aggregate: "汇总分",
    results: "评审结果",
    divergence: "评分偏离",
    divergence_note: "以下评分与其他专家均值之差超过阈值，已提请专家复核。",
    justifications: "复核说明",
    justifications_note: "专家对评审组长复核通知中每一处评分的答复（维持或修改）及理由，取自其签名的评分表。",
    request: "通知编号",
    answer: "复核结果",
    kept: "维持原分",
    changed: "修改评分",
    justification: "理由",
    stage: "评审环节",
    indicator: "指标",
    expert: "专家",
    value: "评分",
    mean_of_others: "其他专家均值",
    deviation: "偏离值",
    draw: "实地考察抽签",
    draw_text: "抽签环节：{stage}；公布的抽签值：{announced}；种子（SHA-256）：{seed}；候选 {n} 家，抽取 {k} 家；抽中：{sample}。",
    legend: "说明：专家评分为该专家对该单位本环节各指标得分之和；“回避”为依规回避；“—”为未分配或未评分；“不完整”为未评完全部指标（不计入汇总）。",
    expert_signature: "评审专家签字",
    chair_signature: "评审组长签字",
    panel_signature: "专家组成员签字",
    date: "日期",
    category: "申报类别",
    region: "所属地区",
    rank: "排名",
    final_score: "综合得分",
    grade: "评价等次",
    status: "状态",
    selected: "入选",
    yes: "是",
    no: "否",
    recused: "回避",
    none: "—",
    incomplete: "不完整",
    pass: "通过",
    fail: "不通过",
    not_drawn: "未抽中",
    short_of_quorum: "有效评分不足",
    not_reviewed: "未评审",
    not_required: "未进入本环节",
    ineligible_heading: "形式审查未通过",
    ineligible_note: "以下单位未通过形式审查，未提交专家评审，不参与排名。",
    eligibility_item: "未满足的基本条件",
    eligibility_reason: "原因",
    opinion_title: "评审意见",
    credit_code: "统一社会信用代码",
    rank_in_category: "类别内排名",
    panel_opinion: "专家组意见",
    no_opinion: "专家组未对该单位出具书面意见。",
    dissents: "保留意见",
    no_dissent: "无。",
    notice_title: "拟入选名单公示",
    notice_draft: "（草稿，供主办单位审定后发布）",
    notice_intro: "经专家评审，现将{title}拟入选名单予以公示。",
    notice_terms_heading: "公示说明",
    notice_terms: &[
        "公示期：自公示之日起 5 个工作日（工作日按国家法定节假日及调休安排计算），即 ____年__月__日至 ____年__月__日。",
        "公示期内，任何单位或个人对名单有异议的，应以书面形式实名提出，写明真实姓名或单位名称及联系方式，并附必要的证明材料；匿名、逾期或无证据的异议不予受理。",
        "异议受理单位：{organizer}；联系人：________；联系电话：________；地址或电子邮箱：________。",
        "主办单位对每一项异议进行核查并作出处理决定，处理结果告知异议人。",
        "公示期满无异议或异议不成立的，按程序正式发布。",
    ],
    notice_none: "本批次无拟入选单位。",
    notice_issuer_date: "____年__月__日",
    opinion_running: "评审意见",
    colon: "：",
};

pub(crate) const EN: Labels = Labels {
    summary_title: "Score summary",
    round: "Round",
    organizer: "Organizer",
    template: "Rules",
    method: "Aggregation",
    quorum: "Minimum valid scores",
    report_date: "Date",
    panel: "Expert panel",
    id: "ID",
    name: "Name",
    affiliation: "Affiliation",
    field: "Field",
    chair_role: "Panel chair",
    expert_role: "Expert",
    role: "Role",
    expert_totals: "experts' scores",
    max: "max",
    weight: "weight",
    applicant: "Applicant",
    valid_experts: "Valid scores",
    aggregate: "Aggregate",
    results: "Results",
    divergence: "Divergent scores",
    divergence_note: "These scores differ from the mean of the other experts by more than the threshold; the experts were asked to re-check them.",
    justifications: "Re-check justifications",
    justifications_note: "Each expert's answer to the chair's re-check requests (score kept or changed) and the reason, as their signed sheets carry them.",
    request: "Request",
    answer: "Answer",
    kept: "kept",
    changed: "changed",
    justification: "Reason",
    stage: "Stage",
    indicator: "Indicator",
    expert: "Expert",
    value: "Score",
    mean_of_others: "Mean of others",
    deviation: "Deviation",
    draw: "Site-visit draw",
    draw_text: "Stage: {stage}; announced value: {announced}; seed (SHA-256): {seed}; {k} drawn from {n} candidates; drawn: {sample}.",
    legend: "Notes: an expert's score is the sum of their indicator scores for the applicant in that stage; \"recused\": the expert recused; \"—\": not assigned or not scored; \"incomplete\": not every indicator scored (not aggregated).",
    expert_signature: "Expert's signature",
    chair_signature: "Panel chair's signature",
    panel_signature: "Panel members' signatures",
    date: "Date",
    category: "Category",
    region: "Region",
    rank: "Rank",
    final_score: "Final score",
    grade: "Grade",
    status: "Status",
    selected: "Selected",
    yes: "yes",
    no: "no",
    recused: "recused",
    none: "—",
    incomplete: "incomplete",
    pass: "pass",
    fail: "fail",
    not_drawn: "not drawn",
    short_of_quorum: "short of quorum",
    not_reviewed: "not reviewed",
    not_required: "did not advance",
    ineligible_heading: "Failed eligibility check",
    ineligible_note: "These applicants failed the eligibility check: they were not reviewed by the experts and are not ranked.",
    eligibility_item: "Condition not met",
    eligibility_reason: "Reason",
    opinion_title: "Panel opinion",
    credit_code: "Unified social credit code",
    rank_in_category: "Rank in category",
    panel_opinion: "Opinion of the panel",
    no_opinion: "The panel wrote no opinion on this applicant.",
    dissents: "Dissenting opinions",
    no_dissent: "None.",
    notice_title: "Public notice of the proposed list",
    notice_draft: "(draft, for the organizer to approve before publication)",
    notice_intro: "After expert review, the proposed list of {title} is published for public notice.",
    notice_terms_heading: "Notice period and objections",
    notice_terms: &[
        "Notice period: 5 working days from the day of publication (working days per the official holiday calendar, make-up working days included), from ____-__-__ to ____-__-__.",
        "Any organisation or person objecting to the list must do so in writing within the notice period, under their real name (or the organisation's name) with contact details, and with supporting evidence; anonymous, late or unsupported objections are not accepted.",
        "Objections to: {organizer}; contact person: ________; telephone: ________; address or e-mail: ________.",
        "The organizer examines every objection, rules on it and informs the objector of the ruling.",
        "When the period ends without objection, or the objections are not upheld, the list is published formally.",
    ],
    notice_none: "No applicant of this round is proposed.",
    notice_issuer_date: "____-__-__",
    opinion_running: "Panel opinion",
    colon: ": ",
};

pub(crate) fn labels(lang: Lang) -> &'static Labels {
    match lang {
        Lang::ZhCn => &ZH,
        Lang::En => &EN,
    }
}

pub(crate) fn status(lang: Lang, s: ApplicantStatus) -> &'static str {
    let zh = lang == Lang::ZhCn;
    match s {
        ApplicantStatus::Graded => {
            if zh {
                "已评定"
            } else {
                "graded"
            }
        }
        ApplicantStatus::QuotaExceeded => {
            if zh {
                "超出名额"
            } else {
                "over quota"
            }
        }
        ApplicantStatus::Vetoed => {
            if zh {
                "一票否决"
            } else {
                "vetoed"
            }
        }
        ApplicantStatus::FailedStage => {
            if zh {
                "环节未通过"
            } else {
                "failed a stage"
            }
        }
        ApplicantStatus::FailedGate => {
            if zh {
                "未达门槛分"
            } else {
                "below a gate"
            }
        }
        ApplicantStatus::InsufficientQuorum => {
            if zh {
                "有效评分不足"
            } else {
                "short of quorum"
            }
        }
        ApplicantStatus::Ineligible => {
            if zh {
                "形式审查未通过"
            } else {
                "failed eligibility check"
            }
        }
    }
}

pub(crate) fn method(lang: Lang, m: Method, l: Level, min_n: u32) -> String {
    let zh = lang == Lang::ZhCn;
    let m = match (m, zh) {
        (Method::Mean, true) => "算术平均".to_owned(),
        (Method::Mean, false) => "mean".to_owned(),
        (Method::TrimmedMean, true) => {
            format!("去掉一个最高分和一个最低分后算术平均（有效评分不少于 {min_n} 个时）")
        }
        (Method::TrimmedMean, false) => {
            format!(
                "mean without the highest and the lowest score (with {min_n} or more valid scores)"
            )
        }
        (Method::Median, true) => "中位数".to_owned(),
        (Method::Median, false) => "median".to_owned(),
        (Method::Zscore, true) => format!("标准分（每位专家不少于 {min_n} 个评分时）"),
        (Method::Zscore, false) => {
            format!("per-expert standard scores (with {min_n} or more scores per expert)")
        }
    };
    let l = match (l, zh) {
        (Level::StageTotal, true) => "，按环节总分汇总",
        (Level::StageTotal, false) => ", of stage totals",
        (Level::Indicator, true) => "，按指标汇总",
        (Level::Indicator, false) => ", per indicator",
    };
    format!("{m}{l}")
}
