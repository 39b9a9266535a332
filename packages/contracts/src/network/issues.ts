/** JSON path into the document, e.g. ["lines", 3, "to_bus"]. */
export type IssuePath = (string | number)[];

export interface NetworkIssue {
  path: IssuePath;
  message: string;
}

/** What a cross-element check reports before validateNetwork sorts it into errors and warnings. */
export interface Finding extends NetworkIssue {
  severity: "error" | "warning";
}

/** "lines[3]" for messages that point at another element. */
export function describeElement(collection: string, index: number): string {
  return `${collection}[${index}]`;
}
