// The parts of the assistant's project context, each a titled list of lines, most relevant first.

import type { NetworkDocument } from "@ampflux/contracts";
import { elementCollections } from "./collections.ts";
import { connectedTo, namedElements } from "./named-elements.ts";
import type { ContextStudy, ContextVersion, ProjectData } from "./project-data.ts";
import {
  describeFaultRow,
  describeStudy,
  faultRows,
  fmt,
  highestFaultCurrents,
  resultWarnings,
} from "./results.ts";

export interface ContextSection {
  title: string;
  lines: string[];
}

const TOP_FAULT_CURRENTS = 10;

function networkSummary(projectName: string, version: ContextVersion): ContextSection {
  const { document } = version;
  const latest = version.version === version.latest ? "the latest" : `the latest is ${version.latest}`;
  const counts = elementCollections(document)
    .filter(([, elements]) => elements.length > 0)
    .map(([collection, elements]) => `${collection} ${elements.length}`);
  const levels = new Map<number, number>();
  for (const bus of document.buses) levels.set(bus.vn_kv, (levels.get(bus.vn_kv) ?? 0) + 1);
  const voltages = [...levels]
    .sort(([a], [b]) => b - a)
    .map(([kv, buses]) => `${kv} kV (${buses} bus${buses === 1 ? "" : "es"})`);
  return {
    title: "Network",
    lines: [
      `Project "${projectName}", network "${document.name}", version ${version.version} (${latest}), ${document.frequency_hz} Hz.`,
      `Elements: ${counts.join(", ") || "none"}.`,
      `Voltage levels: ${voltages.join(", ") || "none"}.`,
    ],
  };
}

function namedSection(document: NetworkDocument, prompt: string, study: ContextStudy | null): ContextSection {
  const rows = new Map(faultRows(study?.result).map((row) => [row.bus, row]));
  const lines: string[] = [];
  for (const { collection, element } of namedElements(document, prompt)) {
    lines.push(`${collection}/${element.id}: ${JSON.stringify(element)}`);
    if (collection !== "buses") continue;
    const attached = connectedTo(document, element.id);
    if (attached.length > 0) lines.push(`  connected: ${attached.join(", ")}`);
    const row = rows.get(element.id);
    if (row && study) lines.push(`  result (${describeStudy(study)}): ${describeFaultRow(row)}`);
  }
  return { title: "Elements named in the question (in full)", lines };
}

function resultsSection(study: ContextStudy | null): ContextSection {
  const title = "Latest short-circuit results";
  if (!study) {
    return {
      title,
      lines: ["No succeeded study of this version yet (the run_short_circuit tool runs one)."],
    };
  }
  const rows = faultRows(study.result);
  const unfed = rows.filter((row) => row.ikss_ka === null).length;
  return {
    title: `${title} (simulation ${study.id}, ${describeStudy(study)}, IEC 60909)`,
    lines: [
      `Highest initial short-circuit currents of ${rows.length} result rows:`,
      ...highestFaultCurrents(rows, TOP_FAULT_CURRENTS).map((row) => `- ${describeFaultRow(row)}`),
      ...(unfed > 0 ? [`${unfed} bus(es) fed by no source.`] : []),
    ],
  };
}

const outOfService = (element: { in_service: boolean }) => (element.in_service ? "" : " (out of service)");

/** A series impedance in the form the document gives it. */
function describeImpedance(z: NetworkDocument["impedances"][number]): string {
  if (z.ir_ka !== undefined) return `reactor ${fmt(z.ir_ka)} kA, u_k ${fmt(z.uk_percent ?? 0)} %`;
  if (z.sn_mva !== undefined)
    return `${fmt(z.rft_pu ?? 0)} + j${fmt(z.xft_pu ?? 0)} pu on ${fmt(z.sn_mva)} MVA`;
  return `${fmt(z.r_ohm ?? 0)} + j${fmt(z.x_ohm ?? 0)} Ω`;
}

function sourcesSection(document: NetworkDocument): ContextSection {
  const lines = [
    ...document.external_grids.map(
      (g) =>
        `external grid ${g.id} at bus ${g.bus}: S''k max ${fmt(g.s_sc_max_mva)} MVA, min ${fmt(g.s_sc_min_mva)} MVA, R/X max ${fmt(g.rx_max)}${outOfService(g)}`,
    ),
    ...document.generators.map(
      (g) =>
        `generator ${g.id} at bus ${g.bus}: Sn ${fmt(g.sn_mva)} MVA, Un ${fmt(g.vn_kv)} kV, x''d ${fmt(g.xdss_pu)} pu${outOfService(g)}`,
    ),
    ...document.static_generators.map(
      (g) =>
        `static generator ${g.id} at bus ${g.bus}: Sn ${fmt(g.sn_mva)} MVA, k ${fmt(g.k)}${outOfService(g)}`,
    ),
    ...document.motors.map(
      (m) =>
        `motor ${m.id} at bus ${m.bus}: Pn ${fmt(m.pn_mech_mw)} MW, Un ${fmt(m.vn_kv)} kV, ILR/In ${fmt(m.lrc_pu)}${outOfService(m)}`,
    ),
    ...document.transformers.map(
      (t) =>
        `transformer ${t.id} ${t.hv_bus}→${t.lv_bus}: Sn ${fmt(t.sn_mva)} MVA${t.parallel > 1 ? ` ×${t.parallel}` : ""}, ${fmt(t.vn_hv_kv)}/${fmt(t.vn_lv_kv)} kV, vk ${fmt(t.vk_percent)} %${outOfService(t)}`,
    ),
    ...document.transformers3w.map(
      (t) =>
        `3-winding transformer ${t.id} ${t.hv_bus}/${t.mv_bus}/${t.lv_bus}: Sn ${fmt(t.sn_hv_mva)}/${fmt(t.sn_mv_mva)}/${fmt(t.sn_lv_mva)} MVA, ${fmt(t.vn_hv_kv)}/${fmt(t.vn_mv_kv)}/${fmt(t.vn_lv_kv)} kV, vk hv-mv ${fmt(t.vk_hv_percent)} %, mv-lv ${fmt(t.vk_mv_percent)} %, hv-lv ${fmt(t.vk_lv_percent)} %${outOfService(t)}`,
    ),
    ...(document.impedances ?? []).map(
      (z) => `series impedance ${z.id} ${z.from_bus}→${z.to_bus}: ${describeImpedance(z)}${outOfService(z)}`,
    ),
    ...(document.earthing_transformers ?? []).map(
      (t) =>
        `earthing transformer ${t.id} at bus ${t.bus}: Z(0) ${fmt(t.r0_ohm)} + j${fmt(t.x0_ohm)} Ω per phase${t.rn_ohm !== undefined || t.xn_ohm !== undefined ? `, Z_N ${fmt(t.rn_ohm ?? 0)} + j${fmt(t.xn_ohm ?? 0)} Ω` : ""}${outOfService(t)}`,
    ),
  ];
  return { title: "Sources and transformers with their ratings", lines };
}

function warningsSection(study: ContextStudy | null): ContextSection {
  return { title: "Warnings of the study", lines: resultWarnings(study?.result).map((w) => `- ${w}`) };
}

/** The sections in order of relevance: the network, what the question names, results, the rest. */
export function contextSections(projectName: string, data: ProjectData, prompt: string): ContextSection[] {
  const { version, study } = data;
  if (!version) return [{ title: "Network", lines: ["The project has no saved network yet."] }];
  return [
    networkSummary(projectName, version),
    namedSection(version.document, prompt, study),
    resultsSection(study),
    sourcesSection(version.document),
    warningsSection(study),
  ];
}
