/**
 * The facts of a failure that say where it happened, labelled in the UI's
 * language: the shell's English sentence is shown only in the English UI, so in
 * Chinese these are what locates the problem.
 */
import type { BackendError } from "../ipc";
import type { MessageKey } from "../i18n/zh";

/** Detail keys the shell sets, in the order they are shown, with their labels. */
const LOCATING: [string, MessageKey][] = [
  ["path", "shared.fact.path"],
  ["entry", "shared.fact.entry"],
  ["person", "shared.fact.person"],
  ["field", "shared.fact.field"],
  ["line", "shared.fact.line"],
  ["deadline", "shared.fact.deadline"],
  ["applicants", "shared.fact.applicants"],
  ["schema", "shared.fact.schema"],
  ["schema_known", "shared.fact.schema_known"],
];

export interface Fact {
  key: string;
  label: MessageKey;
  value: string;
}

/** The locating facts `error` carries. */
export function located(error: BackendError): Fact[] {
  return LOCATING.filter(([k]) => error.details[k]).map(([key, label]) => ({
    key,
    label,
    value: error.details[key]!,
  }));
}
