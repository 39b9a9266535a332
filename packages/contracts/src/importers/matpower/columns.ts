/** Zero-based MATPOWER column indices (caseformat.m) of the columns this importer reads. */
export const BUS = { BUS_I: 0, BUS_TYPE: 1, PD: 2, QD: 3, GS: 4, BS: 5, VM: 7, VA: 8, BASE_KV: 9 } as const;
export const GEN = { GEN_BUS: 0, PG: 1, QMAX: 3, QMIN: 4, VG: 5, MBASE: 6, GEN_STATUS: 7 } as const;
export const BRANCH = {
  F_BUS: 0,
  T_BUS: 1,
  BR_R: 2,
  BR_X: 3,
  BR_B: 4,
  RATE_A: 5,
  TAP: 8,
  SHIFT: 9,
  BR_STATUS: 10,
} as const;

/** Minimum widths the case format requires of each matrix. */
export const MIN_COLUMNS = { bus: 13, gen: 10, branch: 11 } as const;

export const BUS_TYPE = { PQ: 1, PV: 2, REF: 3, NONE: 4 } as const;

/** Columns present in the file that the document has no field for, listed in the report as dropped. */
export const UNUSED_COLUMNS = {
  bus: "area, zone, Vmax, Vmin and OPF results",
  gen: "Qg (a load-flow result), Pmax, Pmin and OPF columns",
  branch: "rateB, rateC, angmin, angmax and OPF results",
} as const;
