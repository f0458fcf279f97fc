//! The command-line grammar (clap). Parsing only: no work is done here.

use clap::{ArgGroup, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// 评审台 ReviewDesk — offline expert review panels: seal, score, merge, verify.
#[derive(Debug, Parser)]
#[command(name = "reviewdesk", version, propagate_version = true)]
#[command(about = "评审台 ReviewDesk — offline expert review panels: seal, score, merge, verify.")]
pub struct Cli {
    /// Language of the output.
    #[arg(long, global = true, value_enum, default_value_t = LangArg::Zh)]
    pub lang: LangArg,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Output language.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    /// 简体中文 (default)
    Zh,
    /// English
    En,
}

impl From<LangArg> for reviewdesk_core::Lang {
    fn from(lang: LangArg) -> Self {
        match lang {
            LangArg::Zh => Self::ZhCn,
            LangArg::En => Self::En,
        }
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the demo round's overview; with --out, run the round end to end with its DEMO keys.
    Demo {
        /// A round folder to use instead of the bundled demo round.
        #[arg(long, value_name = "DIR")]
        round: Option<PathBuf>,
        /// Run the round end to end into this new (or empty) folder: DEMO keys, the
        /// sealed packages, each expert's workspace and signed score sheet
        /// (sheets/<expert-id>.rdsheet), the result bundle and the reports.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Review templates: check a template file, or list the built-in ones.
    Template {
        /// What to do with templates.
        #[command(subcommand)]
        action: TemplateAction,
    },
    /// Compute stage results, divergence flags, finals, grades, ranks, quotas and the draw.
    Compute {
        /// The template: a TOML file, or the id of a built-in template.
        #[arg(long, value_name = "FILE")]
        template: PathBuf,
        /// The scores and the rest of the input, as JSON (see docs/rules.md).
        #[arg(long, value_name = "FILE")]
        input: PathBuf,
        /// Print readable tables instead of JSON.
        #[arg(long)]
        table: bool,
    },
    /// The working-day calendar (official Chinese holidays and make-up working days):
    /// count working days, add a year from the State Council's notice, list the years.
    Calendar {
        /// What to do.
        #[command(subcommand)]
        action: CalendarAction,
    },
    /// Identities: signing and encryption keys kept in the system keyring, key cards, backups.
    Key {
        /// What to do with keys.
        #[command(subcommand)]
        action: KeyAction,
    },
    /// Seal a round folder (round, materials, the panel's key cards in cards/) into a package.
    #[command(group(ArgGroup::new("key").required(true).args(["organizer", "signing_key"])))]
    Seal {
        /// The round folder.
        round: PathBuf,
        /// The organizer's identity in the system keyring, by name (`reviewdesk key list`).
        #[arg(long, value_name = "NAME")]
        organizer: Option<String>,
        /// Instead of --organizer (scripts, tests): an unencrypted OpenSSH Ed25519 private key file.
        #[arg(long, value_name = "FILE")]
        signing_key: Option<PathBuf>,
        /// Where to write the whole round's package.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// Also write one package per expert, DIR/<expert-id>.rdpkg, holding only that expert's applicants.
        #[arg(long, value_name = "DIR")]
        per_expert: Option<PathBuf>,
        /// Instead of -o and --per-expert: seal everything into the empty folder DIR
        /// (experts/<id>.rdpkg, chair/<round>.rdpkg) with the hand-out list
        /// (handout.pdf, handout.csv).
        #[arg(long, value_name = "DIR", conflicts_with_all = ["output", "per_expert"])]
        handout: Option<PathBuf>,
    },
    /// Show what a package or result bundle is, who signed it and what it holds (a package needs no private key).
    Inspect {
        /// The package, result bundle, sheet or key card.
        file: PathBuf,
        /// An identity in the system keyring, by name: also list a package's recipients and plaintext sizes; needed to open a bundle.
        #[arg(long = "as", value_name = "NAME", conflicts_with = "identity")]
        as_name: Option<String>,
        /// Instead of --as: an age identity file.
        #[arg(long, value_name = "FILE")]
        identity: Option<PathBuf>,
    },
    /// Check every signature and hash of a package, sheet, result bundle or key card; a bundle's merge is also recomputed; exit 0 only when all hold.
    Verify {
        /// The package, sheet, result bundle or key card.
        file: PathBuf,
        /// Require the package (or the bundle's package) to be signed by this organizer (SHA256:…).
        #[arg(long, value_name = "FINGERPRINT")]
        organizer: Option<String>,
        /// An identity in the system keyring, by name: also decrypt and check every
        /// plaintext (a sheet and a bundle need --as or --identity).
        #[arg(long = "as", value_name = "NAME", conflicts_with = "identity")]
        as_name: Option<String>,
        /// Instead of --as: an age identity file.
        #[arg(long, value_name = "FILE")]
        identity: Option<PathBuf>,
        /// The package a sheet belongs to.
        #[arg(long, value_name = "PKG")]
        package: Option<PathBuf>,
    },
    /// Score sheets: sign one expert's scores, or show a sheet.
    Sheet {
        /// What to do with sheets.
        #[command(subcommand)]
        action: SheetAction,
    },
    /// Merge the experts' score sheets of one package into a result bundle signed by the chair (encrypted to the organizer and the chair).
    #[command(group(ArgGroup::new("chair").required(true).args(["as_name", "key"])))]
    Merge {
        /// The package the sheets are for (the whole round's package).
        #[arg(long, value_name = "PKG")]
        package: PathBuf,
        /// Require the package to be signed by this organizer (SHA256:…, compared
        /// out of band). Without it the key pinned for the organizer in your
        /// workspace is required; with no pin either, the merge is refused showing
        /// the signer's fingerprint to compare.
        #[arg(long, value_name = "FINGERPRINT")]
        organizer: Option<String>,
        /// The chair's identity in the system keyring, by name (`reviewdesk key list`).
        #[arg(long = "as", value_name = "NAME", conflicts_with = "identity")]
        as_name: Option<String>,
        /// Instead of --as (scripts, tests): the chair's signing key, an unencrypted
        /// OpenSSH Ed25519 private key file; needs --identity.
        #[arg(
            long = "key",
            visible_alias = "signing-key",
            value_name = "FILE",
            requires = "identity"
        )]
        key: Option<PathBuf>,
        /// With --key: the chair's age identity file (to open the package and the sheets).
        #[arg(long, value_name = "FILE", requires = "key")]
        identity: Option<PathBuf>,
        /// The value the chair announced for the site-visit draw (when the template samples a stage).
        #[arg(long, value_name = "VALUE")]
        announced: Option<String>,
        /// The panel's opinions, JSON (see docs/formats.md, "Result bundle").
        #[arg(long, value_name = "FILE")]
        opinions: Option<PathBuf>,
        /// Where to write the result bundle.
        #[arg(short = 'o', long = "output", value_name = "BUNDLE")]
        output: PathBuf,
        /// The score sheet files (NAME.rdsheet); of each expert the highest revision is used.
        #[arg(required = true, value_name = "SHEET")]
        sheets: Vec<PathBuf>,
    },
    /// Re-check requests (复核通知): the chair asks one expert to re-check divergent scores, as a signed file; show one.
    Recheck {
        /// What to do.
        #[command(subcommand)]
        action: RecheckAction,
    },
    /// The public notice (公示): publish one from a result bundle, or verify a notice folder's signatures.
    Notice {
        /// What to do.
        #[command(subcommand)]
        action: NoticeAction,
    },
    /// The objection register (异议): register, note, rule, list.
    Objection {
        /// What to do.
        #[command(subcommand)]
        action: ObjectionAction,
    },
    /// Amend the result after the summary (更正): a corrected score or an applicant struck off, for one of the five causes.
    Amend {
        /// The publication folder.
        dir: PathBuf,
        /// Why (one of the five causes of docs/rules.md, rule 17.5).
        #[arg(long, value_enum)]
        cause: CauseArg,
        /// The objection ruled upheld that this amendment follows (cause upheld-objection).
        #[arg(long, value_name = "ID")]
        objection: Option<String>,
        /// The reason, as it will be recorded.
        #[arg(long, value_name = "TEXT")]
        reason: String,
        /// Strike this applicant off (e.g. false materials).
        #[arg(long, value_name = "APPLICANT")]
        strike: Vec<String>,
        /// Correct a score: EXPERT:APPLICANT:INDICATOR=VALUE.
        #[arg(long, value_name = "EXPERT:APPLICANT:INDICATOR=VALUE")]
        score: Vec<String>,
        /// The day of the step (default: today).
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
        #[command(flatten)]
        key: OrganizerKeyArgs,
    },
    /// Publish the final list (正式公布) once the notice period is over and every objection is ruled, and write the archive.
    Publish {
        /// The publication folder.
        dir: PathBuf,
        /// The archive to write (NAME.rdarchive).
        #[arg(short = 'o', long = "output", value_name = "ARCHIVE")]
        output: PathBuf,
        /// The day of publication (default: today).
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
        #[command(flatten)]
        key: OrganizerKeyArgs,
    },
    /// The register of units across years (动态管理): apply archives, record events, status, proposals, checkpoints, catalogue.
    Register {
        /// What to do with the register.
        #[command(subcommand)]
        action: RegisterAction,
    },
    /// Publication archives: verify one and recompute its final list.
    Archive {
        /// What to do.
        #[command(subcommand)]
        action: ArchiveAction,
    },
    /// The site-visit draw: recompute a result bundle's draw from its signed contents.
    Draw {
        /// What to do with the draw.
        #[command(subcommand)]
        action: DrawAction,
    },
    /// Write the chair's reports from a result bundle (verified and recomputed first): the summary (评分汇总表) as PDF, XLSX and CSV, the opinion pages and the public-notice draft list.
    Report {
        /// The result bundle.
        bundle: PathBuf,
        /// Require the bundle's package to be signed by this organizer (SHA256:…).
        #[arg(long, value_name = "FINGERPRINT")]
        organizer: Option<String>,
        /// An identity in the system keyring, by name (the organizer's or the chair's).
        #[arg(long = "as", value_name = "NAME", conflicts_with = "identity")]
        as_name: Option<String>,
        /// Instead of --as: an age identity file.
        #[arg(long, value_name = "FILE")]
        identity: Option<PathBuf>,
        /// The folder to write the reports into.
        #[arg(short = 'o', long = "output", value_name = "DIR")]
        output: PathBuf,
    },
    /// Write a signed payload and its detached SSH signature, and print the ssh-keygen command that checks them.
    ExportSignature {
        /// A package, a sheet (with --package and --identity), a result bundle (with --identity) or a key card.
        file: PathBuf,
        /// The folder to write into.
        #[arg(short = 'o', long = "output", value_name = "DIR")]
        output: PathBuf,
        /// The package a sheet belongs to.
        #[arg(long, value_name = "PKG")]
        package: Option<PathBuf>,
        /// An identity in the system keyring, by name (for a sheet or a bundle).
        #[arg(long = "as", value_name = "NAME", conflicts_with = "identity")]
        as_name: Option<String>,
        /// Instead of --as: an age identity file (for a sheet or a bundle).
        #[arg(long, value_name = "FILE")]
        identity: Option<PathBuf>,
    },
    /// Write the raw age ciphertext of one material, so `age -d -i IDENTITY FILE` gives the original.
    ExportEncrypted {
        /// The package.
        package: PathBuf,
        /// The material id (M01) or an entry name (material.M01, round, card.E01).
        material: String,
        /// Where to write the age file.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
    },
    /// Import a sealed package into your workspace (expert desk): verify it whole, pin the organizer's key.
    Import {
        /// The package (usually your per-expert package).
        package: PathBuf,
        /// Your identity in the system keyring, by name (`reviewdesk key list`).
        #[arg(long = "as", value_name = "NAME")]
        as_name: String,
        /// The organizer's fingerprint as they gave it to you out of band (SHA256:…):
        /// confirms and pins their key on a first import, or after a key change.
        #[arg(long, value_name = "FINGERPRINT")]
        trust: Option<String>,
    },
    /// Your workspace: the imported packages and the pinned organizer keys.
    Workspace {
        /// What to do with the workspace.
        #[command(subcommand)]
        action: WorkspaceAction,
    },
    /// The organizer's round folder: author its contents.
    Round {
        /// What to do with the round.
        #[command(subcommand)]
        action: RoundCommand,
    },
}

/// `reviewdesk round …`
#[derive(Debug, Subcommand)]
pub enum RoundCommand {
    /// Import applicants from a spreadsheet (XLSX, XLS, ODS, or CSV in UTF-8 or GBK)
    /// into DIR/round.toml, by credit code; with any error nothing is written.
    Applicants {
        /// The round folder.
        dir: PathBuf,
        /// The spreadsheet.
        file: PathBuf,
        /// The sheet to read (default: the first).
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
    },
    /// The eligibility check (形式审查) against the template's checklist: without
    /// --applicant, every applicant's status (passed, failed with the reasons, or
    /// what is not yet recorded); with --applicant, record conditions as met or not
    /// met into DIR/round.toml — an applicant with a condition not met is left out
    /// of the review. Any refusal writes nothing (exit 1).
    #[command(group(
        ArgGroup::new("outcome")
            .args(["met", "all_met", "not_met"])
            .multiple(false)
            .requires_all(["applicant", "by"])
    ))]
    Eligibility {
        /// The round folder.
        dir: PathBuf,
        /// The applicant whose check to record (A01).
        #[arg(long, value_name = "ID", requires = "outcome")]
        applicant: Option<String>,
        /// These checklist items are met.
        #[arg(long, value_name = "ITEM", num_args = 1..)]
        met: Vec<String>,
        /// Every item of the template's checklist is met.
        #[arg(long)]
        all_met: bool,
        /// This checklist item is not met (needs --note).
        #[arg(long, value_name = "ITEM")]
        not_met: Option<String>,
        /// Why the item is not met: kept and shown in the results.
        #[arg(long, value_name = "TEXT", requires = "not_met", conflicts_with_all = ["met", "all_met"])]
        note: Option<String>,
        /// Who checked (审查人).
        #[arg(long, value_name = "NAME", requires = "applicant")]
        by: Option<String>,
        /// The day of the check (default: today in China Standard Time).
        #[arg(long, value_name = "YYYY-MM-DD", requires = "applicant")]
        on: Option<String>,
    },
    /// Import material files (PDF, PNG, JPEG) from FOLDER into DIR/materials and
    /// the `[[material]]` tables of DIR/round.toml: by subfolder (applicant id,
    /// credit code or name) or the credit code or name in the file name; kind and
    /// date of issue from the name. Re-running updates, never duplicates; any other
    /// file (.docx, .xlsx …) is refused and nothing is written.
    Materials {
        /// The round folder.
        dir: PathBuf,
        /// The folder of material files.
        folder: PathBuf,
    },
    /// Record why a stale material is accepted all the same (its `stale_reason`);
    /// an empty TEXT removes it.
    MaterialReason {
        /// The round folder.
        dir: PathBuf,
        /// The material id (M01).
        material: String,
        /// The reason.
        text: String,
    },
    /// List everything that would block sealing DIR; exit 0 only when nothing does.
    Check {
        /// The round folder.
        dir: PathBuf,
    },
    /// Assign experts to applicants automatically (no conflict of interest, no upheld
    /// recusal, one expert per employer and applicant) and write the assignment into
    /// DIR/round.toml with its seed; on a shortage nothing is written (exit 1).
    Assign {
        /// The round folder.
        dir: PathBuf,
        /// The seed (default: the round's assignment_seed, else 0); the same seed
        /// and round give the same assignment.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(0..=i64::MAX as u64))]
        seed: Option<u64>,
        /// Show what would change and write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Experts per applicant (default: the template's quorum).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
        per_applicant: Option<u32>,
        /// The most applicants one expert reviews (default: no limit).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
        max_load: Option<u32>,
        /// Fix a pair by hand (指定): APPLICANT:EXPERT, e.g. A01:E02; repeatable. Given,
        /// the pins replace those recorded in round.toml (kept otherwise).
        #[arg(long, value_name = "APPLICANT:EXPERT", value_parser = pair_arg, conflicts_with = "no_pins")]
        pin: Vec<(String, String)>,
        /// Forbid a pair by hand (排除): APPLICANT:EXPERT; repeatable; replaces the
        /// recorded bans.
        #[arg(long, value_name = "APPLICANT:EXPERT", value_parser = pair_arg, conflicts_with = "no_bans")]
        ban: Vec<(String, String)>,
        /// Remove the pins recorded in round.toml.
        #[arg(long)]
        no_pins: bool,
        /// Remove the bans recorded in round.toml.
        #[arg(long)]
        no_bans: bool,
    },
    /// Import the panel from an expert list (XLSX, XLS, ODS, or CSV in UTF-8 or GBK)
    /// and key cards (.card files or folders of them): the [panel] of DIR/round.toml
    /// and DIR/cards/<id>.card; with any error nothing is written or copied.
    Panel {
        /// The round folder.
        dir: PathBuf,
        /// The expert list.
        #[arg(long, value_name = "FILE")]
        experts: PathBuf,
        /// The sheet to read (default: the first).
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
        /// Key cards: .card files, or folders of them (the chair's, the experts', at
        /// most one organizer's).
        #[arg(value_name = "CARD_OR_DIR")]
        cards: Vec<PathBuf>,
    },
    /// List every conflict of interest found from the experts' current and former
    /// employers (by credit code, else name), and the dismissals.
    Conflicts {
        /// The round folder.
        dir: PathBuf,
    },
    /// Dismiss a conflict of interest found from employers, with a reason
    /// (a [[conflict_dismissal]] table, dated today).
    Dismiss {
        /// The round folder.
        dir: PathBuf,
        /// The expert id (E01).
        #[arg(long, value_name = "ID")]
        expert: String,
        /// The applicant id (A01).
        #[arg(long, value_name = "ID")]
        applicant: String,
        /// Why it is not a conflict (required, not empty).
        #[arg(long, value_name = "TEXT")]
        reason: String,
        /// Who decided.
        #[arg(long, value_name = "NAME")]
        by: String,
    },
    /// Enter an applicant's recusal request (申请回避) about an expert; it stays
    /// pending (and blocks sealing) until ruled with `round rule`.
    Recusal {
        /// The round folder.
        dir: PathBuf,
        /// The applicant id (A01).
        #[arg(long, value_name = "ID")]
        applicant: String,
        /// The expert id (E01).
        #[arg(long, value_name = "ID")]
        expert: String,
        /// The applicant's reasons.
        #[arg(long, value_name = "TEXT")]
        reason: String,
        /// The day the request was received (YYYY-MM-DD).
        #[arg(long, value_name = "YYYY-MM-DD")]
        received: Option<String>,
    },
    /// Rule on a pending recusal request: upheld (the expert recuses) or rejected,
    /// with the ruling's reason, who ruled and when (default: today).
    #[command(group(ArgGroup::new("ruling").required(true).args(["upheld", "rejected"])))]
    Rule {
        /// The round folder.
        dir: PathBuf,
        /// The applicant id (A01).
        #[arg(long, value_name = "ID")]
        applicant: String,
        /// The expert id (E01).
        #[arg(long, value_name = "ID")]
        expert: String,
        /// Uphold the request: the expert does not review the applicant.
        #[arg(long)]
        upheld: bool,
        /// Reject the request: the expert reviews the applicant.
        #[arg(long)]
        rejected: bool,
        /// The ruling's reason.
        #[arg(long, value_name = "TEXT")]
        reason: String,
        /// Who ruled.
        #[arg(long, value_name = "NAME")]
        by: String,
        /// The day of the ruling (YYYY-MM-DD; default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        on: Option<String>,
    },
    /// Create a round folder: round.toml (the program; no applicants or panel yet),
    /// materials/ and cards/. Refuses a folder that already has a round.toml.
    New {
        /// The round folder (created if missing); its name becomes the round's id.
        dir: PathBuf,
        /// A built-in template's id (see `reviewdesk template list`).
        #[arg(long, value_name = "ID")]
        template: String,
        /// The round's title (批次名称).
        #[arg(long, value_name = "TEXT")]
        title: String,
        /// Who runs it (主办单位).
        #[arg(long, value_name = "TEXT")]
        organizer: Option<String>,
        /// The last day sheets are accepted (YYYY-MM-DD).
        #[arg(long, value_name = "YYYY-MM-DD")]
        deadline: Option<String>,
        /// The last day applications were accepted (申报截止日, YYYY-MM-DD): material
        /// freshness is counted back from it.
        #[arg(long, value_name = "YYYY-MM-DD")]
        application_deadline: Option<String>,
    },
    /// Close a stage from the chair's interim result bundle: print who goes on
    /// (the gate's result) and why the others do not, record the advance list in
    /// DIR/round.toml with the next package revision and seal the package family
    /// into the empty folder OUT (the next stage open only for those who go on);
    /// the list itself as OUT/advance.pdf and OUT/advance.csv.
    #[command(group(ArgGroup::new("key").required(true).args(["as_name", "signing_key"])))]
    Advance {
        /// The round folder.
        dir: PathBuf,
        /// The chair's result bundle after the stage.
        #[arg(long, value_name = "FILE")]
        bundle: PathBuf,
        /// The stage to close (default: the first whose next stage is not open yet).
        #[arg(long, value_name = "ID")]
        stage: Option<String>,
        /// Only print and write the advance list; change and seal nothing.
        #[arg(long)]
        list_only: bool,
        /// The organizer's identity in the system keyring, by name.
        #[arg(long = "as", value_name = "NAME")]
        as_name: Option<String>,
        /// Instead of --as (scripts, tests): the organizer's OpenSSH Ed25519 key file.
        #[arg(long, value_name = "FILE", requires = "identity")]
        signing_key: Option<PathBuf>,
        /// With --signing-key: the organizer's age identity file.
        #[arg(long, value_name = "FILE", requires = "signing_key")]
        identity: Option<PathBuf>,
        /// The output folder (empty or new).
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: PathBuf,
    },
    /// Take over the site-visit draw a chair's result bundle records: the sample
    /// into DIR/round.toml with the next package revision, and the package family
    /// sealed into the empty folder OUT (the sampled stage open for those drawn).
    #[command(group(ArgGroup::new("key").required(true).args(["as_name", "signing_key"])))]
    Sample {
        /// The round folder.
        dir: PathBuf,
        /// The chair's result bundle with the draw.
        #[arg(long, value_name = "FILE")]
        bundle: PathBuf,
        /// The organizer's identity in the system keyring, by name.
        #[arg(long = "as", value_name = "NAME")]
        as_name: Option<String>,
        /// Instead of --as: the organizer's OpenSSH Ed25519 key file.
        #[arg(long, value_name = "FILE", requires = "identity")]
        signing_key: Option<PathBuf>,
        /// With --signing-key: the organizer's age identity file.
        #[arg(long, value_name = "FILE", requires = "signing_key")]
        identity: Option<PathBuf>,
        /// The output folder (empty or new).
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: PathBuf,
    },
    /// Add a substitute expert (替补专家) for applicants short of quorum: the key
    /// card verified and put into DIR/cards, conflicts of interest checked, the
    /// expert on the panel and assigned, the next package revision recorded; the
    /// substitute's package and the whole one naming the enlarged family sealed
    /// into the empty folder OUT. Every other expert keeps their package.
    #[command(group(ArgGroup::new("key").required(true).args(["as_name", "signing_key"])))]
    Substitute {
        /// The round folder.
        dir: PathBuf,
        /// The substitute's key card (role expert; the name is the card's).
        #[arg(long, value_name = "FILE")]
        card: PathBuf,
        /// The applicants the substitute reviews (repeatable).
        #[arg(long = "for", value_name = "APPLICANT", required = true)]
        applicants: Vec<String>,
        /// The substitute's employer (工作单位).
        #[arg(long, value_name = "TEXT")]
        affiliation: String,
        /// The employer's unified social credit code, when known.
        #[arg(long, value_name = "CODE")]
        affiliation_code: Option<String>,
        /// Field of expertise in Chinese.
        #[arg(long, value_name = "TEXT")]
        field_zh: String,
        /// Field of expertise in English.
        #[arg(long, value_name = "TEXT")]
        field_en: String,
        /// The whole-round package handed out last (its family is kept).
        #[arg(long, value_name = "FILE")]
        previous: PathBuf,
        /// The organizer's identity in the system keyring, by name.
        #[arg(long = "as", value_name = "NAME")]
        as_name: Option<String>,
        /// Instead of --as: the organizer's OpenSSH Ed25519 key file.
        #[arg(long, value_name = "FILE", requires = "identity")]
        signing_key: Option<PathBuf>,
        /// With --signing-key: the organizer's age identity file.
        #[arg(long, value_name = "FILE", requires = "signing_key")]
        identity: Option<PathBuf>,
        /// The output folder (empty or new).
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: PathBuf,
    },
}

/// `reviewdesk draw …`
#[derive(Debug, Subcommand)]
pub enum DrawAction {
    /// Recompute the draw (seed, candidates, sample) from a result bundle's signed sheets, round, template and announced value; exit 0 only when it matches the bundle.
    #[command(group(ArgGroup::new("key").required(true).args(["as_name", "identity"])))]
    Verify {
        /// The result bundle.
        bundle: PathBuf,
        /// Require the bundle's package to be signed by this organizer (SHA256:…).
        #[arg(long, value_name = "FINGERPRINT")]
        organizer: Option<String>,
        /// An identity in the system keyring, by name (the organizer's or the chair's).
        #[arg(long = "as", value_name = "NAME", conflicts_with = "identity")]
        as_name: Option<String>,
        /// Instead of --as: an age identity file.
        #[arg(long, value_name = "FILE")]
        identity: Option<PathBuf>,
    },
}

/// `reviewdesk workspace …`
#[derive(Debug, Subcommand)]
pub enum WorkspaceAction {
    /// List the imported packages (current or superseded) and the pinned organizer keys.
    List,
}

/// `reviewdesk recheck …`
#[derive(Debug, Subcommand)]
pub enum RecheckAction {
    /// Write a re-check request for one expert: the divergence flags of the sheets
    /// given (checked as by merge) on the cells named, or every flag of the expert;
    /// signed by the chair, encrypted to the expert and the chair.
    #[command(group(ArgGroup::new("chair").required(true).args(["as_name", "key"])))]
    #[command(group(ArgGroup::new("cells").required(true).args(["entries", "flagged"])))]
    Request {
        /// The package the sheets are for (the whole round's package).
        #[arg(long, value_name = "PKG")]
        package: PathBuf,
        /// Require the package to be signed by this organizer (SHA256:…).
        #[arg(long, value_name = "FINGERPRINT")]
        organizer: Option<String>,
        /// The chair's identity in the system keyring, by name (`reviewdesk key list`).
        #[arg(long = "as", value_name = "NAME", conflicts_with = "identity")]
        as_name: Option<String>,
        /// Instead of --as (scripts, tests): the chair's signing key, an unencrypted
        /// OpenSSH Ed25519 private key file; needs --identity.
        #[arg(
            long = "key",
            visible_alias = "signing-key",
            value_name = "FILE",
            requires = "identity"
        )]
        key: Option<PathBuf>,
        /// With --key: the chair's age identity file.
        #[arg(long, value_name = "FILE", requires = "key")]
        identity: Option<PathBuf>,
        /// The score sheets in force: files (NAME.rdsheet) or folders of them.
        #[arg(long, value_name = "SHEET_OR_DIR", num_args = 1.., required = true)]
        sheets: Vec<PathBuf>,
        /// The expert asked to re-check (person id).
        #[arg(long, value_name = "ID")]
        expert: String,
        /// A cell to re-check: APPLICANT/STAGE/INDICATOR, or APPLICANT/STAGE for the
        /// stage total; it must carry a divergence flag of the expert. Repeatable.
        #[arg(long = "entry", value_name = "CELL")]
        entries: Vec<String>,
        /// Instead of --entry: every divergence flag of the expert.
        #[arg(long, conflicts_with = "entries")]
        flagged: bool,
        /// The chair's note on each flag (one line; line breaks become spaces).
        #[arg(long, value_name = "TEXT", default_value = "")]
        note: String,
        /// The request's number for this expert: 1 for the first, then one more for
        /// each later request (the expert's desk refuses an older or equal one).
        #[arg(long, value_name = "N", default_value_t = 1)]
        sequence: u32,
        /// Where to write the request (NAME.rdrecheck).
        #[arg(
            short = 'o',
            long = "out",
            visible_alias = "output",
            value_name = "FILE"
        )]
        output: PathBuf,
    },
    /// Verify a re-check request against its package's chair and print its flags.
    #[command(group(ArgGroup::new("who").required(true).args(["as_name", "identity"])))]
    Show {
        /// The request file (NAME.rdrecheck).
        file: PathBuf,
        /// The package it belongs to (the expert's own, or the chair's whole one).
        #[arg(long, value_name = "PKG")]
        package: PathBuf,
        /// Your identity in the system keyring, by name: the expert asked or the chair.
        #[arg(long = "as", value_name = "NAME", conflicts_with = "identity")]
        as_name: Option<String>,
        /// Instead of --as: an age identity file.
        #[arg(long, value_name = "FILE")]
        identity: Option<PathBuf>,
    },
}

/// `reviewdesk sheet …`
#[derive(Debug, Subcommand)]
pub enum SheetAction {
    /// Sign an expert's scores against a package, the way the expert desk does: the package imported into the expert's workspace (or found there), the scores entered at the desk (each change in the audit log), the next revision signed; the sheet is encrypted to the chair, the organizer and the expert.
    #[command(group(ArgGroup::new("key").required(true).args(["as_name", "signing_key"])))]
    Sign {
        /// The package the sheet is for.
        #[arg(long, value_name = "PKG")]
        package: PathBuf,
        /// The expert's identity in the system keyring, by name (`reviewdesk key list`).
        #[arg(long = "as", value_name = "NAME", conflicts_with = "identity")]
        as_name: Option<String>,
        /// Instead of --as (scripts, tests): the expert's signing key, an unencrypted
        /// OpenSSH Ed25519 private key file; needs --identity.
        #[arg(long, value_name = "FILE", requires = "identity")]
        signing_key: Option<PathBuf>,
        /// With --signing-key: the expert's age identity file (to open the package).
        #[arg(long, value_name = "FILE", requires = "signing_key")]
        identity: Option<PathBuf>,
        /// The scores: this expert's whole part (declarations, scores, verdicts, vetoes), JSON; what the workspace holds and the file no longer has is cleared (a declaration or a verdict cannot be withdrawn).
        #[arg(long, value_name = "SCORES.json")]
        input: PathBuf,
        /// The expert's workspace folder (default: the user's, as `reviewdesk import` uses); one workspace per expert.
        #[arg(long, value_name = "DIR")]
        workspace: Option<PathBuf>,
        /// The organizer's key fingerprint (SHA256:…), compared out of band: confirms it when the package is imported now and the key is not pinned yet.
        #[arg(long, value_name = "FINGERPRINT")]
        trust: Option<String>,
        /// Where to write the sheet: NAME.rdsheet, the name the chair's folder import takes.
        #[arg(short = 'o', long = "output", value_name = "SHEET")]
        output: PathBuf,
    },
    /// Decrypt a sheet, check it against its package and print it.
    #[command(group(ArgGroup::new("key").required(true).args(["as_name", "identity"])))]
    Show {
        /// The sheet.
        file: PathBuf,
        /// The expert's, the chair's or the organizer's identity in the system keyring, by name.
        #[arg(long = "as", value_name = "NAME")]
        as_name: Option<String>,
        /// Instead of --as: an age identity file of the expert, the chair or the organizer.
        #[arg(long, value_name = "FILE")]
        identity: Option<PathBuf>,
        /// The package the sheet belongs to.
        #[arg(long, value_name = "PKG")]
        package: PathBuf,
    },
}

/// `reviewdesk template …`
#[derive(Debug, Subcommand)]
pub enum TemplateAction {
    /// Parse and validate a template file; errors name the field.
    Check {
        /// The template file (TOML).
        file: PathBuf,
    },
    /// List the built-in templates.
    List,
}

/// `reviewdesk calendar …`
#[derive(Debug, Subcommand)]
pub enum CalendarAction {
    /// The N-th working day after DATE (YYYY-MM-DD).
    AddWorkingDays {
        /// The start date, YYYY-MM-DD.
        date: String,
        /// How many working days to add.
        n: u32,
    },
    /// Add a year to the organizer's calendar from a calendar year file typed from
    /// the State Council's notice (docs/formats.md, "Calendar year"): validated,
    /// stored in your workspace, and sealed into every package you seal after.
    Import {
        /// The calendar year file (TOML, `format = "reviewdesk-calendar-year/1"`).
        file: PathBuf,
        /// Replace another file imported before for the same year (recorded).
        #[arg(long)]
        replace: bool,
    },
    /// The years the calendar covers: shipped with ReviewDesk or added, with the source.
    List,
}

/// `reviewdesk key …`
#[derive(Debug, Subcommand)]
pub enum KeyAction {
    /// Create an identity (Ed25519 signing key + age X25519 key) in the system keyring;
    /// prints its fingerprint as the last line.
    New {
        /// The person's name, as it will appear on the key card.
        #[arg(long)]
        name: String,
        /// The person's role on the panel.
        #[arg(long, value_enum)]
        role: RoleArg,
    },
    /// List the identities on this computer (names, roles, fingerprints).
    List,
    /// Write an identity's public key card (self-signed) for the organizer.
    Card {
        /// The identity's name.
        #[arg(long)]
        name: String,
        /// The card file to write.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
    },
    /// Verify key cards and write an OpenSSH allowed_signers file for `ssh-keygen -Y verify`.
    AllowedSigners {
        /// The key cards.
        #[arg(required = true, value_name = "CARD")]
        cards: Vec<PathBuf>,
        /// The allowed_signers file to write.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
    },
    /// Write a passphrase-protected backup of an identity's private keys.
    Backup {
        /// The identity's name.
        #[arg(long)]
        name: String,
        /// The backup file to write.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
        /// Read the passphrase from the first line of this file instead of the terminal.
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Put an identity from a backup back into the system keyring.
    Restore {
        /// The backup file.
        file: PathBuf,
        /// Read the passphrase from the first line of this file instead of the terminal.
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
}

/// A panel role.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RoleArg {
    /// 评审专家
    Expert,
    /// 评审组长
    Chair,
    /// 主办单位
    Organizer,
}

/// A `--pin`/`--ban` value that is not `APPLICANT:EXPERT`.
#[derive(Debug, thiserror::Error)]
#[error("{0:?} is not APPLICANT:EXPERT (e.g. A01:E02)")]
pub struct PairArgError(String);

/// `APPLICANT:EXPERT` (e.g. `A01:E02`) for `round assign --pin/--ban`.
fn pair_arg(s: &str) -> Result<(String, String), PairArgError> {
    match s.split_once(':') {
        Some((a, e)) if !a.trim().is_empty() && !e.trim().is_empty() && !e.contains(':') => {
            Ok((a.trim().to_owned(), e.trim().to_owned()))
        }
        _ => Err(PairArgError(s.to_owned())),
    }
}

/// The organizer's key for a publication step: `--as NAME`, or `--key FILE` with
/// `--identity FILE` (scripts, tests).
#[derive(Debug, clap::Args)]
#[command(group(ArgGroup::new("organizer_key").required(true).args(["as_name", "key"])))]
pub struct OrganizerKeyArgs {
    /// The organizer's identity in the system keyring, by name.
    #[arg(long = "as", value_name = "NAME", conflicts_with_all = ["key", "identity"])]
    pub as_name: Option<String>,
    /// Instead of --as: the organizer's signing key, an unencrypted OpenSSH Ed25519 private key file; needs --identity.
    #[arg(
        long = "key",
        visible_alias = "signing-key",
        value_name = "FILE",
        requires = "identity"
    )]
    pub key: Option<PathBuf>,
    /// With --key: the organizer's age identity file (to open the bundle).
    #[arg(long, value_name = "FILE", requires = "key")]
    pub identity: Option<PathBuf>,
}

/// `reviewdesk notice …`
#[derive(Debug, Subcommand)]
pub enum NoticeAction {
    /// Publish a notice: the list from the verified bundle, the period from the program, PDF and CSV signed; prints the end date and the SHA-256 lines.
    New {
        /// The chair's result bundle.
        bundle: PathBuf,
        /// The first day of the notice (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        start: String,
        /// The publication folder (created on the first notice).
        #[arg(short = 'o', long = "output", value_name = "DIR")]
        output: PathBuf,
        /// Where and how to object (address, e-mail), printed on the notice.
        #[arg(long, value_name = "TEXT")]
        channel: String,
        /// The contact line printed on the notice.
        #[arg(long, value_name = "TEXT")]
        contact: String,
        /// The day of the step (default: today).
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
        #[command(flatten)]
        key: OrganizerKeyArgs,
    },
    /// Verify a notice (or final list) folder: the detached signatures and SHA256SUMS.
    Verify {
        /// The folder (notice-N or final).
        dir: PathBuf,
    },
}

/// `reviewdesk objection …`
#[derive(Debug, Subcommand)]
pub enum ObjectionAction {
    /// Register an objection: admitted, or refused with every reason (anonymous, no contact, no evidence, late …).
    Add {
        /// The publication folder.
        dir: PathBuf,
        /// The contested applicant's id.
        #[arg(long, value_name = "ID")]
        applicant: String,
        /// The objector's real name (empty: anonymous).
        #[arg(long, value_name = "TEXT", default_value = "")]
        name: String,
        /// The objector's organisation.
        #[arg(long, value_name = "TEXT", default_value = "")]
        organisation: String,
        /// Its credit code, or the person's ID number.
        #[arg(long, value_name = "TEXT", default_value = "")]
        id_code: String,
        /// Contact details.
        #[arg(long, value_name = "TEXT", default_value = "")]
        contact: String,
        /// The grounds.
        #[arg(long, value_name = "TEXT", default_value = "")]
        grounds: String,
        /// An evidence file (copied into the folder by its SHA-256); repeat for more.
        #[arg(long, value_name = "FILE")]
        evidence: Vec<PathBuf>,
        /// The day the objection was received (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        received: String,
        /// The day of the step (default: today).
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
        #[command(flatten)]
        key: OrganizerKeyArgs,
    },
    /// Add an investigation note to an admitted objection.
    Note {
        /// The publication folder.
        dir: PathBuf,
        /// The objection (O1, O2, …).
        id: String,
        /// The note.
        text: String,
        /// The day of the step (default: today).
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
        #[command(flatten)]
        key: OrganizerKeyArgs,
    },
    /// Rule on an admitted objection: upheld or rejected, with reasons.
    Rule {
        /// The publication folder.
        dir: PathBuf,
        /// The objection (O1, O2, …).
        id: String,
        /// The ruling.
        #[arg(long, value_enum)]
        outcome: OutcomeArg,
        /// The reasons.
        #[arg(long, value_name = "TEXT")]
        reasons: String,
        /// The day of the step (default: today).
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
        #[command(flatten)]
        key: OrganizerKeyArgs,
    },
    /// List the objections with their state and what is overdue (no key needed).
    List {
        /// The publication folder.
        dir: PathBuf,
        /// The day to judge overdue replies on (default: today).
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
    },
}

/// `reviewdesk register …` (the organizer's workspace register, `docs/rules.md` rule 18).
#[derive(Debug, Subcommand)]
pub enum RegisterAction {
    /// Apply a final archive (.rdarchive, verified first) or a result bundle (.rdbundle, with --as/--identity and --on): admissions or grades per unit, then the rules' proposals. Applying it again records nothing.
    Apply {
        /// The archive or bundle.
        file: PathBuf,
        /// The year an assessment round grades.
        #[arg(long, value_name = "YEAR")]
        year: Option<i32>,
        /// A bundle's decision date (an archive's is its final list's).
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
        /// A bundle: the organizer's identity in the keyring, by name.
        #[arg(long = "as", value_name = "NAME")]
        as_name: Option<String>,
        /// A bundle: the organizer's age identity file instead of --as.
        #[arg(long, value_name = "FILE")]
        identity: Option<PathBuf>,
    },
    /// Record one event in a unit's ledger (checked against the program file).
    Record {
        /// The unit's 统一社会信用代码.
        #[arg(long, value_name = "CODE")]
        unit: String,
        /// The program's id (assets/programs: gx-pool, gd-supplier, jx-dx-center, gd-empowerment).
        #[arg(long, value_name = "ID")]
        program: String,
        /// The event: applied, admitted, graded, report_due, report_filed, report_late, warned, rectified, reorganising, removed, revoked, banned, exited, change_filed, change_approved, complaint_verified, annulled.
        #[arg(long, value_name = "KIND")]
        event: String,
        /// The event's date (YYYY-MM-DD; default today).
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// graded: the year graded.
        #[arg(long, value_name = "Y")]
        year: Option<i32>,
        /// graded: the grade (id or label, e.g. unqualified or 不合格).
        #[arg(long, value_name = "LABEL")]
        grade: Option<String>,
        /// removed, revoked, banned: the cause id of the program file.
        #[arg(long, value_name = "CAUSE")]
        cause: Option<String>,
        /// applied, admitted, change_approved: the unit's (new) name.
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
        /// Reports: the period (2026Q1, 2025); report_filed defaults to the oldest open one.
        #[arg(long, value_name = "PERIOD")]
        period: Option<String>,
        /// warned, banned, report_due: the deadline, ban end or due date (default from the rules).
        #[arg(long, value_name = "DATE")]
        until: Option<String>,
        /// The earlier line (seq) this event corrects; with --event annulled, voids it.
        #[arg(long, value_name = "SEQ")]
        corrects: Option<u32>,
        /// A note.
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// Every unit's status: credit code, name, program, status, since, banned until, open deadlines, may apply with reasons.
    Status {
        /// The date (default today).
        #[arg(long, value_name = "DATE")]
        at: Option<String>,
        /// Only this program.
        #[arg(long, value_name = "ID")]
        program: Option<String>,
        /// JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// A unit's ledger, line by line, and its status; with -o, as PDF.
    History {
        /// The unit's 统一社会信用代码.
        code: String,
        /// The date for the status (default today).
        #[arg(long, value_name = "DATE")]
        at: Option<String>,
        /// Write the history as PDF.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// What is due this month: reports due and overdue, rectification deadlines, bans ending.
    Due {
        /// The date (default today).
        #[arg(long, value_name = "DATE")]
        at: Option<String>,
    },
    /// The transitions the rules propose (warning, reorganisation, revocation, ban, removal), to confirm or reject.
    Proposals {
        /// The date (default today).
        #[arg(long, value_name = "DATE")]
        at: Option<String>,
        /// JSON instead of lines.
        #[arg(long)]
        json: bool,
    },
    /// Confirm a proposal: its events are recorded with the reason.
    Confirm {
        /// The proposal's id (from `register proposals`).
        id: String,
        /// Why (recorded).
        #[arg(long, value_name = "TEXT")]
        reason: String,
        /// The decision's date (default today).
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
    },
    /// Reject a proposal: the rejection is recorded with the reason; it is not proposed again.
    Reject {
        /// The proposal's id.
        id: String,
        /// Why (recorded).
        #[arg(long, value_name = "TEXT")]
        reason: String,
        /// The decision's date (default today).
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
    },
    /// Sign a checkpoint of the register: the head hash of every ledger.
    Checkpoint {
        /// The organizer's identity in the keyring, by name.
        #[arg(
            long = "as",
            value_name = "NAME",
            required_unless_present = "signing_key",
            conflicts_with = "signing_key"
        )]
        as_name: Option<String>,
        /// Instead of --as: an unencrypted OpenSSH Ed25519 private key file (scripts, tests).
        #[arg(long, value_name = "FILE")]
        signing_key: Option<PathBuf>,
        /// The checkpoint file to write.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
        /// The year it closes (default: this year).
        #[arg(long, value_name = "Y")]
        year: Option<i32>,
    },
    /// Verify a checkpoint against the register: exit 0 only when no ledger's past changed.
    Verify {
        /// The checkpoint file.
        file: PathBuf,
    },
    /// The catalogue of units in good standing on 31 December of a year, per program: PDF and CSV.
    Catalogue {
        /// The year.
        #[arg(long, value_name = "Y")]
        year: i32,
        /// The folder to write into (created if needed).
        #[arg(short = 'o', long = "output", value_name = "DIR")]
        output: PathBuf,
    },
    /// The register as an XLSX workbook (statuses and every ledger line).
    Export {
        /// The date for the statuses (default today).
        #[arg(long, value_name = "DATE")]
        at: Option<String>,
        /// The workbook to write.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
    },
}

/// `reviewdesk archive …`
#[derive(Debug, Subcommand)]
pub enum ArchiveAction {
    /// Verify an archive: every signature and hash, and the final list recomputed from its contents; exit 0 only when all hold.
    Verify {
        /// The archive (NAME.rdarchive).
        file: PathBuf,
    },
}

/// A ruling.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum OutcomeArg {
    /// 异议成立
    Upheld,
    /// 异议不成立
    Rejected,
}

/// The cause of an amendment.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum CauseArg {
    /// 计算错误
    CalculationError,
    /// 分值超出指标范围
    ScoreOutOfRange,
    /// 客观评分项评分不一致
    ObjectiveItemInconsistent,
    /// 畸高畸低评分
    AbnormalScore,
    /// 异议成立
    UpheldObjection,
}
