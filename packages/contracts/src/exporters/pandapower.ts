import { SWITCH_KIND_OF_PANDAPOWER_TYPE } from "../importers/pandapower/switches.ts";
import {
  ELEMENT_COLLECTIONS,
  type ElementCollection,
  type NetworkDocument,
  type SwitchKind,
  seriesImpedance,
} from "../network/index.ts";
import { TypeLibrary } from "../types/apply.ts";
import type { EquipmentTypeKind } from "../types/schema.ts";
import { labelOf, numbersFromIds } from "./labels.ts";
import { type Column, frame } from "./pandapower-frame.ts";

type Doc = NetworkDocument;
type Labels = ReadonlyMap<string, number>;
type Collection = ElementCollection;
type TableLabels = Record<Collection, Labels>;

/** pandapower's table for each collection. */
const TABLES = {
  buses: "bus",
  external_grids: "ext_grid",
  lines: "line",
  transformers: "trafo",
  transformers3w: "trafo3w",
  impedances: "impedance",
  /** pandapower has no earthing transformer: an extra table it carries along, our importer reads it. */
  earthing_transformers: "earthing_transformer",
  generators: "gen",
  motors: "motor",
  static_generators: "sgen",
  loads: "load",
  shunts: "shunt",
  switches: "switch",
} as const satisfies Record<ElementCollection, string>;

const name = <E extends { name?: string | undefined }>(): Column<E> => ["name", "object", (e) => e.name];
const inService = <E extends { in_service: boolean }>(): Column<E> => [
  "in_service",
  "bool",
  (e) => e.in_service,
];
const constant = <E>(
  column: string,
  dtype: Column<E>[1],
  value: string | number | boolean | null,
): Column<E> => [column, dtype, () => value];
const field = <E, K extends keyof E & string>(key: K, dtype: Column<E>[1] = "float64"): Column<E> => [
  key,
  dtype,
  (e) => e[key] as string | number | boolean | undefined,
];
const fields = <E>(...keys: (keyof E & string)[]): Column<E>[] =>
  keys.map((key) => field<E, typeof key>(key));
const bus = <E>(labels: Labels, key: keyof E & string): Column<E> => [
  key,
  "uint32",
  (e) => labelOf(labels, String(e[key])),
];

/**
 * A switch kind as the pandapower type the importer reads back as that kind (the first listed:
 * LBS, not LS). Fuses and contactors have no pandapower type and are written without one.
 */
const PANDAPOWER_TYPE_OF_KIND = new Map<SwitchKind, string>();
for (const [type, kind] of Object.entries(SWITCH_KIND_OF_PANDAPOWER_TYPE))
  if (!PANDAPOWER_TYPE_OF_KIND.has(kind)) PANDAPOWER_TYPE_OF_KIND.set(kind, type);

/**
 * pandapower's std_type: the name of the element's type where the library knows it, so the
 * importer matches it back by name; an unknown type id means nothing to pandapower and is left out.
 */
const stdType = <E extends { type?: string | undefined }>(
  types: TypeLibrary,
  kind: EquipmentTypeKind,
): Column<E> => [
  "std_type",
  "object",
  (e) => (e.type === undefined ? undefined : types.get(kind, e.type)?.name),
];

const TAP_FIELDS = ["tap_neutral", "tap_min", "tap_max", "tap_step_percent", "tap_pos"] as const;

/** Columns per table: every field the document has, plus pandapower's neutral values for its power flow columns. */
function columns(labels: TableLabels, types: TypeLibrary, busKv: ReadonlyMap<string, number>) {
  type T<K extends Collection> = Doc[K][number];
  const busOf = <E>(key: keyof E & string) => bus<E>(labels.buses, key);
  const pu = (e: T<"impedances">) => impedancePerUnit(e, busKv.get(e.from_bus) ?? 1);
  return {
    buses: [
      name<T<"buses">>(),
      field<T<"buses">, "vn_kv">("vn_kv"),
      constant("type", "object", "b"),
      inService(),
      [
        "geo",
        "object",
        (b) => (b.geo ? JSON.stringify({ type: "Point", coordinates: [b.geo.x, b.geo.y] }) : null),
      ],
    ] satisfies Column<T<"buses">>[],
    external_grids: [
      name(),
      busOf("bus"),
      constant("vm_pu", "float64", 1),
      constant("va_degree", "float64", 0),
      ...fields<T<"external_grids">>("s_sc_max_mva", "s_sc_min_mva", "rx_max", "rx_min"),
      ...fields<T<"external_grids">>("x0x_max", "r0x0_max", "x0x_min", "r0x0_min"),
      inService(),
    ] satisfies Column<T<"external_grids">>[],
    lines: [
      name(),
      stdType(types, "line"),
      busOf("from_bus"),
      busOf("to_bus"),
      ...fields<T<"lines">>("length_km", "r_ohm_per_km", "x_ohm_per_km", "c_nf_per_km"),
      ...fields<T<"lines">>("r0_ohm_per_km", "x0_ohm_per_km", "c0_nf_per_km", "max_i_ka", "endtemp_degree"),
      constant("g_us_per_km", "float64", 0),
      constant("df", "float64", 1),
      field("parallel", "uint32"),
      inService(),
    ] satisfies Column<T<"lines">>[],
    transformers: [
      name(),
      stdType(types, "transformer"),
      busOf("hv_bus"),
      busOf("lv_bus"),
      ...fields<T<"transformers">>("sn_mva", "vn_hv_kv", "vn_lv_kv", "vk_percent", "vkr_percent"),
      ...fields<T<"transformers">>("vk0_percent", "vkr0_percent", "mag0_percent", "xn_ohm", "shift_degree"),
      field("rn_ohm"),
      constant("pfe_kw", "float64", 0),
      constant("i0_percent", "float64", 0),
      field("vector_group", "object"),
      field("tap_side", "object"),
      ...fields<T<"transformers">>(...TAP_FIELDS),
      field("oltc", "object"),
      field("power_station_unit", "bool"),
      field("parallel", "uint32"),
      inService(),
    ] satisfies Column<T<"transformers">>[],
    transformers3w: [
      name(),
      busOf("hv_bus"),
      busOf("mv_bus"),
      busOf("lv_bus"),
      ...fields<T<"transformers3w">>(
        "sn_hv_mva",
        "sn_mv_mva",
        "sn_lv_mva",
        "vn_hv_kv",
        "vn_mv_kv",
        "vn_lv_kv",
      ),
      ...fields<T<"transformers3w">>("vk_hv_percent", "vk_mv_percent", "vk_lv_percent"),
      ...fields<T<"transformers3w">>("vkr_hv_percent", "vkr_mv_percent", "vkr_lv_percent"),
      ...fields<T<"transformers3w">>("vk0_hv_percent", "vk0_mv_percent", "vk0_lv_percent"),
      ...fields<T<"transformers3w">>("vkr0_hv_percent", "vkr0_mv_percent", "vkr0_lv_percent", "mag0_percent"),
      ...fields<T<"transformers3w">>("shift_mv_degree", "shift_lv_degree"),
      constant("pfe_kw", "float64", 0),
      constant("i0_percent", "float64", 0),
      field("vector_group", "object"),
      field("tap_side", "object"),
      ...fields<T<"transformers3w">>(...TAP_FIELDS),
      constant("tap_at_star_point", "bool", false),
      inService(),
    ] satisfies Column<T<"transformers3w">>[],
    impedances: [
      name(),
      busOf("from_bus"),
      busOf("to_bus"),
      ["sn_mva", "float64", (e) => pu(e).sn],
      ["rft_pu", "float64", (e) => pu(e).r1],
      ["xft_pu", "float64", (e) => pu(e).x1],
      ["rtf_pu", "float64", (e) => pu(e).r1],
      ["xtf_pu", "float64", (e) => pu(e).x1],
      ["rft0_pu", "float64", (e) => pu(e).r0],
      ["xft0_pu", "float64", (e) => pu(e).x0],
      ["rtf0_pu", "float64", (e) => pu(e).r0],
      ["xtf0_pu", "float64", (e) => pu(e).x0],
      constant("gf_pu", "float64", 0),
      constant("bf_pu", "float64", 0),
      constant("gt_pu", "float64", 0),
      constant("bt_pu", "float64", 0),
      inService(),
    ] satisfies Column<T<"impedances">>[],
    earthing_transformers: [
      name(),
      busOf("bus"),
      ...fields<T<"earthing_transformers">>("r0_ohm", "x0_ohm", "rn_ohm", "xn_ohm"),
      inService(),
    ] satisfies Column<T<"earthing_transformers">>[],
    generators: [
      name(),
      busOf("bus"),
      constant("p_mw", "float64", 0),
      constant("vm_pu", "float64", 1),
      ...fields<T<"generators">>("sn_mva", "vn_kv", "xdss_pu", "rdss_ohm", "cos_phi", "x0_pu", "pg_percent"),
      ...fields<T<"generators">>("r0_ohm", "rn_ohm", "xn_ohm"),
      [
        "power_station_trafo",
        "float64",
        (g) =>
          g.power_station_trafo === undefined ? null : labelOf(labels.transformers, g.power_station_trafo),
      ],
      constant("slack", "bool", false),
      inService(),
    ] satisfies Column<T<"generators">>[],
    motors: [
      name(),
      busOf("bus"),
      ...fields<T<"motors">>("pn_mech_mw", "cos_phi_n", "efficiency_n_percent", "lrc_pu", "rx", "vn_kv"),
      ["cos_phi", "float64", (m) => m.cos_phi_n],
      ["efficiency_percent", "float64", (m) => m.efficiency_n_percent],
      constant("loading_percent", "float64", 100),
      constant("scaling", "float64", 1),
      field("pole_pairs", "uint32"),
      inService(),
    ] satisfies Column<T<"motors">>[],
    static_generators: [
      name(),
      busOf("bus"),
      constant("p_mw", "float64", 0),
      constant("q_mvar", "float64", 0),
      ...fields<T<"static_generators">>("sn_mva", "k"),
      constant("generator_type", "object", "current_source"),
      constant("scaling", "float64", 1),
      inService(),
    ] satisfies Column<T<"static_generators">>[],
    loads: [
      name(),
      busOf("bus"),
      ...fields<T<"loads">>("p_mw", "q_mvar"),
      constant("const_z_percent", "float64", 0),
      constant("const_i_percent", "float64", 0),
      constant("scaling", "float64", 1),
      inService(),
    ] satisfies Column<T<"loads">>[],
    shunts: [
      name(),
      busOf("bus"),
      ...fields<T<"shunts">>("p_mw", "q_mvar", "vn_kv"),
      constant("step", "uint32", 1),
      constant("max_step", "uint32", 1),
      inService(),
    ] satisfies Column<T<"shunts">>[],
    switches: [
      name(),
      busOf("bus"),
      ["element", "uint32", (s) => switchTarget(s, labels).element],
      ["et", "object", (s) => switchTarget(s, labels).et],
      field("closed", "bool"),
      ["type", "object", (s) => (s.kind === undefined ? undefined : PANDAPOWER_TYPE_OF_KIND.get(s.kind))],
      ["in_ka", "float64", (s) => s.rated_current_ka],
      constant("z_ohm", "float64", 0),
    ] satisfies Column<T<"switches">>[],
  };
}

/**
 * pandapower's impedance is in per unit on sn_mva and the from bus's voltage: the ohm and reactor
 * forms go there on 100 MVA (Z_pu = Z_Ω · S / U²), the per-unit form as it is.
 */
function impedancePerUnit(e: Doc["impedances"][number], fromKv: number) {
  const z = seriesImpedance(e, fromKv);
  if (z.unit === "pu") return { sn: e.sn_mva ?? 1, ...z };
  const k = 100 / fromKv ** 2;
  return { sn: 100, r1: z.r1 * k, x1: z.x1 * k, r0: z.r0 * k, x0: z.x0 * k };
}

/** pandapower splits transformers into trafo (et "t") and trafo3w (et "t3"). */
function switchTarget(sw: Doc["switches"][number], labels: TableLabels) {
  if (sw.element_type === "bus") return { et: "b", element: labelOf(labels.buses, sw.element) };
  if (sw.element_type === "line") return { et: "l", element: labelOf(labels.lines, sw.element) };
  const trafo = labels.transformers.get(sw.element);
  if (trafo !== undefined) return { et: "t", element: trafo };
  return { et: "t3", element: labelOf(labels.transformers3w, sw.element) };
}

/**
 * The document as pandapower's `to_json` output (pandapower 3 form: bus positions in the geo
 * column). Row labels are the numbers of pandapower-style ids ("bus3" → 3), else 0, 1, … in
 * document order, so a document imported from pandapower exports to the same tables and
 * imports back equal. pandapower has no pole_pairs: it is kept as an extra motor column, which
 * pandapower carries along unused. Switch kinds and rated currents go to switch.type and in_ka,
 * line and transformer types to std_type by name (looked up in `types`: the built-in library
 * unless a company's is given); the other ratings have no pandapower column and are left out.
 */
export function exportPandapower(doc: Doc, types: TypeLibrary = new TypeLibrary()): string {
  const labels = Object.fromEntries(
    ELEMENT_COLLECTIONS.map((c) => [
      c,
      numbersFromIds(
        doc[c].map((e) => e.id),
        TABLES[c],
        0,
      ),
    ]),
  ) as unknown as TableLabels;
  const spec = columns(labels, types, new Map(doc.buses.map((b) => [b.id, b.vn_kv])));
  const tables = Object.fromEntries(
    ELEMENT_COLLECTIONS.map((c) => {
      const elements = doc[c] as readonly { id: string }[];
      const rows = elements.map((e) => labelOf(labels[c], e.id));
      // Each collection is paired with its own columns; TypeScript cannot follow that through c.
      return [TABLES[c], frame(elements, rows, spec[c] as unknown as readonly Column<{ id: string }>[])];
    }),
  );
  const net = {
    ...tables,
    name: doc.name,
    f_hz: doc.frequency_hz,
    sn_mva: 1,
    version: "3.0.0",
    format_version: "3.0.0",
  };
  return JSON.stringify({ _module: "pandapower.auxiliary", _class: "pandapowerNet", _object: net });
}
