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

/** What parseOptions needs of a (zod) schema. */
interface OptionsSchema<T> {
  safeParse(
    input: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

/**
 * Options parsed with their schema, or ShortCircuitInputError("invalid options") naming each
 * refused option's path, as every engine entry point reports them.
 */
export function parseOptions<T>(schema: OptionsSchema<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new ShortCircuitInputError(
    "invalid options",
    parsed.error.issues.map((i) => ({
      path: i.path.map((k) => (typeof k === "number" ? k : String(k))),
      message: i.message,
    })),
  );
}
