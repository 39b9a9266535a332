import type { NetworkIssue } from "@ampflux/contracts";

/** The network or the options cannot be studied; `issues` name the JSON path and the reason. */
export class ShortCircuitInputError extends Error {
  override name = "ShortCircuitInputError";

  readonly issues: NetworkIssue[];

  constructor(message: string, issues: NetworkIssue[]) {
    super(`${message}: ${issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    this.issues = issues;
  }
}
