/**
 * Native file dialogs. The shell opens the system's Open, Save or folder dialog
 * (`pick`); the UI only says what the file is for and words the title in its
 * language. Paths are never typed.
 */
import { invoke } from "../ipc";
import type { PickKind } from "../bindings/PickKind";
import { i18n } from "../i18n/index.svelte";
import type { MessageKey } from "../i18n/zh";

/** Asks for paths of `kind`; `null` when the user cancels. */
export async function pick(kind: PickKind, suggested?: string): Promise<string[] | null> {
  const title = i18n.t(`shared.pick.${kind}` as MessageKey);
  const filter = i18n.t(`shared.filter.${kind}` as MessageKey);
  const paths = await invoke("pick", { kind, title, filter, suggested: suggested ?? null });
  return paths && paths.length > 0 ? paths : null;
}

/** Asks for one path of `kind`; `null` when the user cancels. */
export async function pickOne(kind: PickKind, suggested?: string): Promise<string | null> {
  const paths = await pick(kind, suggested);
  return paths ? paths[0]! : null;
}

/**
 * Listens for files dropped on the window while the component lives; returns the
 * cleanup for `onMount`.
 */
export function onDrop(handler: (paths: string[]) => void): () => void {
  let unlisten: (() => void) | undefined;
  let gone = false;
  import("@tauri-apps/api/webview")
    .then(({ getCurrentWebview }) =>
      getCurrentWebview().onDragDropEvent((ev) => {
        if (ev.payload.type === "drop" && ev.payload.paths.length > 0) handler(ev.payload.paths);
      }),
    )
    .then((u) => {
      if (gone) u();
      else unlisten = u;
    })
    .catch(() => {});
  return () => {
    gone = true;
    unlisten?.();
  };
}
