import { invoke } from "../ipc";

/** The name recorded as who decided: the identity in use, when there is one (the organizer can change it). */
export async function currentName(): Promise<string> {
  try {
    const home = await invoke("home", {});
    return home.current?.name ?? "";
  } catch {
    return "";
  }
}
