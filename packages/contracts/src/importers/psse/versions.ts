/**
 * Where the items this importer reads sit in each RAW version's records, zero-based, and which
 * sections a version has in which order. Layouts follow the PSS/E Program Operation Manual,
 * chapter "Power Flow Raw Data File Contents" of each release (32, 33, 34, 35): the sections
 * named here and the records' item lists quoted in the comments below.
 */
export const PSSE_VERSIONS = [32, 33, 34, 35] as const;
export type PsseVersion = (typeof PSSE_VERSIONS)[number];

export function isPsseVersion(rev: number): rev is PsseVersion {
  return (PSSE_VERSIONS as readonly number[]).includes(rev);
}

/** The power flow sections of versions 32 and 33 (§ "Power Flow Raw Data File Contents"). */
const SECTIONS_33 = [
  "bus",
  "load",
  "fixed shunt",
  "generator",
  "branch",
  "transformer",
  "area interchange",
  "two-terminal dc",
  "vsc dc",
  "impedance correction",
  "multi-terminal dc",
  "multi-section line",
  "zone",
  "inter-area transfer",
  "owner",
  "facts device",
  "switched shunt",
  "gne device",
  "induction machine",
] as const;

/** Every section name of any version. */
export const RAW_SECTIONS = [...SECTIONS_33, "system switching device", "substation"] as const;
export type RawSection = (typeof RAW_SECTIONS)[number];

/**
 * Version 34 and 35 insert system switching device data after the branches and end with
 * substation data (node-breaker topology); version 32 has no induction machine data.
 */
const SECTIONS: Record<PsseVersion, readonly RawSection[]> = {
  32: SECTIONS_33.filter((s) => s !== "induction machine"),
  33: SECTIONS_33,
  34: [
    ...SECTIONS_33.slice(0, SECTIONS_33.indexOf("branch") + 1),
    "system switching device",
    ...SECTIONS_33.slice(SECTIONS_33.indexOf("transformer")),
    "substation",
  ],
  35: [] as RawSection[],
};
SECTIONS[35] = SECTIONS[34];

export function rawSections(version: PsseVersion): readonly RawSection[] {
  return SECTIONS[version];
}

/** Lines per record of the multi-line sections that are only counted (two-terminal and VSC dc: 3). */
export const LINES_PER_RECORD: Partial<Record<RawSection, number>> = { "two-terminal dc": 3, "vsc dc": 3 };

export interface RawLayout {
  /** Generator data. v32/33: I, ID, PG, QG, QT, QB, VS, IREG, MBASE, ZR, ZX, RT, XT, GTAP, STAT,
   * RMPCT, PT, PB, O1, F1 … O4, F4, WMOD, WPF; v34/35 add NREG after IREG and BASLOD after PB. */
  generator: {
    I: 0;
    ID: 1;
    MBASE: number;
    ZR: number;
    ZX: number;
    RT: number;
    XT: number;
    STAT: number;
    WMOD: number;
  };
  /** Non-transformer branch data. v32/33: I, J, CKT, R, X, B, RATEA, RATEB, RATEC, GI, BI, GJ, BJ,
   * ST, MET, LEN, O1, F1 … O4, F4; v34/35: I, J, CKT, R, X, B, NAME, RATE1 … RATE12, GI, BI, GJ,
   * BJ, ST, MET, LEN, O1, F1 … O4, F4. */
  branch: {
    I: 0;
    J: 1;
    CKT: 2;
    R: 3;
    X: 4;
    B: 5;
    NAME: number | undefined;
    RATE: number;
    GI: number;
    BI: number;
    GJ: number;
    BJ: number;
    ST: number;
    LEN: number;
  };
  /** Switched shunt data. v32/33: I, MODSW, ADJM, STAT, VSWHI, VSWLO, SWREM, RMPCT, 'RMIDNT',
   * BINIT, N1, B1 … N8, B8; v34/35: I, ID, MODSW, ADJM, STAT, VSWHI, VSWLO, SWREG, NREG, RMPCT,
   * 'RMIDNT', BINIT, S1, N1, B1 … S8, N8, B8. */
  switchedShunt: { I: 0; ID: number | undefined; STAT: number; BINIT: number };
  /** System switching device data (v34/35): I, J, CKT, X, RATE1 … RATE12, STAT, NSTAT, MET, STYPE, NAME. */
  switchingDevice: { I: 0; J: 1; CKT: 2; X: 3; STAT: 16; NAME: 20 };
}

const LAYOUT_33: RawLayout = {
  generator: { I: 0, ID: 1, MBASE: 8, ZR: 9, ZX: 10, RT: 11, XT: 12, STAT: 14, WMOD: 26 },
  branch: {
    I: 0,
    J: 1,
    CKT: 2,
    R: 3,
    X: 4,
    B: 5,
    NAME: undefined,
    RATE: 6,
    GI: 9,
    BI: 10,
    GJ: 11,
    BJ: 12,
    ST: 13,
    LEN: 15,
  },
  switchedShunt: { I: 0, ID: undefined, STAT: 3, BINIT: 9 },
  switchingDevice: { I: 0, J: 1, CKT: 2, X: 3, STAT: 16, NAME: 20 },
};

const LAYOUT_35: RawLayout = {
  generator: { I: 0, ID: 1, MBASE: 9, ZR: 10, ZX: 11, RT: 12, XT: 13, STAT: 15, WMOD: 28 },
  branch: {
    I: 0,
    J: 1,
    CKT: 2,
    R: 3,
    X: 4,
    B: 5,
    NAME: 6,
    RATE: 7,
    GI: 19,
    BI: 20,
    GJ: 21,
    BJ: 22,
    ST: 23,
    LEN: 25,
  },
  switchedShunt: { I: 0, ID: 1, STAT: 4, BINIT: 11 },
  switchingDevice: { I: 0, J: 1, CKT: 2, X: 3, STAT: 16, NAME: 20 },
};

export function rawLayout(version: PsseVersion): RawLayout {
  return version >= 34 ? LAYOUT_35 : LAYOUT_33;
}

/**
 * Sequence data (.seq) sections per version, from the Program Operation Manual chapter "Sequence
 * Data File": v32 and v33/34 start with machine data and have separate negative and zero sequence
 * shunt load sections; v33 adds induction machine data; v35 starts with system-wide data, merges
 * the shunt load sections into one load section and ends with non-conventional source data.
 */
export const SEQUENCE_SECTIONS = [
  "system-wide",
  "generator sequence",
  "negative sequence shunt load",
  "zero sequence shunt load",
  "load sequence",
  "zero sequence branch",
  "zero sequence mutual",
  "zero sequence transformer",
  "zero sequence switched shunt",
  "zero sequence fixed shunt",
  "induction machine sequence",
  "non-conventional source table",
  "non-conventional source machine",
] as const;
export type SequenceSection = (typeof SEQUENCE_SECTIONS)[number];

const SEQ_33: readonly SequenceSection[] = [
  "generator sequence",
  "negative sequence shunt load",
  "zero sequence shunt load",
  "zero sequence branch",
  "zero sequence mutual",
  "zero sequence transformer",
  "zero sequence switched shunt",
  "zero sequence fixed shunt",
  "induction machine sequence",
];

export function sequenceSections(version: PsseVersion): readonly SequenceSection[] {
  if (version === 32) return SEQ_33.slice(0, -1);
  if (version <= 34) return SEQ_33;
  return [
    "system-wide",
    "generator sequence",
    "load sequence",
    "zero sequence branch",
    "zero sequence mutual",
    "zero sequence transformer",
    "zero sequence switched shunt",
    "zero sequence fixed shunt",
    "induction machine sequence",
    "non-conventional source table",
    "non-conventional source machine",
  ];
}

export interface SequenceLayout {
  /** Machine data. v32: I, ID, ZRPOS, ZXPOS, ZRNEG, ZXNEG, RZERO, XZERO; v33–35: I, ID, ZRPOS,
   * ZXPPDV, ZXPDV, ZXSDV, ZRNEG, ZXNEGDV, ZR0, ZX0DV, CZG, ZRG, ZXG, REFDEG. */
  machine: { I: 0; ID: 1; ZRPOS: 2; ZXPOS: 3; ZRNEG: number; ZXNEG: number; ZR0: number; ZX0: number };
  /** Zero sequence transformer data. v32: I, J, K, ICKT, CC, RG, XG, R1, X1, R2, X2, R3, X3;
   * v33–35: I, J, K, ICKT, CZ0, CZG, CC, RG1, XG1, R01, X01, RG2, XG2, R02, X02, … */
  transformer: {
    I: 0;
    J: 1;
    K: 2;
    CKT: 3;
    CZ0: number | undefined;
    CZG: number | undefined;
    CC: number;
    RG1: number;
    XG1: number;
    R01: number;
    X01: number;
    RG2: number | undefined;
    XG2: number | undefined;
  };
}

export function sequenceLayout(version: PsseVersion): SequenceLayout {
  if (version === 32) {
    return {
      machine: { I: 0, ID: 1, ZRPOS: 2, ZXPOS: 3, ZRNEG: 4, ZXNEG: 5, ZR0: 6, ZX0: 7 },
      transformer: {
        I: 0,
        J: 1,
        K: 2,
        CKT: 3,
        CZ0: undefined,
        CZG: undefined,
        CC: 4,
        RG1: 5,
        XG1: 6,
        R01: 7,
        X01: 8,
        RG2: undefined,
        XG2: undefined,
      },
    };
  }
  return {
    machine: { I: 0, ID: 1, ZRPOS: 2, ZXPOS: 3, ZRNEG: 6, ZXNEG: 7, ZR0: 8, ZX0: 9 },
    transformer: {
      I: 0,
      J: 1,
      K: 2,
      CKT: 3,
      CZ0: 4,
      CZG: 5,
      CC: 6,
      RG1: 7,
      XG1: 8,
      R01: 9,
      X01: 10,
      RG2: 11,
      XG2: 12,
    },
  };
}
