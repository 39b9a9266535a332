import { BUILTIN_TYPES } from "@ampflux/contracts";
import { ratedSwitchboard } from "@ampflux/contracts/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApi } from "../src/server.ts";
import { addCompanyUser, expectTrpcError, signUpCompany, startTestApi } from "./helpers.ts";

let api: RunningApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

/** A 24 kV 25 kA breaker as a company would enter it from a datasheet. */
const breaker25 = {
  kind: "switch" as const,
  name: "Acme VCB 24 kV 25 kA",
  source: "Acme datasheet VCB-24, rev. 3",
  values: {
    kind: "circuit_breaker" as const,
    rated_voltage_kv: 24,
    breaking_ka: 25,
    making_ka: 63,
    short_time_ka: 25,
    short_time_s: 3,
    opening_time_ms: 40,
  },
};

/** ratedSwitchboard with breaker Q1 carrying only a type reference: every rating comes from it. */
function withQ1Type(type: string) {
  const q1 = { id: "Q1", bus: "mv", element: "L1", element_type: "line" as const, type };
  return { ...ratedSwitchboard, switches: [q1] };
}

describe("types.list", () => {
  it("lists the built-in types and the caller's company types, each flagged, filtered by kind", async () => {
    const admin = await signUpCompany(api.url, "types-list");
    const member = await addCompanyUser(api.url, admin.client, "types-member");
    const created = await admin.client.trpc.types.create.mutate(breaker25);
    expect(created).toMatchObject({ ...breaker25, builtin: false });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);

    // Every company user picks from the library, admin or not.
    const all = await member.client.trpc.types.list.query();
    expect(all.filter((t) => t.builtin)).toHaveLength(BUILTIN_TYPES.length);
    expect(all.filter((t) => !t.builtin)).toEqual([created]);
    const switches = await member.client.trpc.types.list.query({ kind: "switch" });
    expect(new Set(switches.map((t) => t.kind))).toEqual(new Set(["switch"]));
    expect(switches).toContainEqual(created);
    expect(switches.find((t) => t.id === "CB 24 kV 16 kA (IEC 62271-100)")).toMatchObject({
      builtin: true,
      values: { breaking_ka: 16, making_ka: 40 },
    });
    expect(await member.client.trpc.types.list.query({ kind: "line" })).not.toContainEqual(created);
  });
});

describe("types.create / update / delete", () => {
  it("lets only company admins edit, and audits each change", async () => {
    const admin = await signUpCompany(api.url, "types-admin");
    const member = await addCompanyUser(api.url, admin.client, "types-user");
    await expectTrpcError(member.client.trpc.types.create.mutate(breaker25), "FORBIDDEN");

    const created = await admin.client.trpc.types.create.mutate(breaker25);
    const edited = {
      ...breaker25,
      name: "Acme VCB 24 kV 25 kA (2026)",
      values: { ...breaker25.values, making_ka: 65 },
    };
    await expectTrpcError(
      member.client.trpc.types.update.mutate({ id: created.id, type: edited }),
      "FORBIDDEN",
    );
    await expectTrpcError(member.client.trpc.types.delete.mutate({ id: created.id }), "FORBIDDEN");

    const updated = await admin.client.trpc.types.update.mutate({ id: created.id, type: edited });
    expect(updated).toEqual({ ...edited, id: created.id, builtin: false });
    expect(await admin.client.trpc.types.delete.mutate({ id: created.id })).toEqual({
      id: created.id,
      deleted: true,
    });
    expect((await admin.client.trpc.types.list.query()).filter((t) => !t.builtin)).toEqual([]);

    const audit = await admin.client.trpc.audit.list.query({});
    const typeRows = audit.items.filter((row) => row.action.startsWith("type."));
    expect(typeRows.map((row) => [row.action, row.targetId, row.details])).toEqual([
      ["type.delete", created.id, { kind: "switch", name: edited.name }],
      ["type.update", created.id, { kind: "switch", name: edited.name, previousName: breaker25.name }],
      ["type.create", created.id, { kind: "switch", name: breaker25.name }],
    ]);
  });

  it("keeps each company's types to itself: another company neither sees nor edits them", async () => {
    const owner = await signUpCompany(api.url, "types-owner");
    const other = await signUpCompany(api.url, "types-other");
    const created = await owner.client.trpc.types.create.mutate(breaker25);
    expect((await other.client.trpc.types.list.query()).some((t) => t.id === created.id)).toBe(false);
    const edited = { ...breaker25, values: { ...breaker25.values, breaking_ka: 63 } };
    await expectTrpcError(
      other.client.trpc.types.update.mutate({ id: created.id, type: edited }),
      "NOT_FOUND",
    );
    await expectTrpcError(other.client.trpc.types.delete.mutate({ id: created.id }), "NOT_FOUND");
    // The same name is free in another company.
    await other.client.trpc.types.create.mutate(breaker25);
    const kept = (await owner.client.trpc.types.list.query()).find((t) => t.id === created.id);
    expect(kept?.values).toEqual(breaker25.values);
  });

  it("names the field of a bad value, and of a name already taken (409)", async () => {
    const admin = await signUpCompany(api.url, "types-bad");
    const negative = { ...breaker25, values: { ...breaker25.values, breaking_ka: -5 } };
    const bad = await expectTrpcError(admin.client.trpc.types.create.mutate(negative), "BAD_REQUEST");
    expect(bad.data?.zodError?.issues.map((i) => i.path)).toEqual([["values", "breaking_ka"]]);
    // A field a switch type cannot set (where it sits is the element's business).
    const placed = { ...breaker25, values: { ...breaker25.values, bus: "mv" } };
    const unknown = await expectTrpcError(admin.client.trpc.types.create.mutate(placed), "BAD_REQUEST");
    expect(unknown.data?.zodError?.issues[0]?.path).toEqual(["values"]);
    expect(unknown.data?.zodError?.issues[0]?.message).toContain("bus");

    const first = await admin.client.trpc.types.create.mutate(breaker25);
    const clash = await expectTrpcError(admin.client.trpc.types.create.mutate(breaker25), "CONFLICT");
    expect(clash.message).toContain(`already has a switch type named "${breaker25.name}"`);
    expect(clash.data?.zodError?.fieldErrors.name).toHaveLength(1);
    // The same name for another kind is a different type.
    await admin.client.trpc.types.create.mutate({ kind: "bus", name: breaker25.name, values: {} });

    const second = await admin.client.trpc.types.create.mutate({ ...breaker25, name: "Second" });
    const renamed = admin.client.trpc.types.update.mutate({ id: second.id, type: breaker25 });
    const clashOnUpdate = await expectTrpcError(renamed, "CONFLICT");
    expect(clashOnUpdate.data?.zodError?.issues.map((i) => i.path)).toEqual([["type", "name"]]);
    const kindChange = admin.client.trpc.types.update.mutate({
      id: first.id,
      type: { kind: "bus", name: "x", values: {} },
    });
    expect((await expectTrpcError(kindChange, "BAD_REQUEST")).message).toContain("kind cannot change");
  });

  it("refuses to edit or delete a built-in type", async () => {
    const admin = await signUpCompany(api.url, "types-builtin");
    const id = "CB 24 kV 16 kA (IEC 62271-100)";
    const edit = admin.client.trpc.types.update.mutate({ id, type: { ...breaker25, name: id } });
    expect((await expectTrpcError(edit, "FORBIDDEN")).message).toContain("built-in type");
    await expectTrpcError(admin.client.trpc.types.delete.mutate({ id }), "FORBIDDEN");
  });
});

describe("company types in documents", () => {
  it("stores the document resolved with the company's type, keeping `type`; studies run without the library", async () => {
    const admin = await signUpCompany(api.url, "types-doc");
    const { id: projectId } = await admin.client.trpc.projects.create.mutate({ name: "Typed" });
    const type = await admin.client.trpc.types.create.mutate(breaker25);
    const circuits = admin.client.trpc.circuits;
    await circuits.save.mutate({ projectId, baseVersion: null, document: withQ1Type(type.id) });
    const stored = await circuits.get.query({ projectId, version: 1 });
    expect(stored?.document.switches[0]).toMatchObject({ type: type.id, ...breaker25.values });

    // Editing and then deleting the type changes no saved version, and the version still runs.
    const edited = { ...breaker25, values: { ...breaker25.values, breaking_ka: 31.5 } };
    await admin.client.trpc.types.update.mutate({ id: type.id, type: edited });
    await admin.client.trpc.types.delete.mutate({ id: type.id });
    expect((await circuits.get.query({ projectId, version: 1 }))?.document.switches[0]?.breaking_ka).toBe(25);
    const run = await admin.client.trpc.simulations.run.mutate({
      projectId,
      version: 1,
      study: { kind: "short_circuit", options: {} },
    });
    expect(run.status).toBe("succeeded");
  });

  it("refuses an unknown type id, and another company's, naming [collection, i, type]", async () => {
    const admin = await signUpCompany(api.url, "types-unknown");
    const other = await signUpCompany(api.url, "types-foreign");
    const foreign = await other.client.trpc.types.create.mutate(breaker25);
    const { id: projectId } = await admin.client.trpc.projects.create.mutate({ name: "Typed" });
    for (const type of ["no such breaker", foreign.id]) {
      const save = admin.client.trpc.circuits.save.mutate({
        projectId,
        baseVersion: null,
        document: withQ1Type(type),
      });
      const error = await expectTrpcError(save, "BAD_REQUEST");
      expect(error.data?.zodError?.issues).toEqual([
        { path: ["document", "switches", 0, "type"], message: `unknown switch type "${type}"` },
      ]);
    }
    expect(await admin.client.trpc.circuits.get.query({ projectId })).toBeNull();
  });

  it("shows a type change in the version diff as a field change", async () => {
    const admin = await signUpCompany(api.url, "types-diff");
    const { id: projectId } = await admin.client.trpc.projects.create.mutate({ name: "Typed" });
    const type = await admin.client.trpc.types.create.mutate(breaker25);
    const circuits = admin.client.trpc.circuits;
    await circuits.save.mutate({
      projectId,
      baseVersion: null,
      document: withQ1Type("CB 24 kV 16 kA (IEC 62271-100)"),
    });
    // Q1 takes the company's 25 kA breaker; its rating fields come along from the type.
    await circuits.save.mutate({ projectId, baseVersion: 1, document: withQ1Type(type.id) });
    const diff = await circuits.diff.query({ projectId, from: 1, to: 2 });
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    expect(diff.changed).toEqual([
      {
        collection: "switches",
        id: "Q1",
        fields: expect.arrayContaining([
          "type",
          "breaking_ka",
          "making_ka",
          "short_time_s",
          "opening_time_ms",
        ]),
      },
    ]);
  });
});
