import {
  busRatingFields,
  lineConductorFields,
  type NetworkDocument,
  switchRatingFields,
  transformerRatingFields,
} from "../network/index.ts";
import { numbersFromIds } from "./labels.ts";
import {
  BASE_MVA,
  branchRows,
  busRows,
  chargingOfBranches,
  elementRows,
  genRows,
  TIE_X_PU,
} from "./matpower-rows.ts";
import { starEquivalents } from "./matpower-star.ts";

/** What a MATPOWER case cannot hold, with how many of each the document had. */
function leftOut(doc: NetworkDocument): string[] {
  const count = (n: number, what: string) => (n > 0 ? [`${n} ${what}`] : []);
  const has = (elements: readonly object[], fields: string[]) =>
    elements.filter((e) => fields.some((f) => (e as Record<string, unknown>)[f] !== undefined)).length;
  return [
    ...count(doc.motors.length, "motors"),
    ...count(doc.static_generators.length, "static generators"),
    ...count(doc.switches.filter((s) => s.element_type === "bus" && !s.closed).length, "open bus couplers"),
    ...count(
      doc.loads.filter((l) => !l.in_service).length + doc.shunts.filter((s) => !s.in_service).length,
      "out-of-service loads and shunts",
    ),
    ...count(
      has(doc.transformers, ["vector_group", "vk0_percent", "xn_ohm", "mag0_percent"]) +
        has(doc.transformers3w, ["vector_group", "vk0_hv_percent", "mag0_percent"]),
      "transformer vector groups and zero-sequence data",
    ),
    ...count(has(doc.lines, ["r0_ohm_per_km", "x0_ohm_per_km", "c0_nf_per_km"]), "line zero-sequence data"),
    ...count(
      doc.external_grids.length,
      "external grid short-circuit powers and R/X (written as slack generators)",
    ),
    ...count(
      has(doc.buses, ["type", ...Object.keys(busRatingFields)]) +
        has(doc.lines, ["type", ...Object.keys(lineConductorFields)]) +
        has(doc.transformers, ["type", ...Object.keys(transformerRatingFields)]) +
        has(doc.switches, ["type", ...Object.keys(switchRatingFields)]),
      "elements' types and short-circuit ratings",
    ),
    ...count(doc.generators.length, "generator X''d, R''d, cos phi and x0 (mBase = sn_mva kept)"),
    ...count(
      [...doc.buses, ...doc.lines, ...doc.transformers, ...doc.transformers3w].filter(
        (e) => e.name !== undefined,
      ).length,
      "names",
    ),
  ];
}

function matrix(name: string, rows: number[][]): string {
  // MATLAB spells infinity Inf (unlimited reactive limits).
  const cell = (v: number) => (Number.isFinite(v) ? String(v) : v > 0 ? "Inf" : "-Inf");
  const body = rows.map((row) => `\t${row.map(cell).join("\t")};`).join("\n");
  return `mpc.${name} = [\n${body}\n];\n`;
}

/**
 * The document as a MATPOWER case (format version 2) for power-flow tools: per-unit values on
 * 100 MVA and the bus voltages, line lengths and parallel circuits folded into whole-branch
 * values, taps and rated-voltage mismatches into TAP. Short-circuit data MATPOWER has no columns
 * for is left out and listed in the header comment. A document imported from MATPOWER exports to
 * a case that imports back equal (up to rounding) with the same frequency_hz option.
 */
export function exportMatpower(doc: NetworkDocument): string {
  const numbers = numbersFromIds(
    doc.buses.map((b) => b.id),
    "",
    1,
  );
  const functionName = /^[A-Za-z]\w*$/.test(doc.name) ? doc.name : "ampflux_case";
  const omitted = leftOut(doc);
  const stars = starEquivalents(doc, numbers);
  const header = [
    `function mpc = ${functionName}`,
    `%${functionName.toUpperCase()} exported by AmpFlux from "${doc.name.replace(/[\r\n]/g, " ")}", ${doc.frequency_hz} Hz`,
    `%   Closed bus couplers are branches with x = ${TIE_X_PU} pu; open branch switches put the branch out of service.`,
    ...(stars.buses.length > 0
      ? [`%   Three-winding transformers are star equivalents: star buses ${stars.buses[0]?.[0]} and up.`]
      : []),
    ...(omitted.length > 0
      ? ["%   Not representable in MATPOWER, left out:", ...omitted.map((o) => `%     ${o}`)]
      : []),
    "",
    "mpc.version = '2';",
    `mpc.baseMVA = ${BASE_MVA};`,
    "",
    "%% bus_i type Pd Qd Gs Bs area Vm Va baseKV zone Vmax Vmin",
  ];
  const elements = elementRows(doc, numbers);
  const charging = chargingOfBranches(doc, numbers, elements);
  return [
    ...header,
    matrix("bus", [...busRows(doc, numbers, charging), ...stars.buses]),
    "%% bus Pg Qg Qmax Qmin Vg mBase status Pmax Pmin",
    matrix("gen", genRows(doc, numbers)),
    "%% fbus tbus r x b rateA rateB rateC ratio angle status angmin angmax",
    matrix("branch", branchRows(doc, numbers, stars.branches, elements, charging)),
  ].join("\n");
}
