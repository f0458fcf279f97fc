/** How a step of the organizer desk runs a command: the desk shows it busy and shows the error, if any, in one place; the step gets the value or `null`. */
export type Runner = <T>(f: () => Promise<T>) => Promise<T | null>;
