import { type CheckedImport, checkImported, type SourceMap } from "../checked.ts";
import { importedDocument } from "../document.ts";
import { mapBranches } from "../matpower/branches.ts";
import { mapBuses } from "../matpower/buses.ts";
import type { MatpowerCase } from "../matpower/case.ts";
import { MatpowerParseError } from "../matpower/errors.ts";
import { mapGenerators } from "../matpower/generators.ts";
import { type MatpowerMatrix, matrixOfRows, rowCount } from "../matpower/matrix.ts";
import { type MatpowerImportOptions, matpowerImportOptionsSchema } from "../matpower/options.ts";
import { type ImportReport, ImportReportBuilder } from "../report.ts";
import { BRANCH, BUS } from "./columns.ts";
import { CdfParseError } from "./errors.ts";
import { type CdfCard, type ParsedCdf, parseCdfText } from "./parse.ts";

export type CdfImport = CheckedImport;

/** CDF carries the same load flow data as MATPOWER, so the same options fill the same gaps. */
export const cdfImportOptionsSchema = matpowerImportOptionsSchema;
export type CdfImportOptions = MatpowerImportOptions;

/** CDF bus types: 0 load bus, 1 load bus with voltage limits, 2 generator (PV), 3 swing. */
const TO_MATPOWER_TYPE: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 3 };

function matrix(name: string, cards: readonly CdfCard[], rows: number[][]): MatpowerMatrix {
  return matrixOfRows(
    name,
    rows,
    cards.map((c) => c.line),
    cards[0]?.line ?? 1,
  );
}

/**
 * The CDF cards as the columns of MATPOWER's bus, gen and branch matrices (caseformat.m), the
 * same translation MATPOWER's cdf2mpc makes: G and B (pu) become Gs and Bs in MW/Mvar at 1 pu;
 * each PV and swing bus gets one unit on the MVA base; a branch of type 0 is a line (TAP 0),
 * other types are transformers with the final turns ratio and angle, the tap on the tap bus.
 */
function toMatpowerCase(cdf: ParsedCdf, report: ImportReportBuilder): MatpowerCase {
  const busCards = cdf.sections.get("bus") ?? [];
  const base = cdf.baseMva;
  const genCards: CdfCard[] = [];
  const gen: number[][] = [];
  const bus = busCards.map((card) => {
    const type = TO_MATPOWER_TYPE[card.integer(BUS.TYPE)] ?? card.fail(BUS.TYPE, "must be 0, 1, 2 or 3");
    const number = card.integer(BUS.NUMBER);
    const [pg, qg] = [card.number(BUS.GEN_MW), card.number(BUS.GEN_MVAR)];
    let [pd, qd] = [card.number(BUS.LOAD_MW), card.number(BUS.LOAD_MVAR)];
    if (type === 1 && (pg !== 0 || qg !== 0)) {
      // A load bus has no machine: its generation is a negative load, as cdf2mpc does.
      [pd, qd] = [pd - pg, qd - qg];
      report.adjusted("loads.p_mw", `bus${number}`, "generation at a load bus (type 0/1) taken off its load");
    }
    const vm = card.number(BUS.VM);
    if (type >= 2) {
      genCards.push(card);
      const vg = card.number(BUS.DESIRED_V) || vm;
      gen.push([number, pg, qg, card.number(BUS.MAX_MVAR), card.number(BUS.MIN_MVAR), vg, base, 1, 0, 0]);
    }
    const g = card.number(BUS.G) * base;
    const b = card.number(BUS.B) * base;
    const area = card.integer(BUS.AREA);
    const zone = card.integer(BUS.ZONE);
    return [number, type, pd, qd, g, b, area, vm, card.number(BUS.VA), card.number(BUS.BASE_KV), zone, 0, 0];
  });
  const branchCards = cdf.sections.get("branch") ?? [];
  const branch = branchCards.map((card) => {
    const type = card.integer(BRANCH.TYPE);
    if (type < 0 || type > 4) card.fail(BRANCH.TYPE, "must be 0 to 4");
    const ratio = type === 0 ? 0 : card.number(BRANCH.RATIO);
    const angle = type === 0 ? 0 : card.number(BRANCH.ANGLE);
    return [
      card.integer(BRANCH.TAP_BUS),
      card.integer(BRANCH.Z_BUS),
      card.number(BRANCH.R),
      card.number(BRANCH.X),
      card.number(BRANCH.B),
      card.number(BRANCH.RATE1),
      card.number(BRANCH.RATE2),
      card.number(BRANCH.RATE3),
      ratio,
      angle,
      1,
    ];
  });
  return {
    name: cdf.caseName || undefined,
    baseMVA: base,
    bus: matrix("bus", busCards, bus),
    gen: matrix("gen", genCards, gen),
    branch: matrix("branch", branchCards, branch),
    unused: new Map(),
  };
}

/** The MATPOWER mappers' wording, in the CDF's terms. */
const WORDING: [RegExp, string][] = [
  [/mpc\.gen rows on REF buses/g, "swing bus generation"],
  [/mpc\.gen Pg, Vg, Qmin, Qmax/g, "bus generation MW, desired volts, MVAR limits"],
  [/mpc\.gen rows/g, "generation of PV and swing buses"],
  [/mpc\.bus Pd\/Qd/g, "bus load MW/MVAR"],
  [/mpc\.bus Gs\/Bs/g, "bus shunt G/B"],
  [/mpc\.bus Vm, Va/g, "bus final voltage and angle"],
  [/mpc\.bus rows/g, "bus data"],
  [/mpc\.branch b of transformer rows/g, "line charging B of transformer branches"],
  [/mpc\.branch negative b of line rows/g, "negative line charging B"],
  [/mpc\.branch rows/g, "branch data"],
  [/REF bus/g, "swing bus"],
  [/BASE_KV/g, "base kV"],
  [/rateA/g, "MVA rating no. 1"],
  [/mBase ≤ 0; MATPOWER then uses baseMVA/g, "the MVA base"],
  [/MATPOWER/g, "CDF"],
];

function reworded(report: ImportReport): ImportReport {
  const word = (text: string) => WORDING.reduce((t, [from, to]) => t.replace(from, to), text);
  return {
    source: report.source,
    mapped: report.mapped.map((m) => ({ ...m, from: word(m.from), to: word(m.to) })),
    defaulted: report.defaulted.map((d) => ({ ...d, why: word(d.why) })),
    adjusted: report.adjusted.map((a) => ({ ...a, why: word(a.why) })),
    dropped: report.dropped.map((d) => ({ ...d, item: word(d.item), why: word(d.why) })),
  };
}

/**
 * Converts an IEEE Common Data Format case into a network document: the cards are read by their
 * columns, translated to MATPOWER's matrices and mapped by the MATPOWER importer's mappers, so
 * that a system gives the same document from either format. Throws CdfParseError with the line
 * (and the card field with its columns) for text that is not such a case.
 */
export function importCdf(text: string, options: CdfImportOptions = {}): CdfImport {
  const resolved = cdfImportOptionsSchema.parse(options);
  const cdf = parseCdfText(text);
  const report = new ImportReportBuilder("cdf");
  const mpc = toMatpowerCase(cdf, report);
  try {
    const { buses, loads, shunts, info } = mapBuses(mpc, resolved, report);
    const { external_grids, generators } = mapGenerators(mpc, info, resolved, report);
    const { lines, transformers, shunts: chargingShunts } = mapBranches(mpc, info, resolved, report);
    report.defaulted("frequency_hz", resolved.frequency_hz, "not in CDF (option frequency_hz)");
    report.dropped(
      "bus areas, zones, voltage and MVAR limits, remote bus",
      rowCount(mpc.bus),
      "no field in the network document",
    );
    report.dropped(
      "branch ratings 2 and 3, control data",
      rowCount(mpc.branch),
      "no field in the network document",
    );
    for (const section of ["loss zone", "interchange", "tie line"] as const)
      report.dropped(`${section} data`, cdf.sections.get(section)?.length ?? 0, "not network data");
    const name = resolved.name ?? (cdf.caseName || "IEEE CDF case");
    const document = importedDocument(name, resolved.frequency_hz, {
      buses,
      external_grids,
      lines,
      transformers,
      generators,
      loads,
      shunts: [...shunts, ...chargingShunts],
    });
    const sources: SourceMap = new Map();
    const validation = checkImported(
      document,
      sources,
      { line: cdf.lineCount },
      ({ line }, message) => new CdfParseError(line, message),
    );
    return { document, report: reworded(report.build()), validation };
  } catch (error) {
    if (error instanceof MatpowerParseError)
      throw new CdfParseError(error.line, error.message.replace(/^line \d+: /, ""));
    throw error;
  }
}
