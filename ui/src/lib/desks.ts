/**
 * The desks of the app, registered in one place: the top bar's tabs and the home
 * screen's entries are made from this list (no hard-coded tab list elsewhere).
 */
import type { Component } from "svelte";
import type { DeskKind } from "./bindings/DeskKind";
import type { MessageKey } from "./i18n/zh";
import ExpertFlow from "./expert/ExpertFlow.svelte";
import ChairFlow from "./chair/ChairFlow.svelte";
import OrganizerDesk from "./organizer/OrganizerDesk.svelte";

export interface Desk {
  id: DeskKind;
  /** The tab's and the entry's name. */
  title: MessageKey;
  /** One line on the home screen: who it is for and what it does. */
  hint: MessageKey;
  component: Component;
}

export const desks: Desk[] = [
  { id: "expert", title: "nav.expert", hint: "home.desk_hint.expert", component: ExpertFlow },
  { id: "chair", title: "nav.chair", hint: "home.desk_hint.chair", component: ChairFlow },
  { id: "organizer", title: "nav.organizer", hint: "home.desk_hint.organizer", component: OrganizerDesk },
];
