import { describe, expect, it } from "vitest";
import {
  BUILTIN_TYPES,
  cableKFactor,
  dutyStatus,
  equipmentTypeInputSchema,
  lowVoltagePeakFactor,
  resolveTypes,
  TypeLibrary,
  typeOverrides,
  validateNetwork,
} from "../src/index.ts";
import { mvFeeder } from "../src/testing/index.ts";

describe("built-in type library", () => {
  it("every built-in type is a valid type of its kind, with a source", () => {
    expect(BUILTIN_TYPES.length).toBeGreaterThan(100);
    for (const type of BUILTIN_TYPES) {
      const parsed = equipmentTypeInputSchema.safeParse({
        kind: type.kind,
        name: type.name,
        source: type.source,
        values: type.values,
      });
      expect(parsed.success, `${type.kind} ${type.name}: ${parsed.error?.message}`).toBe(true);
      expect(type.source).not.toBe("");
    }
    expect(new Set(BUILTIN_TYPES.map((t) => `${t.kind}/${t.id}`)).size).toBe(BUILTIN_TYPES.length);
  });

  it("copies pandapower's published values (std_types.py, basic_line_std_types / basic_trafo_std_types)", () => {
    const library = new TypeLibrary();
    expect(library.get("line", "NA2XS2Y 1x240 RM/25 12/20 kV")?.values).toMatchObject({
      r_ohm_per_km: 0.122,
      x_ohm_per_km: 0.112,
      c_nf_per_km: 304,
      max_i_ka: 0.421,
      cross_section_mm2: 240,
      conductor: "al",
      insulation: "xlpe",
    });
    expect(library.get("transformer", "0.4 MVA 20/0.4 kV")?.values).toMatchObject({
      vk_percent: 6,
      vkr_percent: 1.425,
      vector_group: "Dyn5",
    });
  });

  it("HV breakers make at 2.5 × Isc (IEC 62271-100 §4.103), LV at n × Icu (IEC 60947-2 Table 2)", () => {
    const library = new TypeLibrary();
    expect(library.get("switch", "CB 24 kV 16 kA (IEC 62271-100)")?.values).toMatchObject({
      breaking_ka: 16,
      making_ka: 40,
      short_time_s: 1,
      dc_time_constant_ms: 45,
    });
    expect(library.get("switch", "CB 0.69 kV 50 kA (IEC 60947-2)")?.values.making_ka).toBe(105);
    expect([4, 8, 16, 40, 63].map(lowVoltagePeakFactor)).toEqual([1.5, 1.7, 2.0, 2.1, 2.2]);
    expect(library.byName("switch", "cb 24 KV  16 kA (iec 62271-100)")?.id).toBe(
      "CB 24 kV 16 kA (IEC 62271-100)",
    );
  });
});

describe("types on elements", () => {
  const typedLine = {
    id: "L1",
    from_bus: "B1",
    to_bus: "B2",
    length_km: 2,
    type: "NA2XS2Y 1x240 RM/25 12/20 kV",
    x_ohm_per_km: 0.2,
  };

  it("fills unset fields from the type; the element's own values win and show as overrides", () => {
    const { document, unresolved } = resolveTypes({ lines: [typedLine] });
    expect(unresolved).toEqual([]);
    const [line] = (document as { lines: Array<Record<string, unknown>> }).lines;
    expect(line).toMatchObject({ r_ohm_per_km: 0.122, x_ohm_per_km: 0.2, cross_section_mm2: 240 });
    expect(typedLine).not.toHaveProperty("r_ohm_per_km");
    expect(typeOverrides("line", line ?? {}, new TypeLibrary())).toEqual(["x_ohm_per_km"]);
  });

  it("an unknown type: an error where the element is incomplete, a warning where its own values suffice", () => {
    const doc = structuredClone(mvFeeder);
    const incomplete = { ...typedLine, from_bus: "mv", to_bus: "end", type: "no such cable" };
    const result = validateNetwork({ ...doc, lines: [incomplete] });
    expect(result.ok).toBe(false);
    expect(result.errors[0]).toEqual({
      path: ["lines", 0, "type"],
      message: 'unknown line type "no such cable"',
    });
    expect(result.errors.map((e) => e.path.join("."))).toContain("lines.0.r_ohm_per_km");

    // A saved document carries its type's values: another company's type id still studies here.
    const complete = validateNetwork({
      ...doc,
      lines: doc.lines.map((l) => ({ ...l, type: "their cable" })),
    });
    expect(complete.ok).toBe(true);
    expect(complete.warnings).toContainEqual({
      path: ["lines", 0, "type"],
      message: 'unknown line type "their cable": the element\'s own values are used',
    });
    const strict = validateNetwork(
      { ...doc, lines: doc.lines.map((l) => ({ ...l, type: "their cable" })) },
      undefined,
      {
        unknownTypes: "error",
      },
    );
    expect(strict.errors).toEqual([
      { path: ["lines", 0, "type"], message: 'unknown line type "their cable"' },
    ]);
  });

  it("a company type resolves when its library is given", () => {
    const doc = structuredClone(mvFeeder);
    const company = new TypeLibrary([
      {
        id: "c0ffee",
        kind: "switch",
        name: "Our 20 kA breaker",
        source: "datasheet",
        builtin: false,
        values: { breaking_ka: 20 },
      },
    ]);
    const switches = [{ id: "S1", bus: "mv", element: "L", element_type: "line", type: "c0ffee" }];
    expect(validateNetwork({ ...doc, switches }, undefined, { unknownTypes: "error" }).ok).toBe(false);
    const result = validateNetwork({ ...doc, switches }, company);
    expect(result.errors).toEqual([]);
    expect(result.document?.switches[0]?.breaking_ka).toBe(20);
  });
});

describe("ratings", () => {
  it("k from IEC 60364-4-43 Table 43A and IEC 60364-5-54 Table A.54.5; a given k wins", () => {
    expect(cableKFactor({ conductor: "cu", insulation: "pvc" })).toBe(115);
    expect(cableKFactor({ conductor: "cu", insulation: "pvc", cross_section_mm2: 400 })).toBe(103);
    expect(cableKFactor({ conductor: "al", insulation: "xlpe" })).toBe(94);
    expect(cableKFactor({ conductor: "al", insulation: "bare" })).toBe(105);
    expect(cableKFactor({ conductor: "cu" })).toBeUndefined();
    expect(cableKFactor({ k_a_s05_mm2: 120, conductor: "cu", insulation: "pvc" })).toBe(120);
  });

  it("status bands: ok ≤ 90 %, warning to 100 %, overdutied above, null is a missing rating", () => {
    expect([50, 90, 90.01, 100, 100.01, null].map(dutyStatus)).toEqual([
      "ok",
      "ok",
      "warning",
      "warning",
      "overdutied",
      "missing rating",
    ]);
  });

  it("a rating outside its range is refused with its path", () => {
    const doc = structuredClone(mvFeeder);
    const buses = doc.buses.map((bus, i) => (i === 0 ? { ...bus, short_time_ka: -5 } : bus));
    const result = validateNetwork({ ...doc, buses });
    expect(result.errors[0]?.path).toEqual(["buses", 0, "short_time_ka"]);
  });
});

describe("the rated switchboard fixture", () => {
  it("is valid and its typed elements agree with their built-in types", async () => {
    const { ratedSwitchboard, withParallelTransformer } = await import("../src/testing/index.ts");
    const library = new TypeLibrary();
    const result = validateNetwork(withParallelTransformer(ratedSwitchboard));
    expect(result.errors).toEqual([]);
    expect(result.document?.transformers.map((t) => t.id)).toEqual(["T1", "T2"]);
    for (const bus of ratedSwitchboard.buses) expect(typeOverrides("bus", bus, library)).toEqual([]);
    for (const line of ratedSwitchboard.lines) expect(typeOverrides("line", line, library)).toEqual([]);
    for (const sw of ratedSwitchboard.switches) expect(typeOverrides("switch", sw, library)).toEqual([]);
  });
});
