//! The types that cross ReviewDesk's IPC boundary between the Rust shell and the
//! TypeScript UI: read-only views built from domain values, and [`IpcError`], the
//! one error every command returns, with a stable machine-readable [`ErrorCode`].
//!
//! Every type here derives `ts_rs::TS`; `ui/src/lib/bindings/` holds the
//! generated TypeScript, committed, and the `bindings_are_current` test fails when
//! it drifts (`UPDATE_BINDINGS=1 cargo test -p reviewdesk-ipc` rewrites it).

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod about;
mod authoring;
mod calendar;
mod chair;
mod desk;
mod error;
mod home;
mod opened;
mod organizer;
mod overview;
mod publication;
mod register;
mod result;
mod stages;

pub use about::{AboutView, NoticeView};
pub use authoring::{
    ApplicantEligibilityView, ConflictGroundView, ConflictView, ConflictsView, DecisionView,
    EligibilityItemView, EligibilityMarkView, EligibilityOutcomeView, EligibilityView,
    ExpertColumnView, PanelImportView, PanelMemberView, PanelPlanView, PanelProblemView,
    RecusalView, RegisterFlagView,
};
pub use calendar::{CalendarImportView, CalendarYearView};
pub use chair::{
    AuditSummaryView, BundleView, ChairApplicant, ChairImportView, ChairPackageView, ChairPerson,
    ChairSheetView, ChairView, DissentView, DrawView, FlagView, ImportLineView, JustificationView,
    MatrixCell, MethodView, NamedView, OpinionView, QuorumView, RecheckExportView, ReportsView,
    ResultRow, SentRecheckView, StageResultView,
};
pub use desk::{
    DeskApplicant, DeskIndicator, DeskMaterial, DeskRecheckFlag, DeskRequest, DeskScore, DeskSheet,
    DeskStage, DeskStageProgress, DeskState, DeskVerdict, DeskVeto, DeskView, FreshnessView,
    IdentityView, ImportView, PackageView, SignedView,
};
pub use error::{ErrorCode, IpcError};
pub use home::{DeskKind, HomeView, OrganizerRoundView, PickKind, ProgressView, RoleView};
pub use opened::{OpenedFileKind, OpenedFileView};
pub use organizer::{
    AcceptedFileView, ApplicantImportView, ApplicantPlanView, AssignRequestView, AssignedPanelView,
    AssignmentPlanView, BlockerCode, BlockerView, FileProblemCode, FileProblemView,
    HandOutLineView, HandOutView, MappedColumnView, MaterialImportView, MaterialPlanView,
    NewRoundView, OrganizerView, RowProblemCode, RowProblemView, SheetFieldView, ShortageView,
    TemplateView,
};
pub use overview::{
    ApplicantRow, ExpertRow, LocalizedText, RecusalRequestRow, RoundOverview, RulingView,
    StageKindView, StageRow,
};
pub use publication::{
    AmendChangeView, AmendDiffView, AmendInputView, AmendmentView, FinalPublishedView,
    NoticePublishedView, NoticeSettingsView, ObjectionInputView, ObjectionRulingView,
    ObjectionView, PublicNoticeView, PublicationView, PublishedFileView, StandingView,
};
pub use register::{
    CheckpointVerifiedView, DueItemView, LedgerLineView, ProposalView, RegisterAppliedView,
    RegisterDeadlineView, RegisterProgramView, RegisterReasonView, RegisterRecordView,
    RegisterView, UnitHistoryView, UnitStatusView,
};
pub use result::{ChainPersonView, ChainSheetView, ChainView, ResultBundleView};
pub use stages::{
    AdvanceRowView, AdvanceView, StageSealedView, SubstituteInputView, SubstitutedView,
};
