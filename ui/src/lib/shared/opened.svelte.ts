/**
 * The file the app was asked to open (given on its command line, double-clicked in
 * the file manager, or handed over by a second launch), until its desk takes it.
 * The frame switches to the file's desk; the desk's import screen takes the file
 * when it is shown (after an identity is chosen, and for a sheet, a package opened).
 */
import type { OpenedFileView } from "../bindings/OpenedFileView";
import type { OpenedFileKind } from "../bindings/OpenedFileKind";

export const opened = $state<{
  /** Waiting for its desk. */
  pending: OpenedFileView | null;
  /** The last file opened, for the frame's notice (kept after its desk took it). */
  last: OpenedFileView | null;
}>({ pending: null, last: null });

/** A file arrives: it waits for its desk and the notice names it. */
export function arrive(file: OpenedFileView) {
  opened.pending = file;
  opened.last = file;
}

/** Takes the waiting file if it is of `kind` (once). */
export function take(kind: OpenedFileKind): OpenedFileView | null {
  const f = opened.pending;
  if (f && f.kind === kind) {
    opened.pending = null;
    return f;
  }
  return null;
}

/** The file name of a path (either separator). */
export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
