import {
  NETWORK_SCHEMA_ID,
  networkDocumentSchema,
  storedDocumentTypes,
  validateNetwork,
} from "@ampflux/contracts";
import { ratedSwitchboard } from "@ampflux/contracts/testing";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, inject, it } from "vitest";
import {
  companies,
  companyEquipmentTypes,
  companyTypeLibrary,
  createDb,
  equipmentTypes,
} from "../src/index.ts";

// SQLSTATE for unique_violation (drizzle wraps the postgres error as `cause`).
const UNIQUE_VIOLATION = "23505";

const client = createDb(inject("databaseUrl"));
const { db } = client;
afterAll(() => client.close());

async function company(name: string) {
  const [row] = await db.insert(companies).values({ name }).returning();
  if (!row) throw new Error("no company");
  return row;
}

const cb25 = { kind: "circuit_breaker", breaking_ka: 25, making_ka: 63 };

describe("equipment_types", () => {
  it("keeps names unique per company and kind, and goes with its company", async () => {
    const acme = await company("Acme");
    const other = await company("Other");
    const row = { companyId: acme.id, kind: "switch" as const, name: "CB 25", values: cb25 };
    await db.insert(equipmentTypes).values(row);
    await expect(db.insert(equipmentTypes).values(row)).rejects.toMatchObject({
      cause: { code: UNIQUE_VIOLATION, constraint_name: "equipment_types_companyId_kind_name_unique" },
    });
    // Another kind, or another company, may use the name.
    await db.insert(equipmentTypes).values({ ...row, kind: "bus", values: {} });
    await db.insert(equipmentTypes).values({ ...row, companyId: other.id });

    expect((await companyEquipmentTypes(db, acme.id)).map((t) => [t.kind, t.name, t.builtin])).toEqual([
      ["switch", "CB 25", false],
      ["bus", "CB 25", false],
    ]);
    expect(await companyEquipmentTypes(db, acme.id, "bus")).toHaveLength(1);
    await db.delete(companies).where(eq(companies.id, acme.id));
    expect(await db.select().from(equipmentTypes).where(eq(equipmentTypes.companyId, acme.id))).toEqual([]);
    expect(await companyEquipmentTypes(db, other.id)).toHaveLength(1);
  });

  it("resolves a company's types on save; the stored document validates later without them", async () => {
    const acme = await company("Acme");
    const [type] = await db
      .insert(equipmentTypes)
      .values({ companyId: acme.id, kind: "switch", name: "CB 25", values: cb25 })
      .returning();
    const id = type?.id ?? "";
    const input = {
      ...ratedSwitchboard,
      switches: [{ id: "Q1", bus: "mv", element: "L1", element_type: "line", type: id }],
    };
    const saved = validateNetwork(input, await companyTypeLibrary(db, acme.id));
    expect(saved.errors).toEqual([]);
    expect(saved.document?.switches[0]).toMatchObject({ type: id, ...cb25 });
    // Built-ins alone do not know the company's type: the saved values are used, with a warning...
    const elsewhere = validateNetwork(saved.document);
    expect(elsewhere.errors).toEqual([]);
    expect(elsewhere.warnings).toContainEqual({
      path: ["switches", 0, "type"],
      message: `unknown switch type "${id}": the element's own values are used`,
    });
    // ...the stored document's own references do, and fill nothing: the element's values stay
    // as saved even where a built-in type of the same id would give others.
    const stored = validateNetwork(saved.document, storedDocumentTypes(saved.document));
    expect(stored.errors).toEqual([]);
    expect(stored.document).toEqual(saved.document);
    const builtinRef = networkDocumentSchema.parse({
      schema: NETWORK_SCHEMA_ID,
      name: "b",
      frequency_hz: 50,
      buses: [{ id: "mv", vn_kv: 20, type: "Switchgear 25 kA 1 s (IEC 62271-200)", short_time_ka: 20 }],
    });
    const again = validateNetwork(builtinRef, storedDocumentTypes(builtinRef)).document?.buses[0];
    expect(again).toMatchObject({ short_time_ka: 20 });
    expect(again).not.toHaveProperty("peak_withstand_ka");
  });
});
