/**
 * The one wrapper around Tauri's `invoke`. Every command the UI calls is listed in
 * `Commands` with its arguments and result; every failure comes out as a
 * `BackendError` carrying the shell's stable `ErrorCode`, so screens branch on the
 * code and never on message text.
 */
import { invoke as tauriInvoke } from "@tauri-apps/api/core";
import type { ErrorCode } from "./bindings/ErrorCode";
import type { IpcError } from "./bindings/IpcError";
import type { RoundOverview } from "./bindings/RoundOverview";
import type { IdentityView } from "./bindings/IdentityView";
import type { ImportView } from "./bindings/ImportView";
import type { PackageView } from "./bindings/PackageView";
import type { DeskView } from "./bindings/DeskView";
import type { SignedView } from "./bindings/SignedView";
import type { ChairPackageView } from "./bindings/ChairPackageView";
import type { ChairView } from "./bindings/ChairView";
import type { ChairImportView } from "./bindings/ChairImportView";
import type { BundleView } from "./bindings/BundleView";
import type { RecheckExportView } from "./bindings/RecheckExportView";
import type { HomeView } from "./bindings/HomeView";
import type { OrganizerView } from "./bindings/OrganizerView";
import type { TemplateView } from "./bindings/TemplateView";
import type { MaterialPlanView } from "./bindings/MaterialPlanView";
import type { MaterialImportView } from "./bindings/MaterialImportView";
import type { ApplicantPlanView } from "./bindings/ApplicantPlanView";
import type { ApplicantImportView } from "./bindings/ApplicantImportView";
import type { AssignRequestView } from "./bindings/AssignRequestView";
import type { AssignmentPlanView } from "./bindings/AssignmentPlanView";
import type { HandOutView } from "./bindings/HandOutView";
import type { ReportsView } from "./bindings/ReportsView";
import type { NewRoundView } from "./bindings/NewRoundView";
import type { PanelPlanView } from "./bindings/PanelPlanView";
import type { PanelImportView } from "./bindings/PanelImportView";
import type { ConflictsView } from "./bindings/ConflictsView";
import type { EligibilityView } from "./bindings/EligibilityView";
import type { EligibilityOutcomeView } from "./bindings/EligibilityOutcomeView";
import type { PickKind } from "./bindings/PickKind";
import type { ResultBundleView } from "./bindings/ResultBundleView";
import type { PublicationView } from "./bindings/PublicationView";
import type { NoticePublishedView } from "./bindings/NoticePublishedView";
import type { AmendInputView } from "./bindings/AmendInputView";
import type { CalendarYearView } from "./bindings/CalendarYearView";
import type { RegisterView } from "./bindings/RegisterView";
import type { UnitHistoryView } from "./bindings/UnitHistoryView";
import type { RegisterAppliedView } from "./bindings/RegisterAppliedView";
import type { RegisterRecordView } from "./bindings/RegisterRecordView";
import type { CheckpointVerifiedView } from "./bindings/CheckpointVerifiedView";
import type { PublishedFileView } from "./bindings/PublishedFileView";
import type { CalendarImportView } from "./bindings/CalendarImportView";
import type { AdvanceView } from "./bindings/AdvanceView";
import type { StageSealedView } from "./bindings/StageSealedView";
import type { SubstituteInputView } from "./bindings/SubstituteInputView";
import type { SubstitutedView } from "./bindings/SubstitutedView";
import type { FinalPublishedView } from "./bindings/FinalPublishedView";
import type { ObjectionInputView } from "./bindings/ObjectionInputView";
import type { AboutView } from "./bindings/AboutView";
import type { OpenedFileView } from "./bindings/OpenedFileView";
import type { RoleView } from "./bindings/RoleView";
import type { Lang } from "./i18n/index.svelte";

type None = Record<string, never>;

/** The shell's commands: name → arguments (camelCase, as Tauri passes them) and result. */
export interface Commands {
  home: { args: None; result: HomeView };
  round_overview: { args: None; result: RoundOverview };
  round_open_demo: { args: None; result: RoundOverview };
  cancel: { args: None; result: null };
  about: { args: None; result: AboutView };
  opened_file: { args: None; result: OpenedFileView | null };
  pick: {
    args: { kind: PickKind; title: string; filter: string; suggested: string | null };
    result: string[] | null;
  };
  identities: { args: None; result: IdentityView[] };
  identity_create: { args: { name: string; role: RoleView }; result: IdentityView };
  identity_restore: { args: { path: string; passphrase: string }; result: IdentityView };
  identity_choose: { args: { name: string }; result: IdentityView };
  identity_export_card: { args: { path: string }; result: string };
  packages: { args: None; result: PackageView[] };
  package_import: { args: { path: string; trust: string | null }; result: ImportView };
  desk_open: { args: { package: string }; result: DeskView };
  desk_view: { args: None; result: DeskView };
  desk_pledge: { args: None; result: DeskView };
  desk_declare: {
    args: { applicant: string; recuse: string | null; note: string };
    result: DeskView;
  };
  desk_score: {
    args: {
      applicant: string;
      stage: string;
      indicator: string;
      value: string;
      reason: string | null;
      comment: string;
    };
    result: DeskView;
  };
  desk_verdict: {
    args: { applicant: string; stage: string; pass: boolean; comment: string };
    result: DeskView;
  };
  desk_veto: {
    args: { applicant: string; indicator: string; reason: string | null };
    result: DeskView;
  };
  desk_recheck_import: { args: { path: string }; result: DeskView };
  desk_justify: {
    args: {
      request: number;
      applicant: string;
      stage: string;
      indicator: string | null;
      answer: "kept" | "changed";
      text: string;
    };
    result: DeskView;
  };
  desk_material_open: { args: { material: string }; result: number };
  desk_material_range: { args: { material: string; begin: number; end: number }; result: ArrayBuffer };
  desk_material_verified: { args: { material: string }; result: boolean };
  desk_image: { args: { material: string; maxPx: number }; result: ArrayBuffer };
  desk_sign: { args: { dir: string; lang: Lang }; result: SignedView };
  chair_packages: { args: None; result: ChairPackageView[] };
  chair_open: { args: { path: string; trust: string | null }; result: ChairView };
  chair_reopen: { args: { package: string }; result: ChairView };
  chair_view: { args: None; result: ChairView };
  chair_import: { args: { paths: string[] }; result: ChairImportView };
  chair_import_folder: { args: { dir: string }; result: ChairImportView };
  chair_recheck: {
    args: { expert: string; applicant: string; stage: string; indicator: string | null; note: string };
    result: ChairView;
  };
  chair_recheck_export: { args: { expert: string; path: string }; result: RecheckExportView };
  chair_opinion: { args: { applicant: string; opinion: string }; result: ChairView };
  chair_dissent: { args: { applicant: string; expert: string; note: string }; result: ChairView };
  chair_draw: { args: { announced: string }; result: ChairView };
  chair_sign: { args: { path: string }; result: BundleView };
  organizer_open: { args: { dir: string }; result: OrganizerView };
  organizer_templates: { args: None; result: TemplateView[] };
  organizer_new: {
    args: { dir: string; new: NewRoundView };
    result: OrganizerView;
  };
  organizer_view: { args: None; result: OrganizerView };
  organizer_applicants_plan: { args: { file: string; sheet: string | null }; result: ApplicantPlanView };
  organizer_applicants_import: { args: { file: string; sheet: string | null }; result: ApplicantImportView };
  organizer_materials_plan: { args: { folder: string }; result: MaterialPlanView };
  organizer_materials_import: { args: { folder: string }; result: MaterialImportView };
  organizer_material_reason: { args: { material: string; reason: string }; result: OrganizerView };
  organizer_assign: { args: { req: AssignRequestView; apply: boolean }; result: AssignmentPlanView };
  organizer_seal: { args: { out: string; lang: Lang }; result: HandOutView };
  chair_reports: { args: { bundle: string; out: string; lang: Lang }; result: ReportsView };
  organizer_panel_plan: { args: { file: string; cards: string[] }; result: PanelPlanView };
  organizer_panel_import: { args: { file: string; cards: string[] }; result: PanelImportView };
  organizer_conflicts: { args: None; result: ConflictsView };
  organizer_dismiss: {
    args: { expert: string; applicant: string; reason: string; by: string };
    result: ConflictsView;
  };
  organizer_recusal_add: { args: { applicant: string; expert: string; reason: string }; result: ConflictsView };
  organizer_recusal_rule: {
    args: { applicant: string; expert: string; upheld: boolean; reason: string; by: string };
    result: ConflictsView;
  };
  organizer_eligibility: { args: None; result: EligibilityView };
  organizer_bundle_open: { args: { path: string }; result: ResultBundleView };
  organizer_bundle_report: { args: { name: string; lang: Lang }; result: ArrayBuffer };
  organizer_bundle_export: { args: { out: string; lang: Lang }; result: ReportsView };
  organizer_publication: { args: None; result: PublicationView };
  organizer_notice: {
    args: { start: string; channel: string; contact: string; lang: Lang };
    result: NoticePublishedView;
  };
  organizer_objection_add: { args: { input: ObjectionInputView }; result: PublicationView };
  organizer_objection_note: { args: { id: string; text: string }; result: PublicationView };
  organizer_objection_rule: { args: { id: string; upheld: boolean; reasons: string }; result: PublicationView };
  organizer_publish_final: { args: { archive: string; lang: Lang }; result: FinalPublishedView };
  organizer_amend: { args: { input: AmendInputView }; result: PublicationView };
  calendar_years: { args: None; result: CalendarYearView[] };
  register_view: { args: { at: string | null }; result: RegisterView };
  register_history: { args: { unit: string; at: string | null }; result: UnitHistoryView };
  register_apply: { args: { archive: string; year: number | null }; result: RegisterAppliedView };
  register_decide: { args: { id: string; confirm: boolean; reason: string; at: string | null }; result: RegisterView };
  register_record: { args: { input: RegisterRecordView }; result: RegisterView };
  register_catalogue: { args: { year: number; out: string; lang: Lang }; result: ReportsView };
  register_export: { args: { out: string; lang: Lang }; result: PublishedFileView };
  register_history_pdf: { args: { unit: string; out: string; lang: Lang }; result: PublishedFileView };
  register_checkpoint: { args: { year: number; out: string }; result: PublishedFileView };
  register_verify: { args: { file: string }; result: CheckpointVerifiedView };
  calendar_import: { args: { path: string; replace: boolean }; result: CalendarImportView };
  organizer_advance: { args: { stage: string | null }; result: AdvanceView };
  organizer_advance_export: { args: { out: string; lang: Lang }; result: ReportsView };
  organizer_open_next_stage: { args: { out: string; lang: Lang }; result: StageSealedView };
  organizer_open_sampled_stage: { args: { out: string; lang: Lang }; result: StageSealedView };
  organizer_substitute: { args: { input: SubstituteInputView; out: string; lang: Lang }; result: SubstitutedView };
  organizer_eligibility_record: {
    args: { applicant: string; outcome: EligibilityOutcomeView; by: string };
    result: EligibilityView;
  };
}

/** A failure reported by the Rust shell (or the IPC layer itself). */
export class BackendError extends Error {
  readonly code: ErrorCode;
  /** Facts to show beside the UI's own words (e.g. fingerprints). */
  readonly details: Record<string, string>;
  /** The library's own sentence in Chinese (`message` is the English one). */
  readonly messageZh: string;
  constructor(code: ErrorCode, message: string, details: Record<string, string> = {}, messageZh = "") {
    super(message);
    this.name = "BackendError";
    this.code = code;
    this.details = details;
    this.messageZh = messageZh;
  }

  /** The shell's own sentence in the UI's language (English when it has no Chinese one). */
  sentence(lang: string): string {
    if (lang === "en") return this.message;
    // The shell's own errors have no Chinese sentence (it repeats the English one):
    // the hint and the facts stand alone on the Chinese screen.
    return this.messageZh !== this.message ? this.messageZh : "";
  }
}

function isIpcError(e: unknown): e is IpcError {
  return (
    typeof e === "object" &&
    e !== null &&
    typeof (e as { code?: unknown }).code === "string" &&
    typeof (e as { message?: unknown }).message === "string"
  );
}

/** Turns whatever `invoke` rejected with into a `BackendError`. */
export function toBackendError(e: unknown): BackendError {
  if (e instanceof BackendError) return e;
  if (isIpcError(e)) return new BackendError(e.code, e.message, e.details ?? {}, e.message_zh ?? "");
  return new BackendError("internal", e instanceof Error ? e.message : String(e));
}

type Invoker = (cmd: string, args?: Record<string, unknown>) => Promise<unknown>;
let invoker: Invoker = (cmd, args) => tauriInvoke(cmd, args);

/** Replaces the transport (unit tests only). */
export function setInvoker(next: Invoker): void {
  invoker = next;
}

/** Calls a shell command with typed arguments and result. */
export async function invoke<K extends keyof Commands>(
  cmd: K,
  args: Commands[K]["args"],
): Promise<Commands[K]["result"]> {
  try {
    return (await invoker(cmd, args)) as Commands[K]["result"];
  } catch (e) {
    throw toBackendError(e);
  }
}
