// `ampflux report --list --project ID`: the project's reports, newest first, one a line.

import type { Api } from "../client.ts";
import type { Io } from "../io.ts";
import { writeResult } from "../output.ts";

type Listed = Awaited<ReturnType<Api["reports"]["list"]["query"]>>[number];

/** "prepared by A, checked by B" or "none"; the signers' names as they signed. */
const approvals = (report: Listed) =>
  report.approvals.map((a) => `${a.role} by ${a.userName}`).join(", ") || "none";

/** Tab-separated: id, study id, version, status, current or outdated, approvals (cut -f1 gives the ids). */
export async function listReports(api: Api, projectId: string, io: Io): Promise<void> {
  const lines: string[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = await api.reports.list.query({ projectId, limit: 100, offset });
    for (const r of page) {
      const status = r.status === "failed" && r.error ? `failed: ${r.error.message}` : r.status;
      const state = r.outdated ? "outdated" : "current";
      lines.push(`${r.id}\t${r.simulationId}\tv${r.version}\t${status}\t${state}\t${approvals(r)}\n`);
    }
    if (page.length < 100) break;
  }
  await writeResult(io, lines.join(""), undefined);
}
