// Builds a StudyReportModel from what the backend has: the network version's document, the study
// (options and result), the project, the previous reported version and the approvals. Pure: the
// worker, the tests and the benchmark call it the same way; renderers only lay the model out.

import {
  arcFlashLabel,
  type BatchStudyResult,
  compareDuty,
  diffDocuments,
  type FaultStudyOptions,
  type FaultStudyResult,
  isBatchStudyResult,
  REPORT_APPROVAL_ROLES,
  type ReportApproval,
  type ReportBusRow,
  type ReportFeature,
  type ReportOptionLine,
  type ReportUser,
  reportMethods,
  revisionChangeLines,
  type ShortCircuitResult,
  STUDY_REPORT_MODEL_VERSION,
  type StudyReportModel,
} from "@ampflux/contracts";
import type { ImportReport } from "@ampflux/contracts/importers";
import { buildDiagram } from "./build-diagram.ts";
import { assumptions, buildInputs, issuePath } from "./build-inputs.ts";

export interface ReportSources {
  project: string;
  /** The network version's document (schema ampflux/network@1). */
  document: Record<string, unknown>;
  version: { number: number; id: string };
  study: {
    id: string;
    kind: "short_circuit" | "batch_study";
    author: ReportUser;
    /** ISO timestamp. */
    created_at: string;
    options: FaultStudyOptions;
    result: FaultStudyResult;
  };
  content_hash: string;
  /** ISO timestamp. */
  generated_at: string;
  include_branches: boolean;
  import_report?: ImportReport | null;
  /** The version of the last report of this network, with its document for the diff. */
  previous?: {
    version_number: number;
    version_id: string;
    reported_at: string;
    document: Record<string, unknown>;
  } | null;
  /** Signed roles; the others print as pending. */
  approvals?: readonly ReportApproval[];
}

const UNITS: [RegExp, string][] = [
  [/_s$/, " s"],
  [/_percent$/, " %"],
];

function optionLines(options: FaultStudyOptions): ReportOptionLine[] {
  return Object.entries(options).map(([name, value]) => {
    const unit = UNITS.find(([pattern]) => pattern.test(name))?.[1] ?? "";
    const text =
      value === null || value === undefined
        ? "none"
        : Array.isArray(value)
          ? value.length > 0
            ? value.join(", ")
            : "none"
          : typeof value === "number"
            ? `${value}${unit}`
            : String(value);
    return { name, value: text };
  });
}

function features(options: FaultStudyOptions, result: FaultStudyResult): ReportFeature[] {
  const used: ReportFeature[] = ["short_circuit"];
  if (options.duty) used.push("duty");
  if (!isBatchStudyResult(result) && result.arc_flash) used.push("arc_flash");
  return used;
}

function busRows(document: Record<string, unknown>, result: ShortCircuitResult): ReportBusRow[] {
  const buses = new Map(
    ((document.buses as { id: string; name?: string; vn_kv: number }[] | undefined) ?? []).map((b) => [
      b.id,
      b,
    ]),
  );
  return result.buses.map((row) => ({
    ...row,
    name: buses.get(row.bus)?.name ?? null,
    vn_kv: buses.get(row.bus)?.vn_kv ?? null,
  }));
}

/** The worst max-case three-phase I''k per bus of a batch study, for the diagram. */
function worstCurrents(result: BatchStudyResult): Map<string, number | null> {
  const values = new Map<string, number | null>();
  for (const row of result.worst) {
    if (row.case !== "max" || row.fault !== "3ph") continue;
    values.set(row.bus, row.ikss_ka);
  }
  return values;
}

function approvals(signed: readonly ReportApproval[] | undefined): ReportApproval[] {
  return REPORT_APPROVAL_ROLES.map(
    (role) => signed?.find((a) => a.role === role) ?? { role, user: null, at: null },
  );
}

export function buildReportModel(sources: ReportSources): StudyReportModel {
  const { document, study } = sources;
  const { result } = study;
  const batch = isBatchStudyResult(result);
  const single = batch ? null : result;
  const arcFlash = single?.arc_flash;
  const networkName = String(document.name ?? "");
  const labelStudy = {
    project: sources.project,
    network: `${networkName} v${sources.version.number}`,
    study_date: study.created_at.slice(0, 10),
  };
  const busNames = new Map(
    ((document.buses as { id: string; name?: string }[] | undefined) ?? []).map((b) => [b.id, b.name]),
  );
  // Energy colours only where some bus has a number: a transmission network's buses are all
  // outside IEEE 1584's range, and a diagram all grey says less than one coloured by I''k.
  const diagram = arcFlash?.some((r) => r.energy_cal_cm2 !== null)
    ? buildDiagram(document, "energy_cal_cm2", new Map(arcFlash.map((r) => [r.bus, r.energy_cal_cm2])))
    : buildDiagram(
        document,
        "ikss_ka",
        single
          ? new Map(single.buses.map((r) => [r.bus, r.ikss_ka]))
          : worstCurrents(result as BatchStudyResult),
      );
  const warnings = single?.warnings ?? [];
  const standards = ["IEC 60909-0:2016", ...(arcFlash ? ["IEEE 1584-2018"] : [])];
  return {
    model_version: STUDY_REPORT_MODEL_VERSION,
    // The cover's title names the kind of study, as its study row does (a batch study is an N-1 sweep).
    title: `${single ? "Short-circuit study" : "Batch short-circuit study"} — ${networkName}`,
    content_hash: sources.content_hash,
    generated_at: sources.generated_at,
    cover: {
      project: sources.project,
      network: { name: networkName, version_number: sources.version.number, version_id: sources.version.id },
      simulation_id: study.id,
      study_kind: study.kind,
      author: study.author,
      study_date: study.created_at,
      standards,
      options: optionLines(study.options),
    },
    inputs: buildInputs(document, assumptions(arcFlash, result.duty, warnings), sources.import_report),
    diagram,
    bus_results: single ? busRows(document, single) : [],
    worst: batch ? (result as BatchStudyResult).worst : null,
    branch_results: single && sources.include_branches && single.options.branches ? single.branches : null,
    duty: result.duty ? [...result.duty].sort(compareDuty) : null,
    arc_flash: arcFlash
      ? {
          results: arcFlash,
          labels: arcFlash.flatMap((r) => arcFlashLabel(r, labelStudy, busNames.get(r.bus)) ?? []),
        }
      : null,
    warnings: warnings.map((w) => ({ path: issuePath(w.path), message: w.message })),
    methods: reportMethods(features(study.options, result)),
    revision: sources.previous
      ? {
          previous: {
            version_number: sources.previous.version_number,
            version_id: sources.previous.version_id,
            reported_at: sources.previous.reported_at,
          },
          changes: revisionChangeLines(diffDocuments(sources.previous.document, document)),
        }
      : { previous: null, changes: [] },
    approvals: approvals(sources.approvals),
  };
}
