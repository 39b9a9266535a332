/**
 * Card layouts of the IEEE Common Data Format (IEEE Working Group on a Common Format for
 * Exchange of Solved Load Flow Data, "Common Data Format for the Exchange of Solved Load Flow
 * Data", IEEE Trans. PAS-92 (6), 1973, pp. 1916-1925): 1-based first and last columns of the
 * fields this importer reads.
 */
export type Field = readonly [name: string, first: number, last: number];

/** Title card: date, originator, MVA base (columns 32-37), year, season, case identification. */
export const TITLE = { MVA_BASE: ["MVA base", 32, 37], CASE: ["case identification", 46, 73] } as const;

/** Bus data card. */
export const BUS = {
  NUMBER: ["bus number", 1, 4],
  NAME: ["name", 6, 17],
  AREA: ["load flow area", 19, 20],
  ZONE: ["loss zone", 21, 23],
  TYPE: ["type", 25, 26],
  VM: ["final voltage", 28, 33],
  VA: ["final angle", 34, 40],
  LOAD_MW: ["load MW", 41, 49],
  LOAD_MVAR: ["load MVAR", 50, 58],
  GEN_MW: ["generation MW", 59, 67],
  GEN_MVAR: ["generation MVAR", 68, 75],
  BASE_KV: ["base kV", 77, 83],
  DESIRED_V: ["desired volts", 85, 90],
  MAX_MVAR: ["maximum MVAR or voltage limit", 91, 98],
  MIN_MVAR: ["minimum MVAR or voltage limit", 99, 106],
  G: ["shunt conductance G", 107, 114],
  B: ["shunt susceptance B", 115, 122],
} as const satisfies Record<string, Field>;

/** Branch data card. */
export const BRANCH = {
  TAP_BUS: ["tap bus number", 1, 4],
  Z_BUS: ["Z bus number", 6, 9],
  CIRCUIT: ["circuit", 17, 17],
  TYPE: ["type", 19, 19],
  R: ["branch resistance R", 20, 29],
  X: ["branch reactance X", 30, 40],
  B: ["line charging B", 41, 50],
  RATE1: ["line MVA rating no. 1", 51, 55],
  RATE2: ["line MVA rating no. 2", 57, 61],
  RATE3: ["line MVA rating no. 3", 63, 67],
  RATIO: ["transformer final turns ratio", 77, 82],
  ANGLE: ["transformer final angle", 84, 90],
} as const satisfies Record<string, Field>;

/** Section headers and the cards that end them. */
export const SECTIONS = [
  { header: "BUS DATA FOLLOWS", end: "-999", name: "bus" },
  { header: "BRANCH DATA FOLLOWS", end: "-999", name: "branch" },
  { header: "LOSS ZONES FOLLOWS", end: "-99", name: "loss zone" },
  { header: "INTERCHANGE DATA FOLLOWS", end: "-9", name: "interchange" },
  { header: "TIE LINES FOLLOWS", end: "-999", name: "tie line" },
] as const;
export type CdfSection = (typeof SECTIONS)[number]["name"];
