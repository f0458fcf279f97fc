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
 * Subscribes while a component lives: `subscribe` resolves to its own cleanup
 * (as Tauri's listeners do); the returned function, for `onMount`, cleans up also
 * when the component goes before the subscription is made. Outside the desktop
 * shell (unit tests) nothing happens.
 */
export function whileMounted(subscribe: () => Promise<() => void>): () => void {
  let unlisten: (() => void) | undefined;
  let gone = false;
  subscribe()
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

/** Listens for files dropped on the window while the component lives. */
export function onDrop(handler: (paths: string[]) => void): () => void {
  return whileMounted(async () => {
    const { getCurrentWebview } = await import("@tauri-apps/api/webview");
    return getCurrentWebview().onDragDropEvent((ev) => {
      if (ev.payload.type === "drop" && ev.payload.paths.length > 0) handler(ev.payload.paths);
    });
  });
}
