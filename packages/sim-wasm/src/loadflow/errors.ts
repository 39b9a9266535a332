import type { NetworkIssue } from "@ampflux/contracts";

/** The network or the options cannot be solved; `issues` name the JSON path and the reason. */
export class LoadFlowInputError extends Error {
  override name = "LoadFlowInputError";

  readonly issues: NetworkIssue[];

  constructor(message: string, issues: NetworkIssue[]) {
    super(`${message}: ${issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    this.issues = issues;
  }
}
