// Whether another user (the `postgres` account the embedded server runs as) can reach a path.

import { statSync } from "node:fs";
import path from "node:path";

/** True when every folder from `dir` up to `/` lets other users pass (o+x). */
export function traversableByOthers(dir: string): boolean {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0) return false;
    if (d === path.dirname(d)) return true;
  }
}

/** Postgres refuses to run as root, so as root the embedded server runs as this account. */
export const SERVER_ACCOUNT = "postgres";

export function runningAsRoot(): boolean {
  return process.getuid?.() === 0;
}
