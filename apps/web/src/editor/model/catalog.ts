import { BUS_FIELDS, type BusField, ELEMENT_COLLECTIONS, type ElementCollection } from "@ampflux/contracts";

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

type Handles<C extends ElementCollection> = Record<BusField<C>, { side: HandleSide; label: string }>;

/** A handle for each bus field the contract names for `collection`, in the contract's order. */
function terminals<C extends ElementCollection>(collection: C, handles: Handles<C>): Terminal[] {
  return BUS_FIELDS[collection].map((field: BusField<C>) => ({ field, ...handles[field] }));
}

/** One-bus elements (sources, consumers): a single handle on the side facing their bus. */
const one = (side: HandleSide) => ({ bus: { side, label: "bus" } });

export const KINDS: Record<ElementCollection, ElementKind> = {
  buses: {
    collection: "buses",
    label: "Bus",
    prefix: "B",
    terminals: terminals("buses", {}),
    inPalette: true,
    placement: "between",
  },
  external_grids: {
    collection: "external_grids",
    label: "External grid",
    prefix: "Grid",
    terminals: terminals("external_grids", one("bottom")),
    inPalette: true,
    placement: "above",
  },
  lines: {
    collection: "lines",
    label: "Line / cable",
    prefix: "L",
    terminals: terminals("lines", {
      from_bus: { side: "top", label: "from" },
      to_bus: { side: "bottom", label: "to" },
    }),
    inPalette: true,
    placement: "between",
  },
  transformers: {
    collection: "transformers",
    label: "Transformer",
    prefix: "T",
    terminals: terminals("transformers", {
      hv_bus: { side: "top", label: "HV" },
      lv_bus: { side: "bottom", label: "LV" },
    }),
    inPalette: true,
    placement: "between",
  },
  transformers3w: {
    collection: "transformers3w",
    label: "3-winding transformer",
    prefix: "T3W",
    terminals: terminals("transformers3w", {
      hv_bus: { side: "top", label: "HV" },
      mv_bus: { side: "bottom-left", label: "MV" },
      lv_bus: { side: "bottom-right", label: "LV" },
    }),
    inPalette: true,
    placement: "between",
  },
  impedances: {
    collection: "impedances",
    label: "Series reactor / impedance",
    prefix: "Z",
    terminals: terminals("impedances", {
      from_bus: { side: "top", label: "from" },
      to_bus: { side: "bottom", label: "to" },
    }),
    inPalette: true,
    placement: "between",
  },
  earthing_transformers: {
    collection: "earthing_transformers",
    label: "Earthing transformer",
    prefix: "ET",
    terminals: terminals("earthing_transformers", one("top")),
    inPalette: true,
    placement: "below",
  },
  generators: {
    collection: "generators",
    label: "Generator",
    prefix: "Gen",
    terminals: terminals("generators", one("bottom")),
    inPalette: true,
    placement: "above",
  },
  motors: {
    collection: "motors",
    label: "Motor",
    prefix: "M",
    terminals: terminals("motors", one("top")),
    inPalette: true,
    placement: "below",
  },
  static_generators: {
    collection: "static_generators",
    label: "Converter source",
    prefix: "SG",
    terminals: terminals("static_generators", one("bottom")),
    inPalette: true,
    placement: "above",
  },
  loads: {
    collection: "loads",
    label: "Load",
    prefix: "Load",
    terminals: terminals("loads", one("top")),
    inPalette: true,
    placement: "below",
  },
  shunts: {
    collection: "shunts",
    label: "Shunt",
    prefix: "Sh",
    terminals: terminals("shunts", one("top")),
    inPalette: false,
    placement: "below",
  },
  switches: {
    collection: "switches",
    label: "Switch",
    prefix: "S",
    // A bus coupler's second bus is its `element` (element_type "bus"), not a bus field.
    terminals: [
      ...terminals("switches", { bus: { side: "top", label: "bus" } }),
      { field: "element", side: "bottom", label: "bus 2" },
    ],
    inPalette: true,
    placement: "between",
  },
};

export const PALETTE = ELEMENT_COLLECTIONS.filter((c) => KINDS[c].inPalette);
