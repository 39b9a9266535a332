import type { ElementCollection } from "@ampflux/contracts";

/** Where a terminal's handle sits on an element's symbol. */
export type HandleSide = "top" | "bottom" | "bottom-left" | "bottom-right";

export interface Terminal {
  /** The document field naming the bus; also the handle id on the diagram. */
  field: string;
  side: HandleSide;
  label: string;
}

export interface ElementKind {
  collection: ElementCollection;
  /** Singular, for headings and the palette. */
  label: string;
  /** Id prefix of new elements: B1, T1, … */
  prefix: string;
  terminals: Terminal[];
  /** Shown in the palette (shunts come only from imports). */
  inPalette: boolean;
  /** Sources sit above their bus, consumers below. */
  placement: "above" | "below" | "between";
}

const one = (side: HandleSide): Terminal[] => [{ field: "bus", side, label: "bus" }];

export const KINDS: Record<ElementCollection, ElementKind> = {
  buses: {
    collection: "buses",
    label: "Bus",
    prefix: "B",
    terminals: [],
    inPalette: true,
    placement: "between",
  },
  external_grids: {
    collection: "external_grids",
    label: "External grid",
    prefix: "Grid",
    terminals: one("bottom"),
    inPalette: true,
    placement: "above",
  },
  lines: {
    collection: "lines",
    label: "Line / cable",
    prefix: "L",
    terminals: [
      { field: "from_bus", side: "top", label: "from" },
      { field: "to_bus", side: "bottom", label: "to" },
    ],
    inPalette: true,
    placement: "between",
  },
  transformers: {
    collection: "transformers",
    label: "Transformer",
    prefix: "T",
    terminals: [
      { field: "hv_bus", side: "top", label: "HV" },
      { field: "lv_bus", side: "bottom", label: "LV" },
    ],
    inPalette: true,
    placement: "between",
  },
  transformers3w: {
    collection: "transformers3w",
    label: "3-winding transformer",
    prefix: "T3W",
    terminals: [
      { field: "hv_bus", side: "top", label: "HV" },
      { field: "mv_bus", side: "bottom-left", label: "MV" },
      { field: "lv_bus", side: "bottom-right", label: "LV" },
    ],
    inPalette: true,
    placement: "between",
  },
  generators: {
    collection: "generators",
    label: "Generator",
    prefix: "Gen",
    terminals: one("bottom"),
    inPalette: true,
    placement: "above",
  },
  motors: {
    collection: "motors",
    label: "Motor",
    prefix: "M",
    terminals: one("top"),
    inPalette: true,
    placement: "below",
  },
  static_generators: {
    collection: "static_generators",
    label: "Converter source",
    prefix: "SG",
    terminals: one("bottom"),
    inPalette: true,
    placement: "above",
  },
  loads: {
    collection: "loads",
    label: "Load",
    prefix: "Load",
    terminals: one("top"),
    inPalette: true,
    placement: "below",
  },
  shunts: {
    collection: "shunts",
    label: "Shunt",
    prefix: "Sh",
    terminals: one("top"),
    inPalette: false,
    placement: "below",
  },
  switches: {
    collection: "switches",
    label: "Switch",
    prefix: "S",
    terminals: [
      { field: "bus", side: "top", label: "bus" },
      { field: "element", side: "bottom", label: "bus 2" },
    ],
    inPalette: true,
    placement: "between",
  },
};

export const COLLECTIONS = Object.keys(KINDS) as ElementCollection[];

export const PALETTE = COLLECTIONS.filter((c) => KINDS[c].inPalette);

export const isCollection = (value: string): value is ElementCollection => value in KINDS;
