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

/** The shell's commands: name → arguments and result. */
export interface Commands {
  round_overview: { args: Record<string, never>; result: RoundOverview };
}

/** A failure reported by the Rust shell (or the IPC layer itself). */
export class BackendError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = "BackendError";
    this.code = code;
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
  if (isIpcError(e)) return new BackendError(e.code, e.message);
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
