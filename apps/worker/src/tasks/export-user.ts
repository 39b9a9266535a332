import type { Task } from "graphile-worker";
import { buildUserArchive } from "../exports/user-archive.ts";
import { exportTask } from "./export-company.ts";
import type { TaskDeps } from "./study.ts";

/** One user's data export (export-company.ts runs it; user-archive.ts says what it holds). */
export const exportUserTask = (deps: TaskDeps): Task =>
  exportTask(deps, (db, claimed, progress) => buildUserArchive(db, claimed.requestedBy, progress));
