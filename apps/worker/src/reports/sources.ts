// What the report renderers' model builder (buildReportModel in @ampflux/reports) takes, from
// the rows load.ts read: the builder decides the content, this only maps names.

import type { FaultStudyOptions, ReportOptions } from "@ampflux/contracts";
import type { ReportSources } from "@ampflux/reports";
import type { LoadedReport } from "./load.ts";

export function reportSources(loaded: LoadedReport, generatedAt: Date): ReportSources {
  const { report, simulation, version, previous } = loaded;
  const options = report.options as ReportOptions;
  return {
    project: loaded.project.name,
    document: version.document as unknown as Record<string, unknown>,
    version: { number: version.version, id: version.id },
    study: {
      id: simulation.id,
      // load.ts refused a load-flow study: its result is a short-circuit or batch study's.
      kind: simulation.kind as ReportSources["study"]["kind"],
      author: loaded.author ?? { name: "unknown (account removed)", email: "" },
      created_at: simulation.createdAt.toISOString(),
      options: simulation.options as FaultStudyOptions,
      result: loaded.result,
    },
    content_hash: report.contentHash,
    generated_at: generatedAt.toISOString(),
    include_branches: options.include_branches,
    // The importer's report of a version made by an import (null for a saved edit).
    import_report: version.importReport,
    previous: previous && {
      version_number: previous.versionNumber,
      version_id: previous.versionId,
      reported_at: previous.reportedAt.toISOString(),
      document: previous.document as Record<string, unknown>,
    },
    approvals: loaded.approvals.map((a) => ({
      role: a.role,
      user: { name: a.name, email: a.email },
      at: a.signedAt.toISOString(),
    })),
  };
}
