// Every section's text and tables from the model, formatted once for both renderers (HTML and
// PDF), so the two documents say the same thing. Numbers: currents in kA to 2 decimals (3 below
// 1 kA), energies as the labels print them (layout/numbers.ts), percentages to 1 decimal.

import {
  type ArcFlashResult,
  type BranchFaultResult,
  type DutyCheck,
  REPORT_SECTIONS,
  type ReportBusRow,
  type ReportSectionId,
  type StudyReportModel,
  type WorstCase,
} from "@ampflux/contracts";
import { formatCalories, formatJoules } from "../layout/numbers.ts";
import { elementList, groupBy } from "./group.ts";

export interface Column {
  title: string;
  /** Relative width; the renderer scales the columns to the text width. */
  width: number;
  align?: "left" | "right";
}

export interface Table {
  /** Sub-heading above the table, e.g. "Element counts". */
  title?: string;
  columns: Column[];
  rows: string[][];
  /** Said instead of an empty table. */
  empty: string;
}

export interface Section {
  id: ReportSectionId;
  title: string;
  /** Paragraphs before the tables. */
  text: string[];
  tables: Table[];
}

const dash = "–";
export const kA = (v: number | null) => (v === null ? dash : v < 1 ? v.toFixed(3) : v.toFixed(2));
const fixed = (v: number | null, digits: number) => (v === null ? dash : v.toFixed(digits));
const mm = (v: number | null) => (v === null ? dash : String(Math.round(v)));
const ms = (v: number | null) => (v === null ? dash : String(Math.round(v)));
const percent = (v: number | null) => (v === null ? dash : `${v.toFixed(1)} %`);
/** "2026-12-02 09:30 UTC" from an ISO timestamp. */
export const timestamp = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

const col = (title: string, width: number, align: Column["align"] = "left"): Column => ({
  title,
  width,
  align,
});

const sectionTitle = (id: ReportSectionId) => REPORT_SECTIONS.find((s) => s.id === id)?.title ?? id;

function cover(model: StudyReportModel): Section {
  const c = model.cover;
  return {
    id: "cover",
    title: sectionTitle("cover"),
    text: [],
    tables: [
      {
        columns: [col("", 1), col("", 3)],
        rows: [
          ["Project", c.project],
          ["Network", `${c.network.name}, version ${c.network.version_number} (${c.network.version_id})`],
          [
            "Study",
            `${c.study_kind === "batch_study" ? "Batch study" : "Short-circuit study"} ${c.simulation_id}`,
          ],
          ["Author", `${c.author.name} <${c.author.email}>`],
          ["Study date", timestamp(c.study_date)],
          ["Standards", c.standards.join(", ")],
          ["Report generated", timestamp(model.generated_at)],
          ["Content hash", model.content_hash],
        ],
        empty: "",
      },
      {
        title: "Options",
        columns: [col("option", 1), col("value", 2)],
        rows: c.options.map((o) => [o.name, o.value]),
        empty: "No options",
      },
    ],
  };
}

function inputs(model: StudyReportModel): Section {
  const i = model.inputs;
  return {
    id: "inputs",
    title: sectionTitle("inputs"),
    text: [],
    tables: [
      {
        title: "Element counts",
        columns: [col("collection", 2), col("elements", 1, "right")],
        rows: Object.entries(i.element_counts).map(([name, count]) => [name, String(count)]),
        empty: "The network has no elements.",
      },
      {
        title: "Types used",
        columns: [col("type", 3), col("collection", 1.5), col("elements", 1, "right")],
        rows: i.types_used.map((t) => [t.name, t.collection, String(t.elements)]),
        empty: "No element refers to a type from the library.",
      },
      {
        title: "Defaulted and assumed values",
        columns: [col("source", 0.8), col("elements", 2.2), col("value and why", 4)],
        rows: groupBy(
          i.assumptions,
          (a) => `${a.source}\u0000${a.text}`,
          (a) => a.element ?? "study",
        ).map((g) => [g.first.source.replace("_", " "), elementList(g.elements), g.first.text]),
        empty: "None: every value the study used was given.",
      },
      ...(i.import_report
        ? [
            {
              title: `Import report (${i.import_report.source})`,
              columns: [col("message", 1)],
              rows: i.import_report.messages.map((m) => [m]),
              empty: "The importer reported nothing.",
            },
          ]
        : []),
    ],
  };
}

function busTable(rows: ReportBusRow[]): Table {
  return {
    columns: [
      col("bus", 1.3),
      col("name", 2),
      col("Un kV", 0.8, "right"),
      col("I''k kA", 0.9, "right"),
      col("S''k MVA", 1, "right"),
      col("κ", 0.7, "right"),
      col("ip kA", 0.9, "right"),
      col("Ib kA", 0.9, "right"),
      col("Ith kA", 0.9, "right"),
      col("Ike kA", 0.9, "right"),
    ],
    rows: rows.map((r) =>
      r.fed
        ? [
            r.bus,
            r.name ?? "",
            fixed(r.vn_kv, 3),
            kA(r.ikss_ka),
            fixed(r.skss_mva, 1),
            fixed(r.kappa, 3),
            kA(r.ip_ka),
            kA(r.ib_ka),
            kA(r.ith_ka),
            kA(r.ike_ka),
          ]
        : [r.bus, r.name ?? "", fixed(r.vn_kv, 3), "not fed", "", "", "", "", "", ""],
    ),
    empty: "No bus results.",
  };
}

function worstTable(rows: WorstCase[]): Table {
  return {
    title: "Worst case per bus, fault and case (base network and N-1)",
    columns: [
      col("bus", 1.3),
      col("fault", 0.8),
      col("case", 0.6),
      col("I''k kA", 0.9, "right"),
      col("ip kA", 0.9, "right"),
      col("Ib kA", 0.9, "right"),
      col("Ith kA", 0.9, "right"),
      col("outage", 1.3),
    ],
    rows: rows.map((r) => [
      r.bus,
      r.fault,
      r.case,
      r.ikss_ka === null ? "not fed" : kA(r.ikss_ka),
      kA(r.ip_ka),
      kA(r.ib_ka),
      kA(r.ith_ka),
      r.outage ?? "base",
    ]),
    empty: "No results.",
  };
}

function branchTable(rows: BranchFaultResult[]): Table {
  return {
    columns: [
      col("fault bus", 1.2),
      col("branch", 1.2),
      col("type", 1.1),
      col("at bus", 1.2),
      col("Ia kA", 0.8, "right"),
      col("Ib kA", 0.8, "right"),
      col("Ic kA", 0.8, "right"),
      col("I''k kA", 0.8, "right"),
      col("angle °", 0.8, "right"),
    ],
    rows: rows.map((r) => [
      r.fault_bus,
      r.branch,
      r.branch_type,
      r.bus,
      kA(r.ia_ka),
      kA(r.ib_ka),
      kA(r.ic_ka),
      kA(r.ikss_ka),
      r.angle_deg.toFixed(1),
    ]),
    empty: "No branch results.",
  };
}

/** Checks without a rating, one row per kind, check and notes, with the elements listed. */
function missingRatingTable(checks: DutyCheck[]): Table {
  const groups = groupBy(
    checks,
    (c) => `${c.kind ?? c.element_type}\u0000${c.check}\u0000${c.notes.join("; ")}`,
    (c) => c.element,
  );
  return {
    title: "Checks without a rating",
    columns: [col("kind", 1.1), col("check", 1.2), col("elements", 3.2), col("notes", 3)],
    rows: groups.map((g) => [
      (g.first.kind ?? g.first.element_type).replaceAll("_", " "),
      g.first.check.replaceAll("_", " "),
      elementList(g.elements),
      g.first.notes.join("; "),
    ]),
    empty: "",
  };
}

function dutyTable(checks: DutyCheck[]): Table {
  return {
    columns: [
      col("element", 0.9),
      col("kind", 1.2),
      col("check", 1.3),
      col("bus", 0.8),
      col("value", 0.8, "right"),
      col("rating", 0.8, "right"),
      col("unit", 0.5),
      col("duty", 0.8, "right"),
      col("status", 1.1),
      col("notes", 2.6),
    ],
    rows: checks.map((c) => [
      c.element,
      (c.kind ?? c.element_type).replaceAll("_", " "),
      c.check.replaceAll("_", " "),
      c.bus ?? dash,
      fixed(c.value, 2),
      fixed(c.rating, 2),
      c.unit,
      percent(c.percent),
      c.status,
      c.notes.join("; "),
    ]),
    empty: "No check has both a duty value and a rating.",
  };
}

function arcFlashTable(rows: ArcFlashResult[]): Table {
  return {
    columns: [
      col("bus", 1),
      col("Voc kV", 0.7, "right"),
      col("equipment", 1.2),
      col("Ibf kA", 0.7, "right"),
      col("Iarc kA", 0.7, "right"),
      col("time ms", 0.85, "right"),
      col("E J/cm²", 0.8, "right"),
      col("E cal/cm²", 0.9, "right"),
      col("AFB mm", 0.85, "right"),
      col("PPE / reason", 2.4),
    ],
    rows: rows.map((r) => {
      const governingCurrent = r.governing === "reduced" ? r.iarc_min_ka : r.iarc_ka;
      const time = r.governing === "reduced" ? r.time_min_ms : r.time_ms;
      return r.status === "ok"
        ? [
            r.bus,
            fixed(r.voc_kv, 3),
            `${r.equipment.replace("_", " ")} ${r.config}`,
            kA(r.ibf_ka),
            kA(governingCurrent),
            ms(time),
            r.energy_j_cm2 === null ? dash : formatJoules(r.energy_j_cm2),
            r.energy_cal_cm2 === null ? dash : formatCalories(r.energy_cal_cm2),
            mm(r.boundary_mm),
            r.ppe ?? dash,
          ]
        : [
            r.bus,
            fixed(r.voc_kv, 3),
            `${r.equipment.replace("_", " ")} ${r.config}`,
            kA(r.ibf_ka),
            dash,
            dash,
            dash,
            dash,
            dash,
            `${r.status.replace("_", " ")}: ${r.reason ?? ""}`,
          ];
    }),
    empty: "No arc-flash results.",
  };
}

/** The sections in REPORT_SECTIONS order, except the labels appendix, which each renderer draws. */
export function reportSections(model: StudyReportModel): Section[] {
  const sections: Section[] = [cover(model), inputs(model)];
  const d = model.diagram;
  sections.push({
    id: "diagram",
    title: sectionTitle("diagram"),
    text: [`${d.buses.length} buses and ${d.branches.length} branches, buses coloured by ${d.label}.`],
    tables: [],
  });
  sections.push({
    id: "bus_results",
    title: sectionTitle("bus_results"),
    text: model.worst
      ? []
      : ['IEC 60909-0:2016 results at each fault bus; "not fed": no source feeds the bus.'],
    tables: model.worst ? [worstTable(model.worst)] : [busTable(model.bus_results)],
  });
  if (model.branch_results)
    sections.push({
      id: "branch_results",
      title: sectionTitle("branch_results"),
      text: ["Current into each branch end for a fault at the fault bus."],
      tables: [branchTable(model.branch_results)],
    });
  if (model.duty) {
    const counts = { ok: 0, warning: 0, overdutied: 0, "missing rating": 0 };
    for (const c of model.duty) counts[c.status]++;
    sections.push({
      id: "duty",
      title: sectionTitle("duty"),
      text: [
        `${counts.overdutied} overdutied, ${counts.warning} warning (> 90 %), ${counts.ok} ok, ${counts["missing rating"]} missing rating; violations first.`,
      ],
      tables: [
        dutyTable(model.duty.filter((c) => c.status !== "missing rating")),
        ...(counts["missing rating"] > 0
          ? [missingRatingTable(model.duty.filter((c) => c.status === "missing rating"))]
          : []),
      ],
    });
  }
  if (model.arc_flash) {
    const ok = model.arc_flash.results.filter((r) => r.status === "ok").length;
    sections.push({
      id: "arc_flash",
      title: sectionTitle("arc_flash"),
      text: [
        `IEEE 1584-2018 incident energy at the working distance, the larger of the full and reduced arcing current; ${ok} of ${model.arc_flash.results.length} buses computed. Labels in the appendix.`,
      ],
      tables: [arcFlashTable(model.arc_flash.results)],
    });
  }
  sections.push({
    id: "warnings",
    title: sectionTitle("warnings"),
    text: [],
    tables: [
      {
        columns: [col("where", 1), col("warning", 4)],
        rows: model.warnings.map((w) => [w.path || "network", w.message]),
        empty: "No warnings.",
      },
    ],
  });
  sections.push({
    id: "methods",
    title: sectionTitle("methods"),
    text: [],
    tables: [
      {
        columns: [col("feature", 0.9), col("method", 3), col("reference", 2.6)],
        rows: model.methods.map((m) => [m.feature.replace("_", " "), m.topic, m.reference]),
        empty: "",
      },
    ],
  });
  const r = model.revision;
  sections.push({
    id: "revision",
    title: sectionTitle("revision"),
    text: r.previous
      ? [
          `Changes since version ${r.previous.version_number} (${r.previous.version_id}), reported ${timestamp(r.previous.reported_at)}:`,
          ...r.changes,
        ]
      : ["First report of this network."],
    tables: [],
  });
  sections.push({
    id: "approvals",
    title: sectionTitle("approvals"),
    text: [],
    tables: [
      {
        columns: [col("role", 1), col("name", 1.6), col("email", 2), col("signed", 1.5)],
        rows: model.approvals.map((a) => [
          a.role,
          a.user?.name ?? "pending",
          a.user?.email ?? "",
          a.at ? timestamp(a.at) : "pending",
        ]),
        empty: "",
      },
    ],
  });
  return sections;
}
