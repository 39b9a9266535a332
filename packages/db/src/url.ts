/** A connection URL with its password masked, safe for logs and error messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "<unparseable URL>";
  }
}

/** Checks the shape of a postgres:// URL; returns a reason when it is not usable. */
export function postgresUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "is not a URL";
  }
  if (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:") {
    return `must start with postgres:// (got ${parsed.protocol}//)`;
  }
  if (!parsed.hostname) return "names no host";
  return undefined;
}
