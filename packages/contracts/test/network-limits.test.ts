import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  describeInputIssues,
  ELEMENT_COLLECTIONS,
  fieldRange,
  inRange,
  NETWORK_RANGES,
  type NetworkDocumentInput,
  networkDocumentSchema,
  type Quantity,
  type QuantityRange,
  quantityOf,
  STRING_LIMITS,
  unitOfField,
  validateNetwork,
} from "../src/index.ts";
import { mvFeeder, parallelFeeder } from "../src/testing/index.ts";

const QUANTITIES = Object.keys(NETWORK_RANGES) as Quantity[];
const accepts = (q: Quantity, value: number) => inRange(q).safeParse(value).success;
/** The next representable number above / below, so a boundary test cannot pass by rounding. */
const above = (x: number) => x + Math.max(Math.abs(x) * Number.EPSILON * 4, Number.MIN_VALUE);
const below = (x: number) => x - Math.max(Math.abs(x) * Number.EPSILON * 4, Number.MIN_VALUE);

describe("NETWORK_RANGES: each boundary, with its reason", () => {
  it.each(QUANTITIES)("%s: min and max are enforced exactly; non-finite values are refused", (q) => {
    const r: QuantityRange = NETWORK_RANGES[q];
    expect(r.reason.length).toBeGreaterThan(10);
    expect(r.min).toBeLessThan(r.max);
    expect(accepts(q, r.min)).toBe(!r.minExclusive);
    expect(accepts(q, r.integer ? r.min - 1 : below(r.min))).toBe(false);
    expect(accepts(q, r.integer ? r.min + 1 : above(r.min))).toBe(true);
    expect(accepts(q, r.max)).toBe(true);
    expect(accepts(q, r.integer ? r.max + 1 : above(r.max))).toBe(false);
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e308, -1e308])
      expect(accepts(q, value)).toBe(false);
  });

  it("words each refusal with the bound", () => {
    const issues = (q: Quantity, value: unknown) =>
      inRange(q)
        .safeParse(value)
        .error?.issues.map((i) => i.message);
    expect(issues("voltage_kv", 0.001)).toEqual(["must be > 0.001"]);
    expect(issues("voltage_kv", 1e308)).toEqual(["must be ≤ 1200"]);
    expect(issues("length_km", 5e-324)).toEqual(["must be > 0.000001"]);
    expect(issues("resistance_ohm_per_km", -1)).toEqual(["must be ≥ 0"]);
    expect(issues("count", 1.5)).toEqual(["must be a whole number"]);
    expect(issues("power_mw", Number.POSITIVE_INFINITY)).toEqual(["must be a finite number"]);
    expect(issues("power_mw", "5")).toEqual(["must be a finite number"]);
  });
});

/** Every number schema reachable from `schema`, with its path (optional, default, arrays, tuples unwrapped). */
function numberFields(schema: z.ZodType, path: string, out: Map<string, z.ZodNumber>): void {
  if (schema instanceof z.ZodNumber) out.set(path, schema);
  else if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault)
    numberFields(schema.unwrap() as z.ZodType, path, out);
  else if (schema instanceof z.ZodArray) numberFields(schema.element as z.ZodType, `${path}[]`, out);
  else if (schema instanceof z.ZodTuple)
    for (const [i, item] of (schema.def.items as z.ZodType[]).entries())
      numberFields(item, `${path}[${i}]`, out);
  else if (schema instanceof z.ZodObject)
    for (const [key, field] of Object.entries(schema.shape))
      numberFields(field as z.ZodType, `${path}.${key}`, out);
}

describe("the network document schema", () => {
  it("bounds every numeric field of every element on both sides (none is open-ended)", () => {
    const fields = new Map<string, z.ZodNumber>();
    numberFields(networkDocumentSchema, "document", fields);
    // Every collection is reached, and the nested objects (arc flash, protection, geo) too.
    for (const collection of ELEMENT_COLLECTIONS)
      expect([...fields.keys()].some((path) => path.startsWith(`document.${collection}[]`))).toBe(true);
    expect(fields.has("document.buses[].arc_flash.gap_mm")).toBe(true);
    expect(fields.has("document.switches[].protection.points[][1]")).toBe(true);
    expect(fields.size).toBeGreaterThan(120);
    for (const [path, schema] of fields) {
      expect(Number.isFinite(schema.minValue), `${path} min`).toBe(true);
      expect(Number.isFinite(schema.maxValue), `${path} max`).toBe(true);
      // Made from the table, so the docs list it (a hand-made z.number() would escape them).
      expect(quantityOf(schema), path).toBeDefined();
    }
  });

  it("gives the editor each field's range from the schema", () => {
    expect(fieldRange("buses", "vn_kv")).toBe(NETWORK_RANGES.voltage_kv);
    expect(fieldRange("lines", "max_i_ka")).toBe(NETWORK_RANGES.current_ka);
    expect(fieldRange("lines", "parallel")).toBe(NETWORK_RANGES.count);
    expect(fieldRange("transformers", "shift_degree")).toBe(NETWORK_RANGES.angle_degree);
    expect(fieldRange("buses", "name")).toBeUndefined();
    expect(fieldRange("buses", "arc_flash")).toBeUndefined();
  });

  it("refuses the probes of issue 24 with the element and field named", () => {
    /** The feeder with `change` applied to a fresh copy, validated and its errors worded. */
    const probe = (change: (doc: typeof mvFeeder) => unknown) => {
      const doc = structuredClone(mvFeeder);
      const changed = change(doc) ?? doc;
      return describeInputIssues(validateNetwork(changed).errors, changed);
    };
    expect(
      probe((doc) => ({ ...doc, buses: [{ id: "hv", name: "Main", vn_kv: 1e308 }, ...doc.buses.slice(1)] })),
    ).toContain("bus hv 'Main': Nominal voltage Un (kV): must be ≤ 1200");
    expect(probe((doc) => ({ ...doc, lines: doc.lines.map((l) => ({ ...l, length_km: 5e-324 })) }))).toBe(
      "line L: Length (km): must be > 0.000001",
    );
    expect(probe((doc) => ({ ...doc, name: "n".repeat(2_000_000) }))).toBe(
      "name: must be at most 500 characters",
    );
    expect(
      probe((doc) => ({ ...doc, buses: [{ id: "i".repeat(201), vn_kv: 110 }, ...doc.buses.slice(1)] })),
    ).toMatch(/^bus i{40}…: id: must be at most 200 characters/);
  });

  it("keeps the plausible extremes of real data: 0.4 kV and 1 100 kV buses, 2 500 km lines, 1e5 Mvar limits", () => {
    const doc = structuredClone(parallelFeeder) as NetworkDocumentInput;
    doc.buses = [
      { id: "src", vn_kv: 1_100 },
      { id: "far", vn_kv: 1_100 },
      { id: "spur", vn_kv: 1_100 },
      { id: "lv", vn_kv: 0.4 },
    ];
    doc.lines = doc.lines?.map((l) => ({ ...l, length_km: 2_500, x_ohm_per_km: -49.9 }));
    doc.generators = [
      {
        id: "g",
        bus: "src",
        sn_mva: 1_764,
        vn_kv: 1_100,
        xdss_pu: 0.2,
        rdss_ohm: 309,
        cos_phi: 0.85,
        q_min_mvar: -1e5,
        q_max_mvar: 1e5,
      },
    ];
    expect(validateNetwork(doc).errors).toEqual([]);
  });
});

describe("describeInputIssues", () => {
  const doc = {
    buses: [{ id: "B3", name: "Main", vn_kv: 0, arc_flash: { gap_mm: -1 } }, { vn_kv: 1 }],
    lines: [{ id: "L1", name: "L1", endtemp_degree: 5000 }],
  };
  it("names the element by kind, id and name, and the field by its panel label with its unit", () => {
    const lines = describeInputIssues(
      [
        { path: ["document", "buses", 0, "vn_kv"], message: "must be > 0.001" },
        { path: ["document", "buses", 0, "arc_flash", "gap_mm"], message: "must be > 0" },
        { path: ["document", "buses", 1, "id"], message: "must be text" },
        { path: ["document", "lines", 0, "endtemp_degree"], message: "must be ≤ 1000" },
        { path: ["projectId"], message: "Invalid UUID" },
        { path: [], message: "needs a document" },
      ],
      { document: doc },
    );
    expect(lines.split("\n")).toEqual([
      "bus B3 'Main': Nominal voltage Un (kV): must be > 0.001",
      "bus B3 'Main': Arc flash (IEEE 1584-2018) › Conductor gap G (mm): must be > 0",
      "bus #2: id: must be text",
      "line L1: End temperature (°C): must be ≤ 1000",
      "projectId: Invalid UUID",
      "needs a document",
    ]);
  });

  it("lists at most 20 issues and counts the rest", () => {
    const issues = Array.from({ length: 25 }, (_, i) => ({ path: ["x", i], message: "bad" }));
    const lines = describeInputIssues(issues, {}).split("\n");
    expect(lines).toHaveLength(21);
    expect(lines.at(-1)).toBe("… and 5 more");
  });

  it("reads units from the field names of every numeric field", () => {
    expect(unitOfField("x_ohm_per_km")).toBe("Ω/km");
    expect(unitOfField("c0_nf_per_km")).toBe("nF/km");
    expect(unitOfField("q_max_mvar")).toBe("Mvar");
    expect(unitOfField("sn_hv_mva")).toBe("MVA");
    expect(unitOfField("short_time_s")).toBe("s");
    expect(unitOfField("cross_section_mm2")).toBe("mm²");
    expect(unitOfField("k_a_s05_mm2")).toBe("A·√s/mm²");
    expect(unitOfField("rx_max")).toBeUndefined();
  });
});

describe("docs/network-limits.md", () => {
  const doc = readFileSync(new URL("../../../docs/network-limits.md", import.meta.url), "utf8");
  it.each(QUANTITIES)("lists %s with the bounds of NETWORK_RANGES", (q) => {
    const r: QuantityRange = NETWORK_RANGES[q];
    const row = doc.split("\n").find((line) => line.startsWith(`| \`${q}\` |`));
    expect(row, `a table row for ${q}`).toBeDefined();
    expect(row).toContain(` ${r.minExclusive ? ">" : "≥"} ${r.min} `);
    expect(row).toContain(` ≤ ${r.max} `);
  });
  it("lists the string limits", () => {
    for (const [kind, { max }] of Object.entries(STRING_LIMITS))
      expect(doc).toContain(`| ${kind} | ${max} |`);
  });
});
