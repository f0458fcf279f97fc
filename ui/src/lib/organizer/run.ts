import type { OrganizerView } from "../bindings/OrganizerView";

/** How a step of the organizer desk runs a command: the desk shows it busy and shows the error, if any, in one place; the step gets the value or `null`. */
export type Runner = <T>(f: () => Promise<T>) => Promise<T | null>;

/** What the desk gives each step: the round as it stands, the runner, whether a command runs, and where a changed round goes. */
export type StepProps = {
  round: OrganizerView;
  run: Runner;
  busy: boolean;
  onchange: (r: OrganizerView) => void;
};
