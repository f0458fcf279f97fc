//! The CLI's message catalogue: every label it prints, in Chinese and English.

use reviewdesk_core::Lang;

/// Labels for the round overview.
#[allow(missing_docs)]
pub struct Labels {
    pub round: &'static str,
    pub organizer: &'static str,
    pub template: &'static str,
    pub stages: &'static str,
    pub stage: &'static str,
    pub kind: &'static str,
    pub max: &'static str,
    pub weight: &'static str,
    pub score: &'static str,
    pub pass_fail: &'static str,
    pub applicants: &'static str,
    pub id: &'static str,
    pub name: &'static str,
    pub credit_code: &'static str,
    pub region: &'static str,
    pub category: &'static str,
    pub materials: &'static str,
    pub experts: &'static str,
    pub panel: &'static str,
    pub role: &'static str,
    pub chair: &'static str,
    pub expert: &'static str,
    pub affiliation: &'static str,
    pub field: &'static str,
    pub assigned: &'static str,
    pub recusal_requests: &'static str,
    pub applicant: &'static str,
    pub reason: &'static str,
    pub ruling: &'static str,
    pub pending: &'static str,
    pub upheld: &'static str,
    pub rejected: &'static str,
}

const ZH: Labels = Labels {
    round: "评审批次",
    organizer: "主办单位",
    template: "评审模板",
    stages: "评审环节",
    stage: "环节",
    kind: "方式",
    max: "满分",
    weight: "权重(%)",
    score: "打分",
    pass_fail: "通过/不通过",
    applicants: "申报单位",
    id: "编号",
    name: "名称",
    credit_code: "统一社会信用代码",
    region: "地区",
    category: "申报类别",
    materials: "材料",
    experts: "专家数",
    panel: "评审专家组",
    role: "角色",
    chair: "组长",
    expert: "专家",
    affiliation: "工作单位",
    field: "专业领域",
    assigned: "分配单位数",
    recusal_requests: "申请回避",
    applicant: "申请单位",
    reason: "理由",
    ruling: "裁定",
    pending: "待裁定",
    upheld: "予以回避",
    rejected: "不予回避",
};

const EN: Labels = Labels {
    round: "Round",
    organizer: "Organizer",
    template: "Template",
    stages: "Stages",
    stage: "Stage",
    kind: "Kind",
    max: "Max",
    weight: "Weight (%)",
    score: "score",
    pass_fail: "pass/fail",
    applicants: "Applicants",
    id: "ID",
    name: "Name",
    credit_code: "Credit code",
    region: "Region",
    category: "Categories",
    materials: "Materials",
    experts: "Experts",
    panel: "Panel",
    role: "Role",
    chair: "chair",
    expert: "expert",
    affiliation: "Affiliation",
    field: "Field",
    assigned: "Assigned",
    recusal_requests: "Recusal requests",
    applicant: "Applicant",
    reason: "Reason",
    ruling: "Ruling",
    pending: "pending",
    upheld: "upheld",
    rejected: "rejected",
};

/// The labels in `lang`.
pub fn labels(lang: Lang) -> &'static Labels {
    match lang {
        Lang::ZhCn => &ZH,
        Lang::En => &EN,
    }
}

/// Labels for `template list` and `compute --table`.
#[allow(missing_docs)]
pub struct RulesLabels {
    pub id: &'static str,
    pub version: &'static str,
    pub program: &'static str,
    pub stages: &'static str,
    pub indicators: &'static str,
    pub category: &'static str,
    pub rank: &'static str,
    pub applicant: &'static str,
    pub status: &'static str,
    pub final_score: &'static str,
    pub grade: &'static str,
    pub selected: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub skipped: &'static str,
    pub short: &'static str,
    pub passed: &'static str,
    pub failed: &'static str,
    pub graded: &'static str,
    pub quota_exceeded: &'static str,
    pub vetoed: &'static str,
    pub failed_stage: &'static str,
    pub failed_gate: &'static str,
    pub insufficient_quorum: &'static str,
    pub ineligible: &'static str,
    pub not_reviewed: &'static str,
    pub not_required: &'static str,
    pub divergence: &'static str,
    pub expert: &'static str,
    pub stage: &'static str,
    pub indicator: &'static str,
    pub value: &'static str,
    pub mean_of_others: &'static str,
    pub deviation: &'static str,
    pub draw: &'static str,
    pub seed: &'static str,
    pub sample: &'static str,
    pub method: &'static str,
    pub ok: &'static str,
}

const RULES_ZH: RulesLabels = RulesLabels {
    id: "编号",
    version: "版本",
    program: "项目",
    stages: "评审环节",
    indicators: "指标数",
    category: "申报类别",
    rank: "排名",
    applicant: "申报单位",
    status: "结果",
    final_score: "综合得分",
    grade: "等次",
    selected: "入选",
    yes: "是",
    no: "否",
    skipped: "未抽中",
    short: "人数不足",
    passed: "通过",
    failed: "不通过",
    graded: "已评定",
    quota_exceeded: "超出名额",
    vetoed: "一票否决",
    failed_stage: "环节未通过",
    failed_gate: "未达门槛分",
    insufficient_quorum: "有效评分不足",
    ineligible: "形式审查未通过",
    not_reviewed: "未评审",
    not_required: "未进入本环节",
    divergence: "评分偏离（需复核）",
    expert: "专家",
    stage: "环节",
    indicator: "指标",
    value: "评分",
    mean_of_others: "其他专家均分",
    deviation: "偏离",
    draw: "实地考察抽签",
    seed: "种子",
    sample: "抽中",
    method: "汇总方法",
    ok: "模板有效",
};

const RULES_EN: RulesLabels = RulesLabels {
    id: "ID",
    version: "Version",
    program: "Program",
    stages: "Stages",
    indicators: "Indicators",
    category: "Category",
    rank: "Rank",
    applicant: "Applicant",
    status: "Status",
    final_score: "Final",
    grade: "Grade",
    selected: "Selected",
    yes: "yes",
    no: "no",
    skipped: "not drawn",
    short: "short",
    passed: "pass",
    failed: "fail",
    graded: "graded",
    quota_exceeded: "quota exceeded",
    vetoed: "vetoed",
    failed_stage: "failed a stage",
    failed_gate: "below a gate",
    insufficient_quorum: "insufficient quorum",
    ineligible: "failed eligibility check",
    not_reviewed: "not reviewed",
    not_required: "did not advance",
    divergence: "Divergent scores (re-check)",
    expert: "Expert",
    stage: "Stage",
    indicator: "Indicator",
    value: "Value",
    mean_of_others: "Mean of others",
    deviation: "Deviation",
    draw: "Site-visit draw",
    seed: "Seed",
    sample: "Sample",
    method: "Method",
    ok: "template is valid",
};

/// The rules labels in `lang`.
pub fn rules_labels(lang: Lang) -> &'static RulesLabels {
    match lang {
        Lang::ZhCn => &RULES_ZH,
        Lang::En => &RULES_EN,
    }
}

/// Labels for `reviewdesk key …`.
#[allow(missing_docs)]
pub struct KeyLabels {
    pub name: &'static str,
    pub role: &'static str,
    pub fingerprint: &'static str,
    pub expert: &'static str,
    pub chair: &'static str,
    pub organizer: &'static str,
    pub created: &'static str,
    pub in_keyring: &'static str,
    pub compare: &'static str,
    pub no_identities: &'static str,
    pub card_written: &'static str,
    pub card_verified: &'static str,
    pub signers_written: &'static str,
    pub backup_written: &'static str,
    pub keep_passphrase: &'static str,
    pub restored: &'static str,
    pub passphrase: &'static str,
    pub passphrase_again: &'static str,
}

const KEY_ZH: KeyLabels = KeyLabels {
    name: "姓名",
    role: "角色",
    fingerprint: "指纹",
    expert: "评审专家",
    chair: "评审组长",
    organizer: "主办单位",
    created: "已创建身份",
    in_keyring: "私钥已存入系统密钥环，不写入任何文件。",
    compare: "指纹（请通过电话或当面核对）：",
    no_identities: "本机尚无身份。用 reviewdesk key new --name 姓名 --role expert 创建。",
    card_written: "已写出公钥卡",
    card_verified: "已验证公钥卡",
    signers_written: "已写出 allowed_signers 文件",
    backup_written: "已写出加密备份",
    keep_passphrase: "请妥善保管口令：没有口令，备份无法打开。",
    restored: "已恢复身份",
    passphrase: "备份口令：",
    passphrase_again: "再次输入备份口令：",
};

const KEY_EN: KeyLabels = KeyLabels {
    name: "Name",
    role: "Role",
    fingerprint: "Fingerprint",
    expert: "expert",
    chair: "chair",
    organizer: "organizer",
    created: "Created identity",
    in_keyring: "Its private keys are in the system keyring, not in any file.",
    compare: "Fingerprint (compare it by phone or in person):",
    no_identities: "No identities on this computer. Create one with reviewdesk key new --name NAME --role expert.",
    card_written: "Wrote key card",
    card_verified: "Verified key card",
    signers_written: "Wrote allowed_signers file",
    backup_written: "Wrote encrypted backup",
    keep_passphrase: "Keep the passphrase safe: without it the backup cannot be opened.",
    restored: "Restored identity",
    passphrase: "Backup passphrase: ",
    passphrase_again: "Backup passphrase again: ",
};

/// The key labels in `lang`.
pub fn key_labels(lang: Lang) -> &'static KeyLabels {
    match lang {
        Lang::ZhCn => &KEY_ZH,
        Lang::En => &KEY_EN,
    }
}

/// Labels for `seal`, `inspect`, `verify`, `sheet` and the exports.
#[allow(missing_docs)]
pub struct PackageLabels {
    pub kind: &'static str,
    pub package: &'static str,
    pub sheet: &'static str,
    pub card: &'static str,
    pub package_id: &'static str,
    pub round: &'static str,
    pub signer: &'static str,
    pub signature_holds: &'static str,
    pub manifest_holds_entries_unchecked: &'static str,
    pub bundle_holds_not_recomputed: &'static str,
    pub compare_fingerprint: &'static str,
    pub manifest_hash: &'static str,
    pub recipients: &'static str,
    pub recipients_need_key: &'static str,
    pub entries: &'static str,
    pub entry: &'static str,
    pub stored: &'static str,
    pub plaintext: &'static str,
    pub file_size: &'static str,
    pub role: &'static str,
    pub person: &'static str,
    pub fingerprint: &'static str,
    pub sealed: &'static str,
    pub verified: &'static str,
    pub verified_encrypted_only: &'static str,
    pub not_readable: &'static str,
    pub readers: &'static str,
    pub everyone: &'static str,
    pub expert: &'static str,
    pub revision: &'static str,
    pub audit_lines: &'static str,
    pub scores: &'static str,
    pub name: &'static str,
    pub decisions: &'static str,
    pub calendar: &'static str,
}

const PACKAGE_ZH: PackageLabels = PackageLabels {
    kind: "类型",
    package: "评审包",
    sheet: "评分表",
    card: "密钥卡",
    package_id: "评审包编号",
    round: "评审批次",
    signer: "签名者",
    signature_holds: "签名有效",
    manifest_holds_entries_unchecked: "清单签名有效；条目未核对，运行 reviewdesk verify 核对",
    bundle_holds_not_recomputed: "签名与条目有效；结果未重新计算，运行 reviewdesk verify 核对",
    compare_fingerprint: "请与主办单位线下核对此指纹",
    manifest_hash: "清单 SHA-256",
    recipients: "接收人",
    recipients_need_key: "人（名单已加密，提供 --identity 可查看）",
    entries: "条目",
    entry: "条目",
    stored: "密文字节",
    plaintext: "明文字节",
    file_size: "文件大小",
    role: "角色",
    person: "编号",
    fingerprint: "指纹",
    sealed: "已封装",
    verified: "校验通过",
    verified_encrypted_only: "校验通过（未解密：提供 --identity 可核对明文与评审批次内容）",
    not_readable: "未封装给你的条目（回避或未分配的申报单位材料；评审组长不读材料），仅核对了密文哈希与接收人数，未解密",
    readers: "可解密人",
    everyone: "全部接收人",
    expert: "专家",
    revision: "版本",
    audit_lines: "审计记录条数",
    scores: "评分",
    name: "姓名",
    decisions: "主办方决定",
    calendar: "工作日日历（年份）",
};

const PACKAGE_EN: PackageLabels = PackageLabels {
    kind: "Kind",
    package: "sealed package",
    sheet: "score sheet",
    card: "key card",
    package_id: "Package",
    round: "Round",
    signer: "Signed by",
    signature_holds: "signature holds",
    manifest_holds_entries_unchecked: "the manifest's signature holds; the entries were not checked: run reviewdesk verify to check them",
    bundle_holds_not_recomputed: "the signatures and entries hold; the results were not recomputed: run reviewdesk verify to recompute them",
    compare_fingerprint: "compare this fingerprint with the organizer's out of band",
    manifest_hash: "Manifest SHA-256",
    recipients: "Recipients",
    recipients_need_key: "(the roster is encrypted; give --identity to list it)",
    entries: "Entries",
    entry: "Entry",
    stored: "Stored bytes",
    plaintext: "Plaintext bytes",
    file_size: "File size",
    role: "Role",
    person: "ID",
    fingerprint: "Fingerprint",
    sealed: "sealed",
    verified: "verified",
    verified_encrypted_only: "verified (nothing decrypted: give --identity to check the plaintexts and the round)",
    not_readable: "Entries not sealed to you (materials of applicants you are recused from or not assigned to; the chair reads no materials): ciphertext hash and recipient count checked, not decrypted",
    readers: "Readers",
    everyone: "every recipient",
    expert: "Expert",
    revision: "Revision",
    audit_lines: "Audit log lines",
    scores: "Scores",
    name: "Name",
    decisions: "Organizer's decisions",
    calendar: "Working-day calendar (years)",
};

/// One line summing up the organizer's decisions a package or bundle carries:
/// eligibility results, conflicts (dismissed), recusal rulings, pairs and seed,
/// the day conflicts were judged on and the day of sealing.
pub fn decisions_summary(d: &reviewdesk_core::Decisions, lang: Lang) -> String {
    use reviewdesk_core::decisions::EligibilityResult as E;
    use reviewdesk_core::RecusalRuling as R;
    if lang == Lang::En {
        return d.summary();
    }
    let count = |r: E| d.eligibility.iter().filter(|e| e.result == r).count();
    let ruled = |r: R| d.recusals.iter().filter(|q| q.ruling == r).count();
    let pairs: usize = d
        .assignment
        .applicants
        .iter()
        .map(|a| a.experts.len())
        .sum();
    format!(
        "申报单位 {} 家（形式审查通过 {}、未通过 {}、待审查 {}）；利益冲突 {} 项（已排除 {}）；\
         回避申请 {} 项（予以回避 {}、不予回避 {}、待裁定 {}）；分配 {} 对{}，{}；\
         利益冲突判断日 {}；封装日 {}",
        d.eligibility.len(),
        count(E::Passed),
        count(E::Failed),
        count(E::NotChecked),
        d.conflicts.len(),
        d.conflicts.iter().filter(|c| c.dismissal.is_some()).count(),
        d.recusals.len(),
        ruled(R::Upheld),
        ruled(R::Rejected),
        ruled(R::Pending),
        pairs,
        if d.assignment.every_expert {
            "（全体专家评审全部单位）"
        } else {
            ""
        },
        d.assignment
            .seed
            .map_or_else(|| "未记录随机种子".to_owned(), |s| format!("随机种子 {s}")),
        d.conflicts_as_of,
        d.sealed_on,
    )
}

/// What `verify` checked of a package, one line each, then what it did not check
/// (issue 17, item 6: `verify` says exactly what it checked).
pub fn package_checks(v: &reviewdesk_desk::Verification, trusted: bool, lang: Lang) -> Vec<String> {
    let zh = lang == Lang::ZhCn;
    let i = &v.inspection;
    let readable = v.entries_checked.saturating_sub(v.not_readable.len());
    let mut done = Vec::new();
    let mut not = Vec::new();
    let t = |zh_text: String, en_text: String| if zh { zh_text } else { en_text };
    done.push(if trusted {
        t(
            "清单的签名，签名者是 --organizer 指定的主办单位密钥".into(),
            "the manifest's signature, by the organizer key given with --organizer".into(),
        )
    } else {
        t(
            "清单的签名（签名者指纹见上，请与主办单位线下核对）".into(),
            "the manifest's signature (the signer's fingerprint above: compare it with the organizer out of band)".into(),
        )
    });
    done.push(t(
        format!("全部 {} 个条目的密文大小与 SHA-256 与清单一致，age 文件头与接收人数正确", v.entries_checked),
        format!("the size and SHA-256 of all {} entries' ciphertext against the manifest, their age headers and recipient counts", v.entries_checked),
    ));
    if v.decrypted {
        done.push(t(
            "索引的签名与接收人名单".into(),
            "the index's signature and the roster".into(),
        ));
        done.push(t(
            format!("封装给你的 {readable} 个条目已解密，明文大小与 SHA-256 与索引一致；条目中的密钥卡与名单一致"),
            format!("the {readable} entries sealed to you decrypted, their plaintext size and SHA-256 against the index; the key cards inside against the roster"),
        ));
        if i.decisions.is_some() {
            done.push(t(
                "round.toml 读取并校验（编号、引用、材料文件名——不得是路径、盘符或 Windows 设备名——等导入时的全部检查），评审模板读取并校验，主办方决定与按该批次重新计算的结果逐字节一致".into(),
                "round.toml read and validated (ids, references, material file names — no paths, drive letters or Windows device names — every check import runs), the template read and validated, the organizer's decisions equal, byte for byte, to their recomputation from the round".into(),
            ));
        }
        if i.calendar.is_some() {
            done.push(t(
                "工作日日历严格读取".into(),
                "the working-day calendar read strictly".into(),
            ));
        }
        if !v.not_readable.is_empty() {
            not.push(t(
                format!(
                    "未封装给你的 {} 个条目没有解密（只核对了密文）",
                    v.not_readable.len()
                ),
                format!(
                    "the {} entries not sealed to you were not decrypted (their ciphertext only)",
                    v.not_readable.len()
                ),
            ));
        }
    } else {
        not.push(t(
            "没有解密任何条目：索引、明文、round.toml、模板、主办方决定与日历均未核对（提供 --as 或 --identity 可核对）".into(),
            "nothing decrypted: the index, the plaintexts, round.toml, the template, the decisions and the calendar were not checked (give --as or --identity)".into(),
        ));
    }
    not.push(t(
        "是否已固定此主办单位的密钥、截止日期是否已过：这取决于你的工作区与今天的日期，由 reviewdesk import 检查".into(),
        "whether this organizer's key is pinned and whether the deadline has passed: these depend on your workspace and today, and reviewdesk import checks them".into(),
    ));
    checks_lines(done, not, lang)
}

/// What `verify` checked of a score sheet with its package.
pub fn sheet_checks(v: &reviewdesk_desk::SheetVerification, lang: Lang) -> Vec<String> {
    let zh = lang == Lang::ZhCn;
    let t = |zh_text: String, en_text: String| if zh { zh_text } else { en_text };
    let mut done = vec![
        t(
            "评审包的清单签名与索引，评审包中的 round.toml、模板与主办方决定（与合并时相同的检查）".into(),
            "the package's manifest signature and index, and its round.toml, template and decisions (the checks the merge runs)".into(),
        ),
        t(
            "评分表解密，绑定的是此评审包，签名者是名单上的专家，签名与审计记录链有效".into(),
            "the sheet decrypted, bound to this package, signed by an expert on the roster, its signature and audit chain".into(),
        ),
        t(
            format!("评分内容是一个 JSON 对象，属于签名的专家 {}，且没有给其回避的申报单位打分", v.part.expert),
            format!("the scores are one JSON object, of the expert who signed ({}), with nothing for an applicant they are recused from", v.part.expert),
        ),
    ];
    let mut not = Vec::new();
    match &v.sampled_stage {
        Some(stage) => {
            done.push(t(
                format!("评分按模板与评审批次核对（抽查环节 {stage} 除外）"),
                format!("the scores against the template and the round (except the sampled stage {stage})"),
            ));
            not.push(t(
                format!("抽查环节 {stage} 的评分：取决于抽签，由组长合并时核对"),
                format!("the sampled stage {stage}'s entries: they depend on the draw, and the chair's merge checks them"),
            ));
        }
        None => done.push(t(
            "评分按模板与评审批次核对（申报单位、环节、指标、分值范围与步长）".into(),
            "the scores against the template and the round (applicants, stages, indicators, range and step)".into(),
        )),
    }
    not.push(t(
        "是否是此专家的最新版本、是否与其他专家的评分一起达到法定人数：由组长合并时核对".into(),
        "whether it is the expert's newest revision and whether the panel reaches its quorum: the chair's merge checks these".into(),
    ));
    checks_lines(done, not, lang)
}

/// What `verify` checked of a key card.
pub fn card_checks(lang: Lang) -> Vec<String> {
    let zh = lang == Lang::ZhCn;
    let t = |zh_text: &str, en_text: &str| if zh { zh_text } else { en_text }.to_owned();
    checks_lines(
        vec![t(
            "密钥卡的格式与自签名（卡上的签名密钥签署了卡上的姓名、角色与加密公钥）",
            "the card's format and its self-signature (the card's signing key signed its name, role and encryption key)",
        )],
        vec![t(
            "这张卡是否真是此人的：请与其本人线下核对指纹",
            "whether the card is really this person's: compare the fingerprint with them out of band",
        )],
        lang,
    )
}

fn checks_lines(done: Vec<String>, not: Vec<String>, lang: Lang) -> Vec<String> {
    let (head_done, head_not) = match lang {
        Lang::ZhCn => ("已核对：", "未核对："),
        Lang::En => ("Checked:", "Not checked:"),
    };
    let mut out = vec![head_done.to_owned()];
    out.extend(done.into_iter().map(|l| format!("  - {l}")));
    if !not.is_empty() {
        out.push(head_not.to_owned());
        out.extend(not.into_iter().map(|l| format!("  - {l}")));
    }
    out
}

/// The package labels in `lang`.
pub fn package_labels(lang: Lang) -> &'static PackageLabels {
    match lang {
        Lang::ZhCn => &PACKAGE_ZH,
        Lang::En => &PACKAGE_EN,
    }
}

/// Labels for `merge` and for result bundles in `verify`, `inspect` and the exports.
#[allow(missing_docs)]
pub struct BundleLabels {
    pub bundle: &'static str,
    pub encrypted: &'static str,
    pub encrypted_need_key: &'static str,
    pub accepted: &'static str,
    pub refused: &'static str,
    pub revision_short: &'static str,
    /// An accepted sheet's audit log: `{pledged}`, `{no_conflict}`, `{recused}`,
    /// `{edits}`, `{opened}`.
    pub audit_summary: &'static str,
    /// An audit refusal's prefix: `{expert}`.
    pub written: &'static str,
    pub nothing_written: &'static str,
    pub chair: &'static str,
    pub organizer: &'static str,
    pub compare_fingerprints: &'static str,
    pub sheets: &'static str,
    pub expert: &'static str,
    pub revision: &'static str,
    pub signer: &'static str,
    pub verified: &'static str,
    pub no_draw: &'static str,
    pub draw: &'static str,
    pub announced: &'static str,
    pub sample: &'static str,
    pub opinions: &'static str,
    pub encrypted_to: &'static str,
}

const BUNDLE_ZH: BundleLabels = BundleLabels {
    bundle: "评审结果包",
    encrypted: "加密文件（评分表或评审结果包）",
    encrypted_need_key: "提供 --identity 可解密查看",
    accepted: "已接受",
    refused: "拒收",
    revision_short: "第{}版",
    audit_summary: "承诺于 {pledged}；声明无利益冲突 {no_conflict} 家、回避 {recused} 家；修改 {edits} 次；打开材料 {opened} 份",
    written: "已写出评审结果包",
    nothing_written: "未写出评审结果包：以上拒收的评分表须先处理（或不列入）。",
    chair: "评审组长",
    organizer: "主办单位",
    compare_fingerprints: "请线下核对指纹",
    sheets: "评分表",
    expert: "专家",
    revision: "版本",
    signer: "签名者",
    verified: "校验通过：所有签名与绑定均有效，汇总输入、汇总结果、抽签与评审意见均已按签名的评分表重新计算核对一致",
    no_draw: "本模板无抽签环节",
    draw: "实地考察抽签",
    announced: "公布值",
    sample: "抽中",
    opinions: "评审意见",
    encrypted_to: "加密给",
};

const BUNDLE_EN: BundleLabels = BundleLabels {
    bundle: "result bundle",
    encrypted: "encrypted file (a score sheet or a result bundle)",
    encrypted_need_key: "give --identity to decrypt and show it",
    accepted: "accepted",
    refused: "refused",
    revision_short: "revision {}",
    audit_summary: "pledged {pledged}; declared {no_conflict} no conflict, {recused} recused; {edits} edits; {opened} materials opened",
    written: "Wrote result bundle",
    nothing_written: "No result bundle written: deal with the refused sheets above (or leave them out).",
    chair: "Chair",
    organizer: "Organizer",
    compare_fingerprints: "compare the fingerprints out of band",
    sheets: "Sheets",
    expert: "Expert",
    revision: "Revision",
    signer: "Signed by",
    verified: "verified: every signature and binding holds; merge input, merge output, draw and opinions recomputed from the signed sheets and match",
    no_draw: "the template has no drawn stage",
    draw: "Site-visit draw",
    announced: "Announced value",
    sample: "Sample",
    opinions: "Opinions",
    encrypted_to: "Encrypted to",
};

/// The bundle labels in `lang`.
pub fn bundle_labels(lang: Lang) -> &'static BundleLabels {
    match lang {
        Lang::ZhCn => &BUNDLE_ZH,
        Lang::En => &BUNDLE_EN,
    }
}

/// Labels for `import` and `workspace list`.
#[allow(missing_docs)]
pub struct ExpertLabels {
    pub imported: &'static str,
    pub package_id: &'static str,
    pub round: &'static str,
    pub me: &'static str,
    pub organizer: &'static str,
    pub organizer_key: &'static str,
    pub pinned_now: &'static str,
    pub pinned_before: &'static str,
    pub supersedes: &'static str,
    pub carried: &'static str,
    pub dropped: &'static str,
    pub workspace: &'static str,
    pub packages: &'static str,
    pub person: &'static str,
    pub imported_at: &'static str,
    pub status: &'static str,
    pub current: &'static str,
    pub superseded_by: &'static str,
    pub sheets: &'static str,
    pub pins: &'static str,
    pub fingerprint: &'static str,
    pub pinned_at: &'static str,
    pub empty: &'static str,
    pub no_pins: &'static str,
}

const EXPERT_ZH: ExpertLabels = ExpertLabels {
    imported: "已导入评审包",
    package_id: "评审包编号",
    round: "评审批次",
    me: "本人",
    organizer: "主办单位",
    organizer_key: "主办单位密钥指纹",
    pinned_now: "本次已确认并固定：今后该主办单位的评审包必须由此密钥签名",
    pinned_before: "与此前固定的密钥一致",
    supersedes: "替代较早的评审包",
    carried: "沿用的记录",
    dropped: "未能沿用（新评审包不再允许；原记录仍保留在较早的评审包中）",
    workspace: "工作区",
    packages: "评审包",
    person: "本人编号",
    imported_at: "导入时间",
    status: "状态",
    current: "当前",
    superseded_by: "已被替代：",
    sheets: "已签评分表（最新版本）",
    pins: "已固定的主办单位密钥",
    fingerprint: "指纹",
    pinned_at: "固定时间",
    empty: "工作区中还没有评审包。用 reviewdesk import 评审包 --as 姓名 导入。",
    no_pins: "尚未固定任何主办单位密钥。",
};

const EXPERT_EN: ExpertLabels = ExpertLabels {
    imported: "Imported package",
    package_id: "Package",
    round: "Round",
    me: "You",
    organizer: "Organizer",
    organizer_key: "Organizer key",
    pinned_now:
        "confirmed and pinned now: this organizer's packages must be signed by this key from now on",
    pinned_before: "matches the key pinned earlier",
    supersedes: "Supersedes the earlier package",
    carried: "Entries carried over",
    dropped:
        "Not carried over (the new package no longer allows them; the earlier package keeps them)",
    workspace: "Workspace",
    packages: "Packages",
    person: "As",
    imported_at: "Imported",
    status: "Status",
    current: "current",
    superseded_by: "superseded by ",
    sheets: "Signed sheets (latest revision)",
    pins: "Pinned organizer keys",
    fingerprint: "Fingerprint",
    pinned_at: "Pinned",
    empty: "No packages in the workspace yet. Import one with reviewdesk import PKG --as NAME.",
    no_pins: "No organizer key pinned yet.",
};

/// The expert desk labels in `lang`.
pub fn expert_labels(lang: Lang) -> &'static ExpertLabels {
    match lang {
        Lang::ZhCn => &EXPERT_ZH,
        Lang::En => &EXPERT_EN,
    }
}

/// What an import was asked to do, for the messages that say how to retry.
pub struct ImportContext<'a> {
    /// The package as the user named it, ready for a shell.
    pub package: &'a str,
    /// The `--as` name, as given.
    pub name: &'a str,
    /// The `--as` name, ready for a shell.
    pub name_arg: &'a str,
    /// The identity's fingerprint.
    pub fingerprint: &'a str,
}

/// Says what happened and what to do when `import` refuses a package, in `lang`;
/// `None` for errors whose own message says it (a bad signature, an unreadable
/// file, …).
pub fn explain_import_error(
    e: &reviewdesk_desk::DeskError,
    cx: &ImportContext<'_>,
    lang: Lang,
) -> Option<String> {
    use reviewdesk_desk::DeskError as D;
    use reviewdesk_formats::FormatError as F;
    let zh = lang == Lang::ZhCn;
    let (pkg, name, me) = (cx.package, cx.name, cx.fingerprint);
    let name_arg = cx.name_arg;
    Some(match e {
        D::OrganizerNotPinned {
            organizer,
            fingerprint,
        } => {
            if zh {
                format!(
                    "这是第一次导入来自「{organizer}」的评审包，其签名密钥尚未固定。\n\
                     \x20 评审包签名者指纹：{fingerprint}\n\
                     请通过电话或当面与主办单位核对这一指纹（不要只看随评审包一同发来的指纹）。\
                     一致后运行：\n\
                     \x20 reviewdesk import {pkg} --as {name_arg} --trust {fingerprint}\n\
                     未导入任何内容。"
                )
            } else {
                format!(
                    "This is the first package from {organizer}: its signing key is not pinned yet.\n\
                     \x20 The package is signed by: {fingerprint}\n\
                     Compare this fingerprint with the organizer by phone or in person (not only \
                     with one sent along with the package). If it matches, run:\n\
                     \x20 reviewdesk import {pkg} --as {name_arg} --trust {fingerprint}\n\
                     Nothing was imported."
                )
            }
        }
        D::OrganizerChanged {
            organizer,
            pinned,
            presented,
        } => {
            if zh {
                format!(
                    "此评审包的签名密钥与此前为「{organizer}」固定的密钥不同，已拒绝导入。\n\
                     \x20 此前固定的指纹：{pinned}\n\
                     \x20 本评审包签名者：{presented}\n\
                     评审包可能是伪造的，也可能是主办单位更换了密钥。请通过电话或当面向主办单位核实新指纹；\
                     确认无误后运行：\n\
                     \x20 reviewdesk import {pkg} --as {name_arg} --trust {presented}\n\
                     未导入任何内容。"
                )
            } else {
                format!(
                    "This package is signed by another key than the one pinned for {organizer}: refused.\n\
                     \x20 Pinned earlier:       {pinned}\n\
                     \x20 This package's signer: {presented}\n\
                     The package may be forged, or the organizer changed keys. Confirm the new \
                     fingerprint with the organizer by phone or in person; if it is theirs, run:\n\
                     \x20 reviewdesk import {pkg} --as {name_arg} --trust {presented}\n\
                     Nothing was imported."
                )
            }
        }
        D::TrustMismatch { confirmed, signer } => {
            if zh {
                format!(
                    "您用 --trust 确认的指纹与评审包的签名者不一致，已拒绝导入。\n\
                     \x20 --trust：{confirmed}\n\
                     \x20 签名者：{signer}\n\
                     请检查 --trust 是否抄写正确；若无误，此评审包不是由您核对过的主办单位密钥签发的，\
                     请勿使用，并联系主办单位。未导入任何内容。"
                )
            } else {
                format!(
                    "The fingerprint you confirmed with --trust is not the package's signer: refused.\n\
                     \x20 --trust: {confirmed}\n\
                     \x20 Signer:  {signer}\n\
                     Check that --trust was copied correctly; if it was, this package was not signed \
                     by the organizer key you compared: do not use it, and contact the organizer. \
                     Nothing was imported."
                )
            }
        }
        D::Expired { deadline } => {
            if zh {
                format!(
                    "本批次的评审截止日期 {deadline}（北京时间）已过，不能再导入此评审包。\
                     如需继续评审，请向主办单位索取新的评审包。"
                )
            } else {
                format!(
                    "The round's deadline, {deadline} (China Standard Time), has passed: this \
                     package can no longer be imported. Ask the organizer for a new package if \
                     the review goes on."
                )
            }
        }
        D::StalePackage {
            round,
            offered,
            held,
        } => {
            if zh {
                format!(
                    "此评审包是批次 {round} 的第 {offered} 版，而工作区中已有第 {held} 版：\
                     旧版或同版的评审包不能替换新版，已拒绝导入。请向主办单位索取最新版本的评审包。\
                     未导入任何内容。"
                )
            } else {
                format!(
                    "This package is revision {offered} of round {round}, but revision {held} is \
                     already in your workspace: an older or equal revision never replaces a newer \
                     one, so it was refused. Ask the organizer for the newest package. Nothing \
                     was imported."
                )
            }
        }
        D::Workspace(reviewdesk_workspace::WorkspaceError::AlreadyImported(id)) => {
            if zh {
                format!(
                    "评审包 {id} 已在您的工作区中，无需再次导入（reviewdesk workspace list 可查看）。\
                     如主办单位发来了更新，请导入新的评审包。"
                )
            } else {
                format!(
                    "Package {id} is already in your workspace; there is nothing to import again \
                     (see reviewdesk workspace list). If the organizer sent an update, import \
                     the new package."
                )
            }
        }
        D::Format {
            source: F::NotARecipient { .. },
            ..
        } => {
            if zh {
                format!(
                    "此评审包不是发给身份「{name}」（{me}）的，无法解密。请确认 --as 指定的是您本人在\
                     评审组中的身份（reviewdesk key list）；如无误，请把您的密钥卡\
                     （reviewdesk key card）发给主办单位核对。未导入任何内容。"
                )
            } else {
                format!(
                    "This package is not encrypted to the identity {name} ({me}): it cannot be \
                     opened. Check that --as names your own identity on this panel (reviewdesk \
                     key list); if it does, send your key card (reviewdesk key card) to the \
                     organizer to check. Nothing was imported."
                )
            }
        }
        D::NotAnExpert { .. } => {
            if zh {
                format!(
                    "身份「{name}」（{me}）不是此评审包中的评审专家，只有专家导入评审包进行评审。\
                     请确认 --as 指定的是您的专家身份。未导入任何内容。"
                )
            } else {
                format!(
                    "The identity {name} ({me}) is not an expert of this package; only experts \
                     import a package to review it. Check that --as names your expert identity. \
                     Nothing was imported."
                )
            }
        }
        D::Format {
            part,
            source: F::HashMismatch { what, .. },
        } => {
            if zh {
                format!(
                    "评审包已损坏或被篡改：{part} 的 {what} 与主办单位签名的清单不符。\
                     未导入任何内容。请勿使用此文件，向主办单位重新索取评审包。"
                )
            } else {
                format!(
                    "The package is damaged or was tampered with: the {what} of {part} does not \
                     match the organizer's signed manifest. Nothing was imported. Do not use this \
                     file; ask the organizer to send the package again."
                )
            }
        }
        _ => return None,
    })
}

/// What `merge` says when the package's organizer key is neither given nor pinned,
/// or differs from the pin.
pub struct MergePin<'a> {
    /// The package as the user named it.
    pub package: &'a str,
    /// The organizer's name (the round's `program.organizer`).
    pub organizer: &'a str,
    /// The package's signer.
    pub signer: &'a str,
    /// The key pinned for the organizer in the workspace, if any.
    pub pinned: Option<&'a str>,
}

/// `merge`'s refusal without `--organizer`: no pin (compare the signer, then pass
/// it), or a pin that is not the signer (both fingerprints). Nothing is written.
pub fn merge_pin_refusal(cx: &MergePin<'_>, lang: Lang) -> String {
    let (pkg, org, signer) = (cx.package, cx.organizer, cx.signer);
    match (cx.pinned, lang) {
        (None, Lang::ZhCn) => format!(
            "未核对主办单位密钥，未合并：工作区中没有为「{org}」固定的密钥，命令也没有给出 --organizer。\n\
             \x20 评审包 {pkg} 的签名者指纹：{signer}\n\
             请通过电话或当面与主办单位核对这一指纹；一致后在 merge 命令中加上：\n\
             \x20 --organizer {signer}\n\
             未写入任何内容。"
        ),
        (None, Lang::En) => format!(
            "The organizer's key was not checked, so nothing was merged: your workspace pins \
             no key for {org}, and --organizer was not given.\n\
             \x20 The package {pkg} is signed by: {signer}\n\
             Compare this fingerprint with the organizer by phone or in person; if it matches, \
             add to the merge command:\n\
             \x20 --organizer {signer}\n\
             Nothing was written."
        ),
        (Some(pinned), Lang::ZhCn) => format!(
            "评审包的签名密钥与工作区中为「{org}」固定的密钥不同，未合并。\n\
             \x20 此前固定的指纹：{pinned}\n\
             \x20 评审包 {pkg} 的签名者：{signer}\n\
             评审包可能是伪造的，也可能是主办单位更换了密钥。请通过电话或当面向主办单位核实；\
             确认新指纹无误后，在 merge 命令中加上 --organizer {signer}。未写入任何内容。"
        ),
        (Some(pinned), Lang::En) => format!(
            "The package is signed by another key than the one your workspace pins for {org}, \
             so nothing was merged.\n\
             \x20 Pinned earlier:        {pinned}\n\
             \x20 The package {pkg} is signed by: {signer}\n\
             The package may be forged, or the organizer changed keys. Confirm with the \
             organizer by phone or in person; if the new fingerprint is theirs, add \
             --organizer {signer} to the merge command. Nothing was written."
        ),
    }
}

/// Labels for `demo --out`.
#[allow(missing_docs)]
pub struct DemoLabels {
    pub title: &'static str,
    pub demo_keys: &'static str,
    pub files: &'static str,
    pub file: &'static str,
    pub what: &'static str,
    pub bytes: &'static str,
    pub folder: &'static str,
    pub what_readme: &'static str,
    pub what_age: &'static str,
    pub what_allowed_signers: &'static str,
    pub what_whole: &'static str,
    pub what_per_expert: &'static str,
    pub what_workspace: &'static str,
    pub what_sheet: &'static str,
    pub what_material: &'static str,
    pub what_sheet_payload: &'static str,
    pub what_sheet_sig: &'static str,
    pub sheets: &'static str,
    pub expert: &'static str,
    pub name: &'static str,
    pub sheet: &'static str,
    pub revision: &'static str,
    pub declared: &'static str,
    pub recused: &'static str,
    pub scores: &'static str,
    pub verdicts: &'static str,
    pub material_bytes: &'static str,
    pub no_sample: &'static str,
    pub what_round_with_sample: &'static str,
    pub what_bundle: &'static str,
    pub what_report: &'static str,
    pub what_opinions: &'static str,
    pub what_notice: &'static str,
    pub what_final: &'static str,
    pub what_register: &'static str,
    pub what_evidence: &'static str,
    pub what_archive: &'static str,
    pub c_publication: &'static str,
    pub publication: &'static str,
    pub draw_heading: &'static str,
    pub announced: &'static str,
    pub sample: &'static str,
    pub reseal_note: &'static str,
    pub results: &'static str,
    pub c_verify_bundle: &'static str,
    pub try_it: &'static str,
    pub c_verify_package: &'static str,
    pub c_verify_sheets: &'static str,
    pub c_age: &'static str,
    pub c_ssh: &'static str,
    pub what_authored: &'static str,
}

const DEMO_ZH: DemoLabels = DemoLabels {
    title: "演示：评审批次全流程（主办单位由表格与文件夹建立批次并封装 → 专家导入、承诺、声明、阅读材料、打分、签名 → 组长抽签 → 实地考察 → 组长汇总、签署结果包）",
    demo_keys: "使用演示密钥：公开、一次性，仅供演示，切勿用于真实评审。",
    files: "写出的文件",
    file: "文件",
    what: "内容",
    bytes: "字节",
    folder: "（文件夹）",
    what_readme: "演示密钥说明",
    what_age: "age 身份（演示）",
    what_allowed_signers: "allowed_signers（由已验证的密钥卡生成）",
    what_whole: "整轮评审包（主办单位签名；每份材料只加密给主办单位与分配且未回避的专家）",
    what_per_expert: "专家评审包",
    what_workspace: "专家工作区（SQLite，导入的评审包与审计日志）",
    what_sheet: "评分表（专家签名，加密给组长、主办单位与专家本人）",
    what_material: "材料密文（age）",
    what_sheet_payload: "评分表签名原文",
    what_sheet_sig: "评分表签名（SSH）",
    sheets: "评分表",
    expert: "专家",
    name: "姓名",
    sheet: "评分表文件",
    revision: "版本",
    declared: "已声明",
    recused: "回避",
    scores: "评分项",
    verdicts: "通过/不通过",
    material_bytes: "内存中阅读的材料（字节）",
    no_sample: "本批次尚无抽签结果，评分表暂不含此环节的结论。",
    what_round_with_sample: "写入抽签结果后的批次文件夹（round.toml 增加 [[sample]]）",
    what_bundle: "结果包（组长签名，加密给主办单位与组长）",
    what_report: "结果报表（由核验并重算后的结果包生成）",
    what_opinions: "评审意见（JSON，组长汇总时写入结果包）",
    what_notice: "公示名单（主办单位分离签名 .sig）",
    what_final: "正式公布名单（主办单位分离签名 .sig）",
    what_register: "公示与异议登记簿（哈希链）",
    what_evidence: "异议佐证材料（演示）",
    what_archive: "归档文件（主办单位签名：结果包、公示、异议、更正、正式名单）",
    c_publication: "# 公示与正式名单：用 ssh-keygen 核对主办单位的分离签名；归档文件：核对签名与哈希，并按其内容重算正式名单",
    publication: "公示与正式公布（演示日期）：公示、两件异议（一件逾期不予受理，一件成立并更正结果）、重新公示、正式名单与归档",
    draw_heading: "实地考察抽签（书面审查与答辩评分完成后）",
    announced: "公布的抽签值",
    sample: "抽中名单",
    reseal_note: "主办单位将抽中名单写入批次并重新封装；专家导入新评审包（原有评分自动带入），对抽中单位给出实地考察结论，签署第 2 版评分表。",
    results: "汇总结果",
    c_verify_bundle: "# 结果包：组长签名、每份评分表与评审包的绑定，并按规则重新计算、逐项比对",
    try_it: "自行核对这些输出：",
    c_verify_package: "# 整轮评审包：主办单位签名、每个条目的哈希，并以组长身份解密核对（材料只封装给主办单位和分配且未回避的专家，组长仅核对其哈希）",
    c_verify_sheets: "# 每份评分表：对照该专家的评审包，以组长身份解密并核对签名与审计链",
    c_age: "# 用 age 解密一份材料，并与原文件比对",
    c_ssh: "# 用 ssh-keygen 核对专家在评分表上的签名（allowed_signers 由密钥卡生成）",
    what_authored: "主办单位建立的批次文件夹（round.toml、materials/、cards/）",
};

const DEMO_EN: DemoLabels = DemoLabels {
    title: "Demo: the round end to end (organizer authors the round from spreadsheets and a folder, and seals → experts import, pledge, declare, read, score, sign → chair draws → site visit → chair merges and signs the result bundle)",
    demo_keys: "Using the DEMO keys: public and throwaway, for the demo only — never for a real round.",
    files: "Files written",
    file: "File",
    what: "What",
    bytes: "Bytes",
    folder: "(folder)",
    what_readme: "about the DEMO keys",
    what_age: "age identity (DEMO)",
    what_allowed_signers: "allowed_signers (from the verified key cards)",
    what_whole: "whole-round package (signed by the organizer; each material encrypted to the organizer and its assigned, unrecused experts only)",
    what_per_expert: "package of expert",
    what_workspace: "expert's workspace (SQLite: imported package, audit log)",
    what_sheet: "score sheet (signed by the expert, encrypted to chair, organizer and expert)",
    what_material: "material ciphertext (age)",
    what_sheet_payload: "signed sheet text of",
    what_sheet_sig: "sheet signature (SSH) of",
    sheets: "Score sheets",
    expert: "Expert",
    name: "Name",
    sheet: "Sheet file",
    revision: "Revision",
    declared: "Declared",
    recused: "Recused",
    scores: "Scores",
    verdicts: "Verdicts",
    material_bytes: "Materials read in memory (bytes)",
    no_sample: "no draw in this round yet, so the sheets hold no verdicts for this stage.",
    what_round_with_sample: "the round folder with the draw written in (round.toml gains [[sample]])",
    what_bundle: "result bundle (signed by the chair, encrypted to the organizer and the chair)",
    what_report: "result report (made from the bundle once verified and recomputed)",
    what_opinions: "panel opinions (JSON, put into the bundle by the chair's merge)",
    what_notice: "public notice (the organizer's detached signatures, .sig)",
    what_final: "final list (the organizer's detached signatures, .sig)",
    what_register: "notice and objection register (hash-chained)",
    what_evidence: "objection evidence (demo)",
    what_archive: "archive signed by the organizer: bundle, notices, objections, amendments, final list",
    c_publication: "# Notice and final list: the organizer's detached signatures with ssh-keygen; the archive: signature, hashes and the final list recomputed from its contents",
    publication: "Publication (demo dates): a notice, two objections (one late and refused, one upheld that amends the result), a new notice, the final list and the archive",
    draw_heading: "Site-visit draw (after the written review and the defense are scored)",
    announced: "Announced value",
    sample: "Drawn",
    reseal_note: "The organizer writes the sample into the round and seals it again; each expert imports the newer package (their work carries over), gives the site-visit verdicts of the drawn applicants and signs revision 2.",
    results: "Results",
    c_verify_bundle: "# The result bundle: the chair's signature, every sheet's binding, and the results recomputed by the rules and compared entry by entry",
    try_it: "Check these outputs yourself:",
    c_verify_package: "# The whole package: the organizer's signature, every entry's hash, decrypted and checked as the chair (materials are sealed to the organizer and their assigned, unrecused experts only: the chair checks their hashes)",
    c_verify_sheets: "# Each sheet against its expert's package, decrypted as the chair: signature and audit chain",
    c_age: "# Decrypt one material with age and compare it with the original",
    c_ssh: "# Check each expert's signature on their sheet with ssh-keygen (allowed_signers from the key cards)",
    what_authored: "the round folder the organizer authored (round.toml, materials/, cards/)",
};

/// One step of the demo organizer's authoring (`demo --out`), as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthorStep {
    /// `create_round`.
    NewRound {
        /// The round folder.
        dir: String,
        /// The template id.
        template: String,
        /// The application deadline.
        deadline: String,
    },
    /// `import_applicants`.
    Applicants {
        /// The spreadsheet.
        file: String,
        /// The sheet read.
        sheet: String,
        /// The header row (from 1).
        header_row: usize,
        /// Ids added.
        added: Vec<String>,
    },
    /// `import_materials`: `(material, applicant, kind label, file)` each.
    Materials {
        /// The folder.
        folder: String,
        /// The materials taken.
        taken: Vec<(String, String, &'static str, String)>,
    },
    /// `import_panel`.
    Panel {
        /// The expert list.
        file: String,
        /// `id name` of the chair.
        chair: String,
        /// `id name` of each expert.
        experts: Vec<String>,
        /// Key cards copied into `cards/` (the organizer's included).
        cards: usize,
    },
    /// `record_eligibility` for every applicant.
    Eligibility {
        /// How many applicants.
        applicants: usize,
        /// Who checked.
        by: String,
        /// When.
        on: String,
    },
    /// `add_round_recusal`, then `rule_round_recusal` upheld.
    Recusal {
        /// The applicant.
        applicant: String,
        /// `id name` of the expert.
        expert: String,
        /// The ruling's reason.
        reason: String,
        /// Who ruled.
        by: String,
        /// When.
        on: String,
    },
    /// `assign_round`: `(expert, applicants)` loads.
    Assign {
        /// Experts per applicant.
        per_applicant: u32,
        /// The recorded seed.
        seed: u64,
        /// The pairs made.
        pairs: usize,
        /// Each expert's number of applicants.
        loads: Vec<(String, usize)>,
    },
    /// `sealing_blockers` found none.
    Sealable,
}

/// The heading of the demo organizer's authoring.
pub fn author_heading(dir: &str, lang: Lang) -> String {
    match lang {
        Lang::ZhCn => format!(
            "主办单位建立评审批次 {dir}（与 reviewdesk round … 及桌面端主办单位工作台相同的服务；不使用手写的 round.toml）："
        ),
        Lang::En => format!(
            "The organizer authors the round {dir} (the services behind reviewdesk round … and the desktop's organizer desk; no hand-written round.toml):"
        ),
    }
}

/// One authoring step, in `lang` (one or more lines, each indented).
pub fn author_step(step: &AuthorStep, lang: Lang) -> String {
    let zh = lang == Lang::ZhCn;
    let list = |v: &[String]| v.join(if zh { "、" } else { ", " });
    match step {
        AuthorStep::NewRound {
            dir,
            template,
            deadline,
        } => {
            if zh {
                format!("  1. 新建批次 {dir}：模板 {template}，申报截止日 {deadline}")
            } else {
                format!(
                    "  1. New round {dir}: template {template}, application deadline {deadline}"
                )
            }
        }
        AuthorStep::Applicants {
            file,
            sheet,
            header_row,
            added,
        } => {
            if zh {
                format!(
                    "  2. 申报单位：{file}（工作表“{sheet}”，表头在第{header_row}行），新增{}家（{}）",
                    added.len(),
                    list(added)
                )
            } else {
                format!(
                    "  2. Applicants: {file} (sheet \"{sheet}\", header row {header_row}), {} added ({})",
                    added.len(),
                    list(added)
                )
            }
        }
        AuthorStep::Materials { folder, taken } => {
            let mut text = if zh {
                format!("  3. 申报材料：{folder}，{}份", taken.len())
            } else {
                format!("  3. Materials: {folder}, {} taken", taken.len())
            };
            for (id, applicant, kind, file) in taken {
                text.push_str(&format!("\n       {id}  {applicant}  {kind}  {file}"));
            }
            text
        }
        AuthorStep::Panel {
            file,
            chair,
            experts,
            cards,
        } => {
            if zh {
                format!(
                    "  4. 评审组：{file} 与密钥卡{cards}张（含主办单位）——组长 {chair}；专家 {}",
                    list(experts)
                )
            } else {
                format!(
                    "  4. Panel: {file} with {cards} key cards (the organizer's included) — chair {chair}; experts {}",
                    list(experts)
                )
            }
        }
        AuthorStep::Eligibility { applicants, by, on } => {
            if zh {
                format!("  5. 形式审查：{applicants}家全部符合条件（{by}，{on}）")
            } else {
                format!("  5. Eligibility: all {applicants} applicants meet every condition ({by}, {on})")
            }
        }
        AuthorStep::Recusal {
            applicant,
            expert,
            reason,
            by,
            on,
        } => {
            if zh {
                format!("  6. 回避申请：{applicant} 申请 {expert} 回避——予以回避（{by}，{on}）：{reason}")
            } else {
                format!("  6. Recusal request: {applicant} asks {expert} to recuse — upheld ({by}, {on}): {reason}")
            }
        }
        AuthorStep::Assign {
            per_applicant,
            seed,
            pairs,
            loads,
        } => {
            let loads: Vec<String> = loads.iter().map(|(e, n)| format!("{e} {n}")).collect();
            if zh {
                format!(
                    "  7. 自动分配：每家{per_applicant}名专家，不含有利益冲突或回避的专家，种子 {seed}（已记录），共{pairs}项；每名专家的单位数：{}",
                    list(&loads)
                )
            } else {
                format!(
                    "  7. Assignment: {per_applicant} experts per applicant, none conflicted or recused, seed {seed} (recorded), {pairs} pairs; applicants per expert: {}",
                    list(&loads)
                )
            }
        }
        AuthorStep::Sealable => {
            if zh {
                "  8. 封装前检查：无阻碍，可以封装".to_owned()
            } else {
                "  8. Check before sealing: nothing blocks it".to_owned()
            }
        }
    }
}

/// The refusal when the authored demo round cannot be sealed.
pub fn author_blocked(blockers: &[String], lang: Lang) -> String {
    match lang {
        Lang::ZhCn => format!("演示批次无法封装：{}", blockers.join("；")),
        Lang::En => format!("the demo round cannot be sealed: {}", blockers.join("; ")),
    }
}

/// The refusal when the demo's recusal request names someone its input files lack.
pub fn author_missing(file: &str, who: &str, lang: Lang) -> String {
    match lang {
        Lang::ZhCn => format!("演示输入 {file} 中没有 {who}，无法录入演示的回避申请"),
        Lang::En => format!(
            "the demo's input {file} has no {who}: the demo's recusal request cannot be entered"
        ),
    }
}

/// The refusal when one of the demo's input files has errors.
pub fn author_input_refused(file: &str, problems: &[String], lang: Lang) -> String {
    match lang {
        Lang::ZhCn => format!(
            "演示输入 {file} 有错误，未能建立批次：{}",
            problems.join("；")
        ),
        Lang::En => format!(
            "the demo's input {file} has errors, the round was not authored: {}",
            problems.join("; ")
        ),
    }
}

/// The demo labels in `lang`.
pub fn demo_labels(lang: Lang) -> &'static DemoLabels {
    match lang {
        Lang::ZhCn => &DEMO_ZH,
        Lang::En => &DEMO_EN,
    }
}

/// Labels for `draw verify`.
#[allow(missing_docs)]
pub struct DrawLabels {
    pub matches: &'static str,
    pub differs: &'static str,
    pub no_draw: &'static str,
    pub stage: &'static str,
    pub round: &'static str,
    pub written_result_hash: &'static str,
    pub announced: &'static str,
    pub seed: &'static str,
    pub candidates: &'static str,
    pub k: &'static str,
    pub sample: &'static str,
    pub recorded: &'static str,
    pub recomputed: &'static str,
    pub how: &'static str,
}

const DRAW_ZH: DrawLabels = DrawLabels {
    matches: "抽签结果一致：按评审结果包中已签名的内容重新计算，种子、候选名单与抽中名单均相同。",
    differs: "抽签结果不一致：评审结果包记录的抽签与重新计算的结果不同。",
    no_draw: "本评审模板不抽签，评审结果包中没有抽签记录。",
    stage: "抽查环节",
    round: "评审批次",
    written_result_hash: "书面评审结果哈希",
    announced: "公布的抽签值",
    seed: "种子",
    candidates: "候选单位",
    k: "抽取数量",
    sample: "抽中单位（按抽取顺序）",
    recorded: "结果包记录",
    recomputed: "重新计算",
    how: "计算方法",
};

const DRAW_EN: DrawLabels = DrawLabels {
    matches: "The draw matches: recomputed from the bundle's signed contents, the seed, candidates and sample are the same.",
    differs: "The draw does not match: what the bundle records differs from the recomputation.",
    no_draw: "This template samples no stage: the bundle records no draw.",
    stage: "Sampled stage",
    round: "Round",
    written_result_hash: "Written-stage result hash",
    announced: "Announced value",
    seed: "Seed",
    candidates: "Candidates",
    k: "Drawn",
    sample: "Sample (in draw order)",
    recorded: "Recorded",
    recomputed: "Recomputed",
    how: "How",
};

/// The `draw verify` labels in `lang`.
pub fn draw_labels(lang: Lang) -> &'static DrawLabels {
    match lang {
        Lang::ZhCn => &DRAW_ZH,
        Lang::En => &DRAW_EN,
    }
}

/// `round applicants`: a field's name in `lang`.
pub fn applicant_field(f: reviewdesk_core::Field, lang: Lang) -> &'static str {
    use reviewdesk_core::Field as F;
    match (f, lang) {
        (F::Name, Lang::ZhCn) => "单位名称",
        (F::Name, Lang::En) => "name",
        (F::CreditCode, Lang::ZhCn) => "统一社会信用代码",
        (F::CreditCode, Lang::En) => "credit code",
        (F::Region, Lang::ZhCn) => "所属地市",
        (F::Region, Lang::En) => "region",
        (F::RegionEn, Lang::ZhCn) => "所属地市（英文）",
        (F::RegionEn, Lang::En) => "region (English)",
        (F::Industry, Lang::ZhCn) => "所属行业",
        (F::Industry, Lang::En) => "industry",
        (F::IndustryEn, Lang::ZhCn) => "所属行业（英文）",
        (F::IndustryEn, Lang::En) => "industry (English)",
        (F::Categories, Lang::ZhCn) => "申报类别",
        (F::Categories, Lang::En) => "categories",
        (F::Contact, Lang::ZhCn) => "联系人（不保存）",
        (F::Contact, Lang::En) => "contact (not kept)",
    }
}

/// `round applicants`: one problem on one line — severity, sheet, row, column, what
/// is wrong and what to do.
pub fn applicant_problem(p: &reviewdesk_core::RowProblem, lang: Lang) -> String {
    use reviewdesk_core::credit_code::CreditCodeError as C;
    use reviewdesk_core::RowProblemKind as K;
    let zh = lang == Lang::ZhCn;
    let fields = |fs: &[reviewdesk_core::Field]| {
        fs.iter()
            .map(|f| applicant_field(*f, lang))
            .collect::<Vec<_>>()
            .join(if zh { "、" } else { ", " })
    };
    let what = match (&p.kind, zh) {
        (K::MissingColumns(fs), true) => format!("表头缺少这些列：{}", fields(fs)),
        (K::MissingColumns(fs), false) => format!("the header lacks these columns: {}", fields(fs)),
        (K::NoRows, true) => "表头下没有任何数据行".to_owned(),
        (K::NoRows, false) => "no data row under the header".to_owned(),
        (K::Empty(f), true) => format!("{}为空", applicant_field(*f, lang)),
        (K::Empty(f), false) => format!("the {} is empty", applicant_field(*f, lang)),
        (K::CreditCodeAsNumber(shown), true) => format!(
            "统一社会信用代码存成了数字（{shown}），后面的数字已丢失：请把该列设置为“文本”格式，重新填写代码"
        ),
        (K::CreditCodeAsNumber(shown), false) => format!(
            "the credit code is stored as a number ({shown}) and its digits are lost: format the column as Text and type the codes again"
        ),
        (K::BadCreditCode(C::Length(n)), true) => {
            format!("统一社会信用代码应为18位，这里是{n}位")
        }
        (K::BadCreditCode(C::Character { position, found }), true) => {
            format!("统一社会信用代码第{position}位“{found}”不是允许的字符")
        }
        (K::BadCreditCode(C::Division), true) => {
            "统一社会信用代码第3–8位应为行政区划代码（数字）".to_owned()
        }
        (K::BadCreditCode(e), true) => format!("统一社会信用代码无效：{e}"),
        (K::BadCreditCode(e), false) => format!("not a credit code: {e}"),
        (K::CheckCharacter { found, expected }, true) => format!(
            "统一社会信用代码的校验位是“{found}”，按 GB 32100 应为“{expected}”；早期发放的代码可能如此，请核对（仍导入）"
        ),
        (K::CheckCharacter { found, expected }, false) => format!(
            "the credit code's check character is '{found}', GB 32100 calls for '{expected}'; some early codes are so: please check (imported anyway)"
        ),
        (K::DuplicateCreditCode { first_row }, true) => {
            format!("统一社会信用代码与第{first_row}行重复")
        }
        (K::DuplicateCreditCode { first_row }, false) => {
            format!("the same credit code as row {first_row}")
        }
        (K::UnknownCategory(c), true) => {
            format!("申报类别“{c}”不是本批次模板中的类别（填写类别编号或名称）")
        }
        (K::UnknownCategory(c), false) => format!(
            "category \"{c}\" is not one of the template's (give a category id or name)"
        ),
        (K::TooManyCategories { found, max }, true) => {
            format!("申报了{found}个类别，模板至多允许{max}个")
        }
        (K::TooManyCategories { found, max }, false) => {
            format!("{found} categories; the template allows at most {max}")
        }
        (K::TooManyIndustries { found, max }, true) => {
            format!("填写了{found}个行业，模板至多允许{max}个（或填“全行业”）")
        }
        (K::TooManyIndustries { found, max }, false) => {
            format!("{found} industries; the template allows at most {max} (or 全行业)")
        }
        (K::AllIndustriesWithOthers, true) => "“全行业”须单独填写，不与具体行业并列".to_owned(),
        (K::AllIndustriesWithOthers, false) => {
            "全行业 (all industries) stands alone, not beside particular industries".to_owned()
        }
    };
    let column = p.column.map(reviewdesk_core::column_letter);
    match (zh, p.is_warning(), column) {
        (true, w, Some(c)) => format!(
            "{} 工作表“{}” 第{}行 {c}列：{what}",
            if w { "[警告]" } else { "[错误]" },
            p.sheet,
            p.row
        ),
        (true, w, None) => format!(
            "{} 工作表“{}” 第{}行：{what}",
            if w { "[警告]" } else { "[错误]" },
            p.sheet,
            p.row
        ),
        (false, w, Some(c)) => format!(
            "{} sheet \"{}\", row {}, column {c}: {what}",
            if w { "[warning]" } else { "[error]" },
            p.sheet,
            p.row
        ),
        (false, w, None) => format!(
            "{} sheet \"{}\", row {}: {what}",
            if w { "[warning]" } else { "[error]" },
            p.sheet,
            p.row
        ),
    }
}

/// A material kind's name (`round materials`, `round check`).
pub fn material_kind(k: reviewdesk_core::MaterialKind, lang: Lang) -> &'static str {
    use reviewdesk_core::MaterialKind as K;
    let (zh, en) = match k {
        K::ApplicationForm => ("申报书", "application form"),
        K::BusinessLicense => ("营业执照", "business license"),
        K::CaseStudy => ("应用案例", "case study"),
        K::TestReport => ("检测报告", "test report"),
        K::IpCertificate => ("知识产权证书", "IP certificate"),
        K::AuditReport => ("审计报告", "audit report"),
        K::UserFeedback => ("用户评价", "user feedback"),
        K::Photo => ("现场照片", "photo"),
        K::Other => ("其他", "other"),
    };
    if lang == Lang::ZhCn {
        zh
    } else {
        en
    }
}

/// One file `round materials` did not take, on its own line.
pub fn material_problem(p: &reviewdesk_core::FileProblem, lang: Lang) -> String {
    use reviewdesk_core::FileProblemKind as K;
    let zh = lang == Lang::ZhCn;
    let what = match (&p.kind, zh) {
        (K::NotPdfOrImage, true) => {
            "不是 PDF 或图片（PNG、JPEG），拒收：请转换为 PDF 后再导入".to_owned()
        }
        (K::NotPdfOrImage, false) => {
            "not a PDF or an image (PNG, JPEG), refused: convert it to PDF and import again"
                .to_owned()
        }
        (K::TooLarge, true) => "文件过大，拒收".to_owned(),
        (K::TooLarge, false) => "too large, refused".to_owned(),
        (K::Unmatched, true) => {
            "未匹配到任何申报单位（按子文件夹或文件名中的统一社会信用代码、单位名称），未导入"
                .to_owned()
        }
        (K::Unmatched, false) => {
            "matches no applicant (by subfolder, or credit code or name in the file name), left out"
                .to_owned()
        }
        (K::DuplicateContent { kept }, true) => format!("与 {kept} 内容相同，只导入一次"),
        (K::DuplicateContent { kept }, false) => format!("same content as {kept}, imported once"),
        (K::NameClash { name }, true) => format!("与另一文件同名（{name}），请改名"),
        (K::NameClash { name }, false) => {
            format!("another file would have the same name ({name}): rename one")
        }
    };
    let level = match (p.is_warning(), zh) {
        (true, true) => "警告",
        (true, false) => "warning",
        (false, true) => "错误",
        (false, false) => "error",
    };
    format!("{level}: {}: {what}", p.path)
}

/// One thing that blocks sealing, on its own line (`round check`).
pub fn blocker(b: &reviewdesk_core::Blocker, lang: Lang) -> String {
    use reviewdesk_core::{Blocker as B, MaterialFreshness as F};
    let zh = lang == Lang::ZhCn;
    match b {
        B::StaleMaterial {
            material,
            applicant,
            freshness,
        } => {
            let why = match (freshness, zh) {
                (F::Stale { issued, earliest, max_age_months }, true) => format!(
                    "出具于{issued}，早于申报截止日前{max_age_months}个月（{earliest}）"
                ),
                (F::Stale { issued, earliest, max_age_months }, false) => format!(
                    "issued {issued}, before {earliest} ({max_age_months} months before the application deadline)"
                ),
                (F::Undated { max_age_months }, true) => {
                    format!("没有出具日期，无法核对{max_age_months}个月的时效")
                }
                (F::Undated { max_age_months }, false) => {
                    format!("has no date of issue for the {max_age_months}-month freshness rule")
                }
                (F::NoDeadline { max_age_months }, true) => format!(
                    "批次没有申报截止日（program.application_deadline），无法核对{max_age_months}个月的时效"
                ),
                (F::NoDeadline { max_age_months }, false) => format!(
                    "the round has no application deadline (program.application_deadline) to check the {max_age_months}-month rule against"
                ),
                (_, _) => String::new(),
            };
            if zh {
                format!("材料过期：{material}（{applicant}）{why}；如仍采用，请用 reviewdesk round material-reason 记录理由")
            } else {
                format!("stale material: {material} ({applicant}) {why}; to accept it, record a reason with reviewdesk round material-reason")
            }
        }
        B::KindNotAllowed { material, kind } => {
            if zh {
                format!(
                    "材料类型不在模板允许之列：{material}（{}）",
                    material_kind(*kind, lang)
                )
            } else {
                format!(
                    "material kind not allowed by the template: {material} ({})",
                    material_kind(*kind, lang)
                )
            }
        }
        B::MissingRequired { applicant, kind } => {
            if zh {
                format!(
                    "缺少必备材料：{applicant} 没有{}",
                    material_kind(*kind, lang)
                )
            } else {
                format!(
                    "missing required material: {applicant} has no {}",
                    material_kind(*kind, lang)
                )
            }
        }
        B::PendingRecusal { applicant, expert } => {
            if zh {
                format!("回避申请待裁定：{applicant} 申请 {expert} 回避")
            } else {
                format!("recusal request not ruled on: {applicant} asks {expert} to recuse")
            }
        }
        B::NoPanel => {
            if zh {
                "还没有专家组：请用 reviewdesk round panel 导入专家名单与密钥卡".to_owned()
            } else {
                "no panel yet: import the expert list and key cards with reviewdesk round panel"
                    .to_owned()
            }
        }
        B::MissingCard { person } => {
            if zh {
                format!("缺少密钥卡：cards/{person}.card")
            } else {
                format!("missing key card: cards/{person}.card")
            }
        }
        B::EligibilityUnchecked { applicant, missing } => {
            if zh {
                format!(
                    "形式审查未完成：{applicant} 尚未记录 {}；请用 reviewdesk round eligibility 记录",
                    missing.join("、")
                )
            } else {
                format!(
                    "eligibility check not finished: {applicant} has no record for {}; record it with reviewdesk round eligibility",
                    missing.join(", ")
                )
            }
        }
        B::BelowQuorum {
            applicant,
            experts,
            quorum,
        } => {
            if zh {
                format!("评审专家不足：{applicant} 只有{experts}位专家，模板要求至少{quorum}位")
            } else {
                format!(
                    "too few experts: {applicant} has {experts}, the template's quorum is {quorum}"
                )
            }
        }
    }
}

/// Why an eligibility check was not recorded (`round eligibility`), naming the
/// file and the argument; nothing was written.
pub fn eligibility_refusal(
    e: &reviewdesk_core::EligibilityError,
    round_toml: &std::path::Path,
    lang: Lang,
) -> String {
    use reviewdesk_core::EligibilityError as E;
    let zh = lang == Lang::ZhCn;
    let what = match (e, zh) {
        (E::NoChecklist { template }, true) => {
            format!("模板 {template} 没有形式审查清单（[[eligibility]]），无需记录")
        }
        (E::NoChecklist { template }, false) => format!(
            "template {template} has no eligibility checklist ([[eligibility]]): there is nothing to record"
        ),
        (E::UnknownApplicant(id), true) => format!("--applicant {id}：批次中没有这个编号的申报单位"),
        (E::UnknownApplicant(id), false) => {
            format!("--applicant {id}: the round has no applicant with this id")
        }
        (E::UnknownItem { item, known }, true) => format!(
            "{item}：模板的形式审查清单中没有这一项（清单：{}）",
            known.join("、")
        ),
        (E::UnknownItem { item, known }, false) => format!(
            "{item}: the template's eligibility checklist has no such item (its items: {})",
            known.join(", ")
        ),
        (E::DuplicateItem(item), true) => format!("--met {item}：同一项给出了两次"),
        (E::DuplicateItem(item), false) => format!("--met {item}: the same item is given twice"),
        (E::NoteRequired(item), true) => {
            format!("--not-met {item}：不符合的条件必须用 --note 写明原因")
        }
        (E::NoteRequired(item), false) => {
            format!("--not-met {item}: an unmet condition needs its reason in --note")
        }
        (E::CheckerRequired, true) => "--by：审查人姓名不能为空".to_owned(),
        (E::CheckerRequired, false) => "--by: the checker's name must not be empty".to_owned(),
        (E::NothingToRecord, true) => "没有要记录的条件".to_owned(),
        (E::NothingToRecord, false) => "no condition to record".to_owned(),
    };
    if zh {
        format!("{}：{what}；未写入任何内容", round_toml.display())
    } else {
        format!("{}: {what}; nothing was written", round_toml.display())
    }
}

/// An applicant's eligibility as one line (`round eligibility`): passed, failed
/// with each condition not met and its reason, or what is not yet recorded.
pub fn eligibility_status(
    e: &reviewdesk_core::eligibility::ApplicantEligibility<'_>,
    template: &reviewdesk_core::Template,
    lang: Lang,
) -> String {
    use reviewdesk_core::EligibilityStatus as S;
    let zh = lang == Lang::ZhCn;
    let text = |id: &str| {
        template
            .eligibility
            .iter()
            .find(|i| i.id == id)
            .map_or(id.to_owned(), |i| i.text.get(lang).to_owned())
    };
    match (&e.status, zh) {
        (S::Passed, true) => "通过".to_owned(),
        (S::Passed, false) => "passed".to_owned(),
        (S::Failed { failed }, true) => {
            let why: Vec<String> = failed
                .iter()
                .map(|f| format!("{}（{}）不符合：{}", f.item, text(&f.item), f.note))
                .collect();
            format!("形式审查未通过 — {}", why.join("；"))
        }
        (S::Failed { failed }, false) => {
            let why: Vec<String> = failed
                .iter()
                .map(|f| format!("{} ({}) not met: {}", f.item, text(&f.item), f.note))
                .collect();
            format!("failed eligibility check — {}", why.join("; "))
        }
        (S::Unchecked { missing }, true) => format!("待审查（未记录：{}）", missing.join("、")),
        (S::Unchecked { missing }, false) => {
            format!("not yet checked (not recorded: {})", missing.join(", "))
        }
    }
}

/// `round panel`: an expert list field's name in `lang`.
pub fn expert_field(f: reviewdesk_core::ExpertField, lang: Lang) -> &'static str {
    use reviewdesk_core::ExpertField as F;
    let (zh, en) = match f {
        F::Name => ("姓名", "name"),
        F::Affiliation => ("工作单位", "employer"),
        F::AffiliationCreditCode => ("单位统一社会信用代码", "employer's credit code"),
        F::Kind => ("专家类别", "kind"),
        F::Field => ("专业领域", "field"),
        F::FieldEn => ("专业领域（英文）", "field (English)"),
        F::Role => ("角色", "role"),
        F::FormerEmployers => ("近三年曾任职单位", "former employers"),
        F::FormerUntil => ("离职日期", "date left"),
    };
    if lang == Lang::ZhCn {
        zh
    } else {
        en
    }
}

fn card_role(r: reviewdesk_core::CardRole, lang: Lang) -> &'static str {
    use reviewdesk_core::CardRole as R;
    match (r, lang) {
        (R::Chair, Lang::ZhCn) => "评审组长",
        (R::Expert, Lang::ZhCn) => "评审专家",
        (R::Organizer, Lang::ZhCn) => "主办单位",
        (R::Chair, Lang::En) => "chair",
        (R::Expert, Lang::En) => "expert",
        (R::Organizer, Lang::En) => "organizer",
    }
}

/// `round panel`: one problem on one line — severity, where (sheet, row, column;
/// a card's file; the round), what is wrong and what to do.
pub fn panel_problem(p: &reviewdesk_core::PanelProblem, lang: Lang) -> String {
    use reviewdesk_core::credit_code::CreditCodeError as C;
    use reviewdesk_core::{PanelProblemKind as K, ProblemPlace as P};
    let zh = lang == Lang::ZhCn;
    let sep = if zh { "、" } else { ", " };
    let rows = |r: &[usize]| {
        r.iter()
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join(sep)
    };
    let what = match (&p.kind, zh) {
        (K::MissingColumns { fields }, _) => {
            let f: Vec<&str> = fields.iter().map(|f| expert_field(*f, lang)).collect();
            if zh {
                format!("表头缺少这些列：{}", f.join(sep))
            } else {
                format!("the header lacks these columns: {}", f.join(sep))
            }
        }
        (K::NoRows, true) => "表头下没有任何数据行".to_owned(),
        (K::NoRows, false) => "no data row under the header".to_owned(),
        (K::Empty { field }, true) => format!("{}为空", expert_field(*field, lang)),
        (K::Empty { field }, false) => format!("the {} is empty", expert_field(*field, lang)),
        (K::UnknownKind { text }, true) => {
            format!("专家类别“{text}”不是 技术、行业 或 财务")
        }
        (K::UnknownKind { text }, false) => format!(
            "kind \"{text}\" is none of technical, industry, finance (技术, 行业, 财务)"
        ),
        (K::UnknownRole { text }, true) => {
            format!("角色“{text}”无法识别：组长填“组长”（或“是”），其他专家填“专家”（或“否”、留空）")
        }
        (K::UnknownRole { text }, false) => format!(
            "role \"{text}\" is not understood: write 组长/chair (or 是/yes) for the chair, 专家/expert (or 否/no, or nothing) for the others"
        ),
        (K::CreditCodeAsNumber { shown }, true) => format!(
            "单位统一社会信用代码存成了数字（{shown}），后面的数字已丢失：请把该列设置为“文本”格式，重新填写代码"
        ),
        (K::CreditCodeAsNumber { shown }, false) => format!(
            "the employer's credit code is stored as a number ({shown}) and its digits are lost: format the column as Text and type the codes again"
        ),
        (K::BadCreditCode { error: C::Length(n) }, true) => {
            format!("单位统一社会信用代码应为18位，这里是{n}位")
        }
        (K::BadCreditCode { error }, true) => format!("单位统一社会信用代码无效：{error}"),
        (K::BadCreditCode { error }, false) => format!("not a credit code: {error}"),
        (K::CheckCharacter { found, expected }, true) => format!(
            "单位统一社会信用代码的校验位是“{found}”，按 GB 32100 应为“{expected}”，请核对（仍导入）"
        ),
        (K::CheckCharacter { found, expected }, false) => format!(
            "the employer's credit code has check character '{found}', GB 32100 calls for '{expected}': please check (imported anyway)"
        ),
        (K::BadFormerEmployer { entry }, true) => format!(
            "曾任职单位“{entry}”应写成“单位名称 [统一社会信用代码] 离职日期”，如“某某大学 2024-06-30”，多个用“；”分隔"
        ),
        (K::BadFormerEmployer { entry }, false) => format!(
            "former employer \"{entry}\" should read \"NAME [CREDIT CODE] DATE LEFT\", e.g. \"某某大学 2024-06-30\", several separated by ；"
        ),
        (K::DuplicateExpert { first_row }, true) => {
            format!("姓名和工作单位与第{first_row}行相同")
        }
        (K::DuplicateExpert { first_row }, false) => {
            format!("the same name and employer as row {first_row}")
        }
        (K::TwoChairs { first_row }, true) => {
            format!("第{first_row}行已是组长，只能有一名组长")
        }
        (K::TwoChairs { first_row }, false) => {
            format!("row {first_row} is the chair already; a panel has one chair")
        }
        (K::NoChair, true) => "没有标为组长的行：请在“角色”列中把一名专家标为“组长”".to_owned(),
        (K::NoChair, false) => {
            "no row is marked as the chair: mark one expert 组长 (chair) in a 角色 (role) column"
                .to_owned()
        }
        (K::NoExperts, true) => "名单中只有组长，至少还需一名评审专家".to_owned(),
        (K::NoExperts, false) => "the list has only the chair; a panel needs at least one expert".to_owned(),
        (K::BadCard { reason }, true) => format!("密钥卡无法验证（{reason}），未采用"),
        (K::BadCard { reason }, false) => format!("the key card does not verify ({reason})"),
        (K::CardMatchesNoRow { name }, true) => {
            format!("密钥卡上的姓名“{name}”不在名单中")
        }
        (K::CardMatchesNoRow { name }, false) => {
            format!("the name on the key card, \"{name}\", is not on the list")
        }
        (K::AmbiguousCard { name, rows: r }, true) => {
            format!("名单中第{}行都叫“{name}”，无法确定密钥卡属于谁", rows(r))
        }
        (K::AmbiguousCard { name, rows: r }, false) => {
            format!("rows {} are all named \"{name}\": whose card it is cannot be told", rows(r))
        }
        (K::CardRole { row, expected, found }, true) => format!(
            "密钥卡的角色是{}，而名单第{row}行应为{}",
            card_role(*found, lang),
            card_role(*expected, lang)
        ),
        (K::CardRole { row, expected, found }, false) => format!(
            "the key card's role is {}, but row {row} of the list is the {}",
            card_role(*found, lang),
            card_role(*expected, lang)
        ),
        (K::TwoCardsForRow { row, first }, true) => {
            format!("名单第{row}行已有密钥卡 {first}")
        }
        (K::TwoCardsForRow { row, first }, false) => {
            format!("row {row} of the list already has key card {first}")
        }
        (K::DuplicateKey { first }, true) => format!("与 {first} 的签名密钥相同"),
        (K::DuplicateKey { first }, false) => format!("the same signing key as {first}"),
        (K::TwoOrganizerCards { first }, true) => {
            format!("主办单位密钥卡只能有一张，已有 {first}")
        }
        (K::TwoOrganizerCards { first }, false) => {
            format!("only one organizer card is allowed; {first} is one already")
        }
        (K::StillReferenced { id, name, table }, true) => format!(
            "{id}（{name}）不在名单中，但 [[{table}]] 仍提到该专家：请先处理该记录，或把该专家留在名单中"
        ),
        (K::StillReferenced { id, name, table }, false) => format!(
            "{id} ({name}) is not on the list, but a [[{table}]] table names them: keep them on the list, or deal with that record first"
        ),
        (K::SameNameAsRemoved { id }, true) => format!(
            "与移出专家组的 {id} 同名，但工作单位不同，按新专家处理；如是同一人，请一并提供其密钥卡以保留编号 {id}"
        ),
        (K::SameNameAsRemoved { id }, false) => format!(
            "the same name as {id}, who leaves the panel, but another employer: taken as a new member; if it is the same person, give their key card to keep the id {id}"
        ),
        (K::NoCard, true) => "没有密钥卡（可稍后再导入；封装前必须有）".to_owned(),
        (K::NoCard, false) => "no key card (it may come later; sealing needs it)".to_owned(),
        (K::NoOrganizerCard, true) => {
            "没有主办单位密钥卡（role: organizer；封装前必须有）".to_owned()
        }
        (K::NoOrganizerCard, false) => {
            "no organizer key card (role: organizer; sealing needs one)".to_owned()
        }
    };
    let level = match (p.is_warning(), zh) {
        (true, true) => "[警告]",
        (true, false) => "[warning]",
        (false, true) => "[错误]",
        (false, false) => "[error]",
    };
    let at = match (&p.at, zh) {
        (
            P::Row {
                sheet,
                row,
                column: Some(c),
            },
            true,
        ) => format!(
            "工作表“{sheet}” 第{row}行 {}列",
            reviewdesk_core::column_letter(*c)
        ),
        (
            P::Row {
                sheet,
                row,
                column: None,
            },
            true,
        ) => format!("工作表“{sheet}” 第{row}行"),
        (
            P::Row {
                sheet,
                row,
                column: Some(c),
            },
            false,
        ) => format!(
            "sheet \"{sheet}\", row {row}, column {}",
            reviewdesk_core::column_letter(*c)
        ),
        (
            P::Row {
                sheet,
                row,
                column: None,
            },
            false,
        ) => format!("sheet \"{sheet}\", row {row}"),
        (P::Card { file }, true) => format!("密钥卡 {file}"),
        (P::Card { file }, false) => format!("key card {file}"),
        (P::Round, true) => "round.toml".to_owned(),
        (P::Round, false) => "round.toml".to_owned(),
    };
    format!("{level} {at}{}{what}", if zh { "：" } else { ": " })
}

/// Why a conflict dismissal or a recusal request or ruling is refused.
pub fn decision_error(e: &reviewdesk_core::DecisionError, lang: Lang) -> String {
    e.message(lang)
}

/// One line of the advance list on the terminal: applicant, the closed stage's
/// score, and whether it goes on (or why not).
pub fn advance_outcome_line(r: &reviewdesk_core::AdvanceRow, lang: Lang) -> String {
    let score = r
        .aggregate
        .map(|d| d.to_string())
        .unwrap_or_else(|| "—".into());
    format!(
        "{}  {score}  {}",
        r.applicant,
        reviewdesk_desk::outcome_label(r.outcome, lang)
    )
}

/// The stage-by-stage refusals (closing a stage, a sample, a substitute) and a
/// stale package, explained in the user's language: what happened and what to do.
pub fn stage_refusal(e: &reviewdesk_desk::DeskError, lang: Lang) -> Option<String> {
    use reviewdesk_desk::DeskError as D;
    let zh = lang == Lang::ZhCn;
    Some(match e {
        D::Stage(s) => s.message(lang),
        D::StalePackage {
            round,
            offered,
            held,
        } => {
            if zh {
                format!("此评审包是批次 {round} 的第 {offered} 版，而此处已有第 {held} 版：旧版或同版不能替换新版，已拒绝。请使用最新版本的评审包。")
            } else {
                format!("This package is revision {offered} of round {round}, but revision {held} is already here: an older or equal revision never replaces a newer one. Use the newest package.")
            }
        }
        _ => return None,
    })
}

/// Labels of the publication commands (`notice`, `objection`, `amend`, `publish`,
/// `archive verify`).
#[allow(missing_docs)]
pub struct PublicationLabels {
    pub notice_published: &'static str,
    pub notice_end: &'static str,
    pub period: &'static str,
    pub working_days: &'static str,
    pub calendar_days: &'static str,
    pub assumed: &'static str,
    pub listed: &'static str,
    pub paste: &'static str,
    pub allowed_signers: &'static str,
    pub check_with: &'static str,
    pub notice_ok: &'static str,
    pub signer: &'static str,
    pub objection: &'static str,
    pub admitted: &'static str,
    pub refused: &'static str,
    pub reply_due: &'static str,
    pub overdue: &'static str,
    pub ruled_upheld: &'static str,
    pub ruled_rejected: &'static str,
    pub pending: &'static str,
    pub notes: &'static str,
    pub no_objections: &'static str,
    pub amendment: &'static str,
    pub material: &'static str,
    pub not_material: &'static str,
    pub before_after: &'static str,
    pub selected: &'static str,
    pub not_selected: &'static str,
    pub final_published: &'static str,
    pub archive_written: &'static str,
    pub archive_ok: &'static str,
    pub notices: &'static str,
    pub objections: &'static str,
    pub amendments: &'static str,
    pub final_list: &'static str,
}

const PUB_ZH: PublicationLabels = PublicationLabels {
    notice_published: "公示已发布",
    notice_end: "公示截止日期",
    period: "公示期",
    working_days: "个工作日",
    calendar_days: "个自然日",
    assumed: "（公示期长度为假设：项目文件未作规定）",
    listed: "公示单位数",
    paste: "可粘贴到官方网站的 SHA-256：",
    allowed_signers: "allowed_signers：",
    check_with: "用以下命令核验签名：",
    notice_ok: "签名与 SHA256SUMS 均有效",
    signer: "签名人",
    objection: "异议",
    admitted: "已受理",
    refused: "不予受理",
    reply_due: "答复期限",
    overdue: "已逾期",
    ruled_upheld: "异议成立",
    ruled_rejected: "异议不成立",
    pending: "待处理",
    notes: "调查记录",
    no_objections: "没有登记异议。",
    amendment: "更正",
    material: "名单有变化：正式公布前须重新公示。",
    not_material: "名单无变化。",
    before_after: "更正前 → 更正后",
    selected: "入选",
    not_selected: "未入选",
    final_published: "正式名单已公布",
    archive_written: "归档文件",
    archive_ok: "归档文件有效：签名、哈希与按其内容重新计算的正式名单均一致。",
    notices: "公示次数",
    objections: "异议（登记/受理/成立）",
    amendments: "更正次数",
    final_list: "正式名单",
};

const PUB_EN: PublicationLabels = PublicationLabels {
    notice_published: "Notice published",
    notice_end: "The notice ends on",
    period: "Notice period",
    working_days: " working days",
    calendar_days: " calendar days",
    assumed: " (the length is an assumption: the program's documents set none)",
    listed: "Applicants listed",
    paste: "SHA-256 lines to paste on the official website:",
    allowed_signers: "allowed_signers:",
    check_with: "Check the signature with:",
    notice_ok: "Signatures and SHA256SUMS hold",
    signer: "Signed by",
    objection: "Objection",
    admitted: "admitted",
    refused: "refused",
    reply_due: "reply due",
    overdue: "OVERDUE",
    ruled_upheld: "upheld",
    ruled_rejected: "rejected",
    pending: "pending",
    notes: "notes",
    no_objections: "No objection registered.",
    amendment: "Amendment",
    material: "The list changed: publish a new notice before the final list.",
    not_material: "The list did not change.",
    before_after: "before → after",
    selected: "selected",
    not_selected: "not selected",
    final_published: "Final list published",
    archive_written: "Archive",
    archive_ok: "The archive holds: signatures, hashes and the final list recomputed from its contents agree.",
    notices: "Notices",
    objections: "Objections (registered/admitted/upheld)",
    amendments: "Amendments",
    final_list: "Final list",
};

/// The publication labels in `lang`.
pub fn publication_labels(lang: Lang) -> &'static PublicationLabels {
    match lang {
        Lang::ZhCn => &PUB_ZH,
        Lang::En => &PUB_EN,
    }
}

/// Why an objection was refused, in `lang`.
pub fn refusal(r: reviewdesk_core::publication::Refusal, lang: Lang) -> &'static str {
    use reviewdesk_core::publication::Refusal as R;
    match (r, lang) {
        (R::Anonymous, Lang::ZhCn) => "匿名（未提供真实姓名）",
        (R::Anonymous, Lang::En) => "anonymous (no real name)",
        (R::NoContact, Lang::ZhCn) => "未提供联系方式",
        (R::NoContact, Lang::En) => "no contact details",
        (R::NoGrounds, Lang::ZhCn) => "未写明异议理由",
        (R::NoGrounds, Lang::En) => "no grounds",
        (R::NoEvidence, Lang::ZhCn) => "未提供佐证材料",
        (R::NoEvidence, Lang::En) => "no evidence",
        (R::Late, Lang::ZhCn) => "公示期结束后提出（逾期）",
        (R::Late, Lang::En) => "received after the notice period",
        (R::Early, Lang::ZhCn) => "公示期开始前提出",
        (R::Early, Lang::En) => "received before the notice period",
    }
}

/// Labels of `calendar import|list`.
#[allow(missing_docs)]
pub struct CalendarLabels {
    pub added: &'static str,
    pub unchanged: &'static str,
    pub shipped_same: &'static str,
    pub replaced: &'static str,
    pub sealed_after: &'static str,
    pub invalid: &'static str,
    pub workspace: &'static str,
    pub year: &'static str,
    pub origin: &'static str,
    pub shipped: &'static str,
    pub added_origin: &'static str,
    pub days_off: &'static str,
    pub make_up: &'static str,
    pub source: &'static str,
    pub imported_at: &'static str,
    pub how_to_add: &'static str,
}

const CAL_ZH: CalendarLabels = CalendarLabels {
    added: "已导入",
    unchanged: "未变化：同一文件此前已导入",
    shipped_same: "未变化：该年份已随评审台发布，且日期相同",
    replaced: "已替换（已记录）；原文件 SHA-256",
    sealed_after: "此后封装的评审包都将带上该日历，各评审台按它计算该轮日期。",
    invalid: "日历文件有误，未导入",
    workspace: "工作区",
    year: "年份",
    origin: "来源",
    shipped: "随评审台发布",
    added_origin: "主办单位导入",
    days_off: "放假日",
    make_up: "调休上班日",
    source: "通知文号",
    imported_at: "导入时间",
    how_to_add: "新的一年：按国务院办公厅通知填写日历文件，用 `reviewdesk calendar import 文件` 导入（格式见 docs/formats.md“Calendar year”）。",
};

const CAL_EN: CalendarLabels = CalendarLabels {
    added: "Imported",
    unchanged: "Unchanged: the same file was imported before",
    shipped_same: "Unchanged: the year ships with ReviewDesk with the same dates",
    replaced: "Replaced (recorded); the file replaced had SHA-256",
    sealed_after: "Every package sealed from now on carries this calendar; every desk counts the round's dates with it.",
    invalid: "The calendar file has problems; nothing was imported",
    workspace: "Workspace",
    year: "Year",
    origin: "Origin",
    shipped: "shipped",
    added_origin: "added",
    days_off: "Days off",
    make_up: "Make-up working days",
    source: "Notice",
    imported_at: "Imported",
    how_to_add: "A new year: fill in a calendar year file from the State Council's notice and add it with `reviewdesk calendar import FILE` (format: docs/formats.md, \"Calendar year\").",
};

/// The calendar labels in `lang`.
pub fn calendar_labels(lang: Lang) -> &'static CalendarLabels {
    match lang {
        Lang::ZhCn => &CAL_ZH,
        Lang::En => &CAL_EN,
    }
}

/// Labels for `recheck request` and `recheck show`.
#[allow(missing_docs)]
pub struct RecheckLabels {
    pub package: &'static str,
    pub round: &'static str,
    pub chair: &'static str,
    pub signature_holds: &'static str,
    pub expert: &'static str,
    pub sequence: &'static str,
    pub flags: &'static str,
    pub applicant: &'static str,
    pub stage: &'static str,
    pub indicator: &'static str,
    pub value: &'static str,
    pub mean_of_others: &'static str,
    pub distance: &'static str,
    pub note: &'static str,
    pub stage_total: &'static str,
    pub written: &'static str,
}

const RECHECK_ZH: RecheckLabels = RecheckLabels {
    package: "复核通知所属评审包",
    round: "评审批次",
    chair: "评审组长",
    signature_holds: "签名有效",
    expert: "专家",
    sequence: "复核通知编号",
    flags: "需复核的评分",
    applicant: "申报单位",
    stage: "环节",
    indicator: "指标",
    value: "该专家评分",
    mean_of_others: "其他专家平均分",
    distance: "偏离",
    note: "组长说明",
    stage_total: "（环节合计）",
    written: "已写出复核通知",
};

const RECHECK_EN: RecheckLabels = RecheckLabels {
    package: "Bound to package",
    round: "Round",
    chair: "Chair",
    signature_holds: "signature holds",
    expert: "Expert",
    sequence: "Request no.",
    flags: "Scores to re-check",
    applicant: "applicant",
    stage: "stage",
    indicator: "indicator",
    value: "value",
    mean_of_others: "mean of others",
    distance: "distance",
    note: "chair's note",
    stage_total: "(stage total)",
    written: "Re-check request written",
};

/// The labels of the `recheck` commands in `lang`.
pub fn recheck_labels(lang: Lang) -> &'static RecheckLabels {
    match lang {
        Lang::ZhCn => &RECHECK_ZH,
        Lang::En => &RECHECK_EN,
    }
}

/// A re-check request's refusals (writing or reading one) explained in the user's
/// language: what happened and what to do; `None` for errors whose own message
/// says it.
pub fn recheck_refusal(e: &reviewdesk_desk::DeskError, lang: Lang) -> Option<String> {
    use reviewdesk_core::ReviewProblem as R;
    use reviewdesk_desk::DeskError as D;
    use reviewdesk_formats::FormatError as F;
    let zh = lang == Lang::ZhCn;
    Some(match e {
        D::Format {
            source: F::UnknownSigner { fingerprint },
            ..
        } => {
            if zh {
                format!("此复核通知不是由本评审包的评审组长签发的（签名者 {fingerprint}），已拒绝。请向评审组长核实，不要据此修改评分。")
            } else {
                format!("This re-check request is not signed by this package's chair (signed by {fingerprint}): refused. Check with the chair; do not change any score because of it.")
            }
        }
        D::Format {
            source: F::WrongNamespace { found, .. },
            ..
        } => {
            if zh {
                format!("此文件的签名用于 {found}，不是复核通知，已拒绝。")
            } else {
                format!("This file is signed as {found}, not as a re-check request: refused.")
            }
        }
        D::Format {
            source: F::NotBound { expected, found },
            ..
        } => {
            if zh {
                format!("此复核通知属于另一个评审包或评审批次（{found}，应为 {expected}），已拒绝。请确认 --package 是您手中的评审包。")
            } else {
                format!("This re-check request belongs to another package or round ({found}, expected {expected}): refused. Check that --package is the package you hold.")
            }
        }
        D::Format {
            source: F::NotARecipient { .. },
            ..
        } => {
            if zh {
                "此复核通知不是发给您的（只加密给被要求复核的专家和评审组长），无法打开。"
                    .to_owned()
            } else {
                "This re-check request is not addressed to you (it is encrypted to the expert asked and the chair only): it cannot be opened.".to_owned()
            }
        }
        D::NoRechecks { expert } => {
            if zh {
                format!(
                    "专家 {expert} 没有需要复核的评分（没有该专家的评分偏离）。未写出任何文件。"
                )
            } else {
                format!("Expert {expert} has no score to re-check (no divergence flag of theirs). Nothing was written.")
            }
        }
        D::Review(R::NotFlagged(cells)) => {
            if zh {
                format!("以下评分没有该专家的评分偏离，不能要求复核：{cells}。请用 reviewdesk merge 或组长汇总台查看偏离情况，或改用 --flagged。未写出任何文件。")
            } else {
                format!("These cells carry no divergence flag of the expert and cannot be sent for a re-check: {cells}. See the flags at the chair desk, or use --flagged. Nothing was written.")
            }
        }
        D::NotTheChair { fingerprint } => {
            if zh {
                format!("{fingerprint} 不是此评审包的评审组长，只有评审组长可以发出复核通知。未写出任何文件。")
            } else {
                format!("{fingerprint} is not this package's chair; only the chair sends a re-check request. Nothing was written.")
            }
        }
        D::Format {
            source: F::Unwritable(m),
            ..
        } => {
            if zh {
                format!("无法写出复核通知：{m}。未写出任何文件。")
            } else {
                format!("The re-check request cannot be written: {m}. Nothing was written.")
            }
        }
        _ => return None,
    })
}
