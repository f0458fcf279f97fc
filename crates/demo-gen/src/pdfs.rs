//! The demo round's PDF materials, written with `reviewdesk-reports`.
//!
//! All companies, people, numbers, report and certificate numbers below are
//! fictional; every page says so in its footer. The organisations that
//! issue the documents (test centre, accounting firm) are invented too, and
//! deliberately differ from the panel's affiliations in `round.toml`.

use reviewdesk_reports::{Align, Document, DocumentDate, FontData, Paragraph, ReportError, Table};

const PROGRAM: &str = "2026年度广东省工业互联网产业生态供给资源池优秀供应商认定（第一批）";

/// The footer every demo PDF carries.
fn demo_footer(material: &str) -> String {
    format!("评审台演示材料 {material} · 单位、人员、数据均为虚构")
}

fn date(year: u16, month: u8, day: u8) -> Result<DocumentDate, ReportError> {
    DocumentDate::new(year, month, day)
}

/// `A01-application.pdf`: the application form (申报书) of 广州云擎工业软件有限公司,
/// covering the seven indicator areas of the recognition program.
pub(crate) fn application(font: &FontData) -> Result<Vec<u8>, ReportError> {
    let company = "广州云擎工业软件有限公司";
    let mut doc = Document::new(format!("{company} 申报书"));
    doc.created(date(2026, 3, 5)?)
        .author(company)
        .subject(PROGRAM)
        .running_header(format!("{PROGRAM} · 申报书"))
        .footer(demo_footer("M01"))
        .title("申 报 书")
        .subtitle(format!("{PROGRAM}\n申报类别：工业互联网应用类"))
        .key_values([
            ("申报单位", company),
            ("统一社会信用代码", "91440101MA5AGYGLU6"),
            ("所在地市", "广州市"),
            ("所属行业", "C38 电气机械和器材制造业"),
            ("申报类别", "工业互联网应用类"),
            ("联系人", "梁嘉欣（总经理办公室主任）"),
            ("联系电话", "020-0000 0101（演示号码）"),
            ("填报日期", "2026年3月5日"),
        ]);

    doc.heading("一、企业基本情况")
        .paragraph(
            "广州云擎工业软件有限公司成立于2016年5月，注册资本3,000万元，位于广州市黄埔区，\
             是一家专注于离散制造业生产执行与设备互联的工业软件企业。公司现有员工186人，\
             其中研发人员112人，占比60.2%；拥有发明专利9项、计算机软件著作权47项，\
             2023年通过国家高新技术企业复审，2025年通过信息安全管理体系（ISO/IEC 27001）认证。",
        )
        .key_values([
            ("成立时间", "2016年5月"),
            ("注册资本", "3,000万元"),
            ("企业性质", "民营企业（有限责任公司）"),
            ("员工人数", "186人（研发人员112人）"),
            (
                "主营业务",
                "制造执行系统（MES）、设备物联与数据采集、生产可视化与质量追溯",
            ),
        ]);

    doc.heading("二、运营情况")
        .paragraph(
            "近三年公司营业收入保持稳定增长，工业互联网相关业务收入占比由2023年的71.3%提高到2025年的82.6%。\
             公司持续加大研发投入，三年累计研发投入5,142万元。",
        )
        .table(
            Table::new(["指标（万元）", "2023年", "2024年", "2025年"])
                .widths(&[3, 2, 2, 2])
                .right_aligned(&[1, 2, 3])
                .row(["营业收入", "7,215.60", "8,436.20", "9,874.35"])
                .row(["其中：工业互联网业务收入", "5,144.72", "6,512.75", "8,156.21"])
                .row(["研发投入", "1,486.30", "1,702.88", "1,952.82"])
                .row(["净利润", "612.45", "803.17", "1,021.66"])
                .row(["纳税总额", "398.20", "456.71", "529.04"]),
        );

    doc.heading("三、核心团队")
        .paragraph(
            "公司核心团队由具有制造企业信息化、工业自动化和软件工程背景的骨干组成，\
             平均从业年限15年以上，主要成员如下。",
        )
        .table(
            Table::new(["姓名", "职务", "主要经历"])
                .widths(&[1, 2, 5])
                .row([
                    "罗振宇",
                    "董事长、总经理",
                    "工学硕士，曾任某汽车零部件集团信息中心主任，主持多条产线数字化改造",
                ])
                .row([
                    "许静怡",
                    "首席技术官",
                    "计算机博士，长期从事工业数据采集与边缘计算研究，主持省级重点研发项目2项",
                ])
                .row([
                    "邓国栋",
                    "交付中心总监",
                    "高级工程师，负责实施MES项目60余个，覆盖汽车零部件、家电、电子装配行业",
                ])
                .row([
                    "谢文婷",
                    "财务总监",
                    "注册会计师，具有12年制造业财务管理经验",
                ]),
        );

    doc.heading("四、商业模式")
        .paragraph(
            "公司以“平台产品＋行业解决方案＋持续运营服务”的模式开展业务：平台产品按模块授权，\
             行业解决方案按项目交付，上线后提供按年订阅的运维、升级与数据分析服务。\
             2025年订阅与运营服务收入1,865万元，占营业收入的18.9%，客户续约率91%。",
        )
        .paragraph(
            "公司与设备制造商、系统集成商建立合作生态，已与12家设备厂商完成数据接口适配，\
             通过渠道伙伴覆盖佛山、东莞、中山、江门等地的中小制造企业。",
        );

    doc.heading("五、产品服务").table(
        Table::new(["产品/服务", "主要功能", "部署方式"])
            .widths(&[2, 5, 2])
            .row([
                "云擎MES V5",
                "生产计划排程、工单执行、物料追溯、质量检验、绩效看板",
                "私有化/云端",
            ])
            .row([
                "云擎设备物联平台",
                "支持Modbus、OPC UA、MQTT等协议，设备状态采集与OEE分析",
                "边缘＋云",
            ])
            .row([
                "云擎质量追溯系统",
                "一物一码，关键工序参数与检验记录全流程追溯",
                "私有化",
            ])
            .row([
                "数字化诊断服务",
                "对标智能制造能力成熟度模型，输出改造路线图",
                "咨询服务",
            ]),
    );

    doc.heading("六、应用案例")
        .paragraph(
            "公司累计服务制造企业230余家，典型案例包括汽车零部件产线数字化改造、家电总装车间透明工厂、\
             电子装配质量追溯等。其中“汽车零部件产线数字化改造”项目实施后，产线设备综合效率（OEE）\
             由62.4%提升至78.6%，产品不良率由1.8%降至0.9%，详见附件《应用案例：汽车零部件产线数字化改造》。",
        );

    doc.heading("七、市场评价")
        .paragraph(
            "公司产品入选2024年广东省工业互联网产业生态供给资源池，“云擎MES”获2025年度粤港澳大湾区工业软件\
             优秀产品奖（演示数据）。2025年第三方客户满意度调查得分94.2分，主要客户复购率达76%。",
        )
        .key_values([
            ("主要客户行业", "汽车零部件、家用电器、电子信息、五金制品"),
            ("服务企业数量", "230余家（其中规模以上工业企业148家）"),
            ("获奖与认定", "国家高新技术企业；广东省专精特新中小企业；省级工程技术研究中心"),
        ]);

    doc.heading("八、申报单位承诺")
        .paragraph(
            "本单位承诺：所填报的信息及提交的材料真实、准确、完整，无虚假记载、误导性陈述或重大遗漏；\
             如有不实，愿意承担相应责任。",
        )
        .signature_block(["法定代表人（签字）", "申报单位（盖章）", "日期"]);
    doc.to_pdf_bytes(font)
}

/// `A01-case-study.pdf`: the application case (应用案例) attached to A01's application.
pub(crate) fn case_study(font: &FontData) -> Result<Vec<u8>, ReportError> {
    let company = "广州云擎工业软件有限公司";
    let mut doc = Document::new("应用案例：汽车零部件产线数字化改造");
    doc.created(date(2026, 3, 5)?)
        .author(company)
        .subject(PROGRAM)
        .running_header(format!("{company} · 申报材料附件 · 应用案例"))
        .footer(demo_footer("M02"))
        .title("应用案例：汽车零部件产线数字化改造")
        .subtitle(format!("案例提供单位：{company}"))
        .key_values([
            ("客户单位", "某汽车零部件制造企业（佛山市，应客户要求匿名）"),
            ("实施周期", "2024年9月至2025年6月"),
            ("涉及产线", "制动卡钳机加工线2条、装配线1条，设备58台（套）"),
            ("采用产品", "云擎MES V5、云擎设备物联平台、云擎质量追溯系统"),
        ]);

    doc.heading("一、项目背景")
        .paragraph(
            "客户主要为整车厂配套生产制动卡钳，产品型号多、批量小、换型频繁。改造前生产计划依靠人工排产，\
             设备状态靠班组长巡检记录，质量问题追溯需要翻查纸质记录，平均耗时超过4小时；\
             主机厂对关键工序参数的追溯要求也难以满足。",
        );

    doc.heading("二、建设内容")
        .paragraph(
            "（一）设备互联：为58台加工中心、压装机、检测设备部署边缘网关，统一采集运行状态、\
             加工参数与报警信息，采集频率1秒。",
        )
        .paragraph(
            "（二）生产执行：上线计划排程、工单派发、首件检验、物料防错等功能，\
             与客户ERP系统对接，实现计划—执行—反馈闭环。",
        )
        .paragraph(
            "（三）质量追溯：关键零件激光打码，一物一码记录压装力、扭矩、气密性等18项关键参数，\
             质量问题可在1分钟内追溯到批次、设备与操作人员。",
        )
        .paragraph(
            "（四）可视化与分析：车间看板实时展示OEE、在制品与质量指标，按日自动生成停机原因分析。",
        );

    doc.heading("三、实施成效")
        .table(
            Table::new(["指标", "改造前", "改造后", "变化"])
                .widths(&[3, 2, 2, 2])
                .right_aligned(&[1, 2, 3])
                .row(["设备综合效率（OEE）", "62.4%", "78.6%", "提高16.2个百分点"])
                .row(["产品不良率", "1.8%", "0.9%", "下降50%"])
                .row(["平均换型时间", "95分钟", "52分钟", "缩短45%"])
                .row(["质量追溯耗时", "4小时以上", "1分钟以内", "—"])
                .row(["在制品库存", "3.2天", "1.9天", "下降41%"]),
        )
        .paragraph(
            "项目上线后，客户年节约生产成本约620万元，并顺利通过主机厂年度质量体系审核。\
             以上数据由客户生产部门统计并确认（演示数据）。",
        );

    doc.heading("四、推广价值")
        .paragraph(
            "本案例形成了适用于多品种、小批量离散制造的“设备互联＋MES＋质量追溯”标准化实施方法，\
             实施周期可压缩至6个月以内，已在佛山、中山的3家汽车零部件企业复制推广。",
        )
        .styled(Paragraph::new(format!("{company}\n2026年3月5日")).align(Align::Right));
    doc.to_pdf_bytes(font)
}

/// `A02-test-report.pdf`: a test report (检测报告) for 深圳智联织网科技有限公司's 5G industrial gateway.
pub(crate) fn test_report(font: &FontData) -> Result<Vec<u8>, ReportError> {
    let lab = "华南工业通信设备检测中心（虚构机构）";
    let mut doc = Document::new("5G工业网关检测报告");
    doc.created(date(2025, 9, 12)?)
        .author(lab)
        .subject("检测报告 HNTC-2025-WG-0386")
        .running_header(format!("{lab} · 检测报告 No. HNTC-2025-WG-0386"))
        .footer(demo_footer("M04"))
        .title("检 测 报 告")
        .subtitle("报告编号：HNTC-2025-WG-0386")
        .key_values([
            ("样品名称", "5G工业网关"),
            ("型号规格", "ZL-5GW200"),
            ("委托单位", "深圳智联织网科技有限公司"),
            ("生产单位", "深圳智联织网科技有限公司"),
            ("检测类别", "委托检测"),
            ("样品数量", "3台（序列号 ZL25060118 至 ZL25060120）"),
            ("收样日期", "2025年8月18日"),
            ("检测日期", "2025年8月20日至2025年9月5日"),
            ("报告日期", "2025年9月12日"),
            ("检测依据", "YD/T 3627-2019《5G数字蜂窝移动通信网 增强移动宽带终端设备技术要求（第一阶段）》；GB/T 17626.2-2018；企业技术规范 Q/ZLZW 002-2025"),
        ]);

    doc.heading("一、检测项目及结果").table(
        Table::new(["序号", "检测项目", "技术要求", "检测结果", "单项结论"])
            .widths(&[1, 3, 5, 4, 2])
            .row([
                "1",
                "5G NR频段支持",
                "支持n1/n3/n28/n41/n78/n79",
                "均可正常接入与业务",
                "合格",
            ])
            .row([
                "2",
                "下行峰值速率",
                "≥1.0 Gbit/s（n78，100 MHz）",
                "1.42 Gbit/s",
                "合格",
            ])
            .row([
                "3",
                "上行峰值速率",
                "≥200 Mbit/s（n78，100 MHz）",
                "286 Mbit/s",
                "合格",
            ])
            .row(["4", "空口往返时延", "≤20 ms", "平均11.6 ms", "合格"])
            .row([
                "5",
                "工业协议转换",
                "Modbus RTU/TCP、OPC UA、MQTT互转",
                "4种协议转换功能正常",
                "合格",
            ])
            .row([
                "6",
                "工作温度",
                "-40 ℃～+75 ℃连续工作72 h",
                "功能正常，无重启",
                "合格",
            ])
            .row([
                "7",
                "静电放电抗扰度",
                "接触±6 kV，空气±8 kV，B级",
                "满足B级要求",
                "合格",
            ])
            .row(["8", "外壳防护等级", "IP40", "IP40", "合格"])
            .row([
                "9",
                "平均无故障时间",
                "≥50,000 h（计算值）",
                "68,000 h",
                "合格",
            ]),
    );

    doc.heading("二、检测结论")
        .paragraph(
            "经检测，所检样品在本次检测项目范围内的各项指标均符合检测依据的要求，检测结论为：合格。\
             本报告仅对所检样品负责。",
        )
        .heading("三、说明")
        .styled(
            Paragraph::new(
                "1. 报告无检测中心检验检测专用章无效；报告涂改无效。\n\
                 2. 对检测报告若有异议，应于收到报告之日起十五日内向检测中心提出。\n\
                 3. 本报告为评审台演示材料，机构名称及全部数据均为虚构。",
            )
            .no_indent(),
        )
        .signature_block(["主检", "审核", "批准"])
        .styled(Paragraph::new(format!("{lab}\n2025年9月12日")).align(Align::Right));
    doc.to_pdf_bytes(font)
}

/// `A03-software-copyright.pdf`: a software copyright registration certificate
/// (计算机软件著作权登记证书) of 佛山数研智造科技有限公司, marked as a demo sample.
pub(crate) fn software_copyright(font: &FontData) -> Result<Vec<u8>, ReportError> {
    let mut doc = Document::new("计算机软件著作权登记证书（演示样例）");
    doc.created(date(2025, 6, 18)?)
        .author("佛山数研智造科技有限公司")
        .subject("软件著作权登记证书（演示样例）")
        .footer(demo_footer("M05"))
        .spacer_mm(10.0)
        .title("计算机软件著作权登记证书")
        .subtitle("证书号：软著登字第演示0000531号\n（演示样例，非真实证书）")
        .spacer_mm(6.0)
        .key_values([
            (
                "软件名称",
                "数研家具柔性制造协同平台［简称：数研智造平台］V3.0",
            ),
            ("著作权人", "佛山数研智造科技有限公司"),
            ("开发完成日期", "2025年3月28日"),
            ("首次发表日期", "2025年4月15日"),
            ("权利取得方式", "原始取得"),
            ("权利范围", "全部权利"),
            ("登记号", "2025SR0000531（演示）"),
        ])
        .spacer_mm(4.0)
        .paragraph(
            "根据《计算机软件保护条例》和《计算机软件著作权登记办法》的规定，经审查，\
             对以上事项予以登记（本证书为评审台演示样例，不具有任何法律效力）。",
        )
        .paragraph(
            "软件简介：平台面向定制家具企业，提供订单拆单、板材优化排样、柔性产线排程、\
             生产进度跟踪与售后安装协同等功能，支持与主流数控开料设备和封边设备对接。",
        )
        .spacer_mm(20.0)
        .styled(Paragraph::new("登记机构（演示）").align(Align::Right))
        .styled(Paragraph::new("2025年6月18日").align(Align::Right));
    doc.to_pdf_bytes(font)
}

/// `A05-audit-report.pdf`: the summary of 珠海海纳工业大数据有限公司's audit report for 2025.
pub(crate) fn audit_report(font: &FontData) -> Result<Vec<u8>, ReportError> {
    let company = "珠海海纳工业大数据有限公司";
    let firm = "珠海信衡会计师事务所（特殊普通合伙）（虚构机构）";
    let mut doc = Document::new(format!("{company} 2025年度审计报告（摘要）"));
    doc.created(date(2026, 3, 20)?)
        .author(firm)
        .subject("2025年度审计报告（摘要）")
        .running_header(format!("{company} · 2025年度审计报告（摘要）"))
        .footer(demo_footer("M07"))
        .title("审计报告（摘要）")
        .subtitle("信衡审字〔2026〕第0215号")
        .styled(Paragraph::new(format!("{company}全体股东：")).no_indent())
        .heading("一、审计意见")
        .paragraph(format!(
            "我们审计了{company}（以下简称“海纳公司”）财务报表，包括2025年12月31日的资产负债表，\
             2025年度的利润表、现金流量表、所有者权益变动表以及相关财务报表附注。"
        ))
        .paragraph(
            "我们认为，后附的财务报表在所有重大方面按照企业会计准则的规定编制，\
             公允反映了海纳公司2025年12月31日的财务状况以及2025年度的经营成果和现金流量。",
        )
        .heading("二、形成审计意见的基础")
        .paragraph(
            "我们按照中国注册会计师审计准则的规定执行了审计工作。按照中国注册会计师职业道德守则，\
             我们独立于海纳公司，并履行了职业道德方面的其他责任。我们相信，我们获取的审计证据是充分、\
             适当的，为发表审计意见提供了基础。",
        )
        .page_break()
        .heading("三、主要财务数据")
        .table(
            Table::new(["项目（单位：万元）", "2025年12月31日／2025年度", "2024年12月31日／2024年度"])
                .widths(&[3, 3, 3])
                .right_aligned(&[1, 2])
                .row(["资产总额", "18,652.37", "15,208.91"])
                .row(["负债总额", "7,416.82", "6,530.44"])
                .row(["所有者权益", "11,235.55", "8,678.47"])
                .row(["营业收入", "12,386.04", "10,152.73"])
                .row(["其中：工业大数据平台与服务收入", "9,847.20", "7,905.16"])
                .row(["营业成本", "6,972.18", "5,884.30"])
                .row(["研发费用", "1,912.66", "1,548.21"])
                .row(["净利润", "2,557.08", "1,893.52"])
                .row(["经营活动产生的现金流量净额", "2,104.95", "1,377.60"])
                .row(["资产负债率", "39.76%", "42.94%"]),
        )
        .heading("四、其他说明")
        .paragraph(
            "本摘要摘自审计报告正文，完整财务报表及附注请见审计报告全文。\
             本文件为评审台演示材料，公司、事务所、人员及全部数据均为虚构。",
        )
        .signature_block(["中国注册会计师", "中国注册会计师"])
        .styled(Paragraph::new(format!("{firm}\n中国·珠海　　2026年3月20日")).align(Align::Right));
    doc.to_pdf_bytes(font)
}
