// Physically absurd documents are refused at save and import with the element and field named in
// words ("bus mv 'MV': Nominal voltage Un (kV): must be ≤ 1200"), the structured issues stay in data.zodError,
// and nothing is saved. Input errors of any procedure are "field: reason" lines, never zod's JSON.

import { lvFeeder, parallelFeeder } from "@ampflux/contracts/testing";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApi } from "../src/server.ts";
import { expectTrpcError, signUpCompany, startTestApi, type TestClient, WEB_ORIGIN } from "./helpers.ts";
import { savedProject } from "./networks.ts";

let api: RunningApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

const versionCount = async (client: TestClient, projectId: string) =>
  (await client.trpc.circuits.list.query({ projectId })).length;

/** Saves `document` on top of version 1 and expects BAD_REQUEST with nothing saved; returns the error. */
async function refusedSave(client: TestClient, projectId: string, document: unknown) {
  const before = await versionCount(client, projectId);
  const error = await expectTrpcError(
    client.trpc.circuits.save.mutate({
      projectId,
      baseVersion: before,
      document: document as typeof lvFeeder,
    }),
    "BAD_REQUEST",
  );
  expect(error.data?.httpStatus).toBe(400);
  expect(error.message).not.toMatch(/^\s*[[{]/);
  expect(error.message).not.toMatch(/document\.(buses|lines)\.\d/);
  expect(await versionCount(client, projectId)).toBe(before);
  return error;
}

describe("plausible network documents at save", () => {
  it("refuses vn_kv 1e308 and Infinity, naming the bus and the field with its unit", async () => {
    const { owner, projectId } = await savedProject(api.url, "plaus-kv", lvFeeder);
    const huge = { ...lvFeeder, buses: [{ id: "mv", name: "MV", vn_kv: 1e308 }, lvFeeder.buses[1]] };
    const error = await refusedSave(owner.client, projectId, huge);
    expect(error.message).toContain("bus mv 'MV': Nominal voltage Un (kV): must be ≤ 1200");
    expect(error.data?.zodError?.issues).toContainEqual({
      path: ["document", "buses", 0, "vn_kv"],
      message: "must be ≤ 1200",
    });
    // superjson carries Infinity and NaN, which JSON cannot.
    const infinite = { ...lvFeeder, buses: [lvFeeder.buses[0], { id: "lv", name: "LV", vn_kv: Infinity }] };
    const second = await refusedSave(owner.client, projectId, infinite);
    expect(second.message).toContain("bus lv 'LV': Nominal voltage Un (kV): must be a finite number");
  });

  it("refuses a 5e-324 km line and a negative one, naming the line", async () => {
    const { owner, projectId } = await savedProject(api.url, "plaus-km", parallelFeeder);
    const [l1, l2, l3] = parallelFeeder.lines;
    const tiny = { ...parallelFeeder, lines: [l1, l2, { ...l3, length_km: 5e-324 }] };
    const error = await refusedSave(owner.client, projectId, tiny);
    expect(error.message).toContain("line L3: Length (km): must be > 0.000001");
    const negative = { ...parallelFeeder, lines: [{ ...l1, length_km: -2 }, l2, l3] };
    expect((await refusedSave(owner.client, projectId, negative)).message).toContain(
      "line L1: Length (km): must be > 0.000001",
    );
  });

  it("refuses a 2 MB network name and a too long element name without echoing them", async () => {
    const { owner, projectId } = await savedProject(api.url, "plaus-name", lvFeeder);
    // 2 MB: the request's structure scan refuses it before any parsing (docs/limits.md).
    const huge = await refusedSave(owner.client, projectId, {
      ...lvFeeder,
      name: "x".repeat(2 * 1024 * 1024),
    });
    expect(huge.message).toMatch(
      /a string of 2097152 characters \(at "name"\) exceeds JSON_MAX_STRING_LENGTH/,
    );
    expect(huge.message.length).toBeLessThan(2_000);
    // Below that scan's limit, the schema's own (STRING_LIMITS.name, 500) names the field.
    const long = "x".repeat(5_000);
    const error = await refusedSave(owner.client, projectId, { ...lvFeeder, name: long });
    expect(error.message).toContain("document.name: must be at most 500 characters");
    expect(error.message.length).toBeLessThan(2_000);
    const element = { ...lvFeeder, buses: [{ id: "mv", name: long, vn_kv: 20 }, lvFeeder.buses[1]] };
    const second = await refusedSave(owner.client, projectId, element);
    expect(second.message).toMatch(/bus mv 'x{40}…': Name: must be at most 500 characters/);
    expect(second.message.length).toBeLessThan(2_000);
  });

  it("keeps refusing another company's save (cross-tenant) whatever the document", async () => {
    const { owner, projectId } = await savedProject(api.url, "plaus-owner", lvFeeder);
    const stranger = await signUpCompany(api.url, "plaus-stranger");
    await expectTrpcError(
      stranger.client.trpc.circuits.save.mutate({ projectId, baseVersion: 1, document: lvFeeder }),
      "NOT_FOUND",
    );
    expect(await versionCount(owner.client, projectId)).toBe(1);
  });
});

describe("input errors in words for every procedure", () => {
  it("turns a failed input parse into 'field: reason' lines, issues kept in data", async () => {
    const { client } = await signUpCompany(api.url, "plaus-input");
    const error = await expectTrpcError(
      client.trpc.projects.create.mutate({ name: 42 as unknown as string }),
      "BAD_REQUEST",
    );
    expect(error.message).toBe("name: Invalid input: expected string, received number");
    expect(error.data?.zodError?.issues).toEqual([
      { path: ["name"], message: "Invalid input: expected string, received number" },
    ]);
    expect(error.data?.zodError?.fieldErrors.name).toEqual([
      "Invalid input: expected string, received number",
    ]);
  });
});

describe("plausible network documents at import", () => {
  async function upload(client: TestClient, fields: Record<string, unknown>, file: string) {
    const res = await fetch(`${api.url}/trpc/circuits.import`, {
      method: "POST",
      headers: {
        "content-type": "application/octet-stream",
        origin: WEB_ORIGIN,
        cookie: `ampflux_session=${client.cookie()}`,
      },
      body: new Blob([`${JSON.stringify(fields)}\n`, file]),
    });
    const json = await res.json();
    return {
      status: res.status,
      error: json.error ? superjson.deserialize<{ message: string }>(json.error) : null,
    };
  }

  const matpower = (baseKv: string, length: string) => `function mpc = absurd
mpc.version = '2';
mpc.baseMVA = 100;
mpc.bus = [
	1	3	0	0	0	0	1	1	0	${baseKv}	1	1.1	0.9;
	2	1	10	5	0	0	1	1	0	110	1	1.1	0.9;
];
mpc.gen = [
	1	0	0	300	-300	1	100	1	250	10;
];
mpc.branch = [
	1	2	0.01	${length}	0	250	250	250	0	0	1	-360	360;
];
`;

  it("refuses a MATPOWER case with BASE_KV 1e308 at its line, naming the bus; nothing saved", async () => {
    const { owner, projectId } = await savedProject(api.url, "plaus-import", lvFeeder);
    const fields = { projectId, baseVersion: 1, fileName: "absurd.m" };
    const refused = await upload(owner.client, fields, matpower("1e308", "0.1"));
    expect(refused.status).toBe(400);
    expect(refused.error?.message).toBe(
      "absurd.m is not a valid matpower network: line 5: bus 1: Nominal voltage Un (kV): must be ≤ 1200",
    );
    expect(await versionCount(owner.client, projectId)).toBe(1);
    // The same case with a plausible voltage imports.
    const accepted = await upload(owner.client, fields, matpower("110", "0.1"));
    expect(accepted.status).toBe(200);
    expect(await versionCount(owner.client, projectId)).toBe(2);
  });

  it("refuses an AmpFlux JSON document with an absurd line, naming the line", async () => {
    const { owner, projectId } = await savedProject(api.url, "plaus-json", lvFeeder);
    const [l1, l2, l3] = parallelFeeder.lines;
    const document = { ...parallelFeeder, lines: [l1, l2, { ...l3, r_ohm_per_km: 1e300 }] };
    const refused = await upload(
      owner.client,
      { projectId, baseVersion: 1, fileName: "net.json" },
      JSON.stringify(document),
    );
    expect(refused.status).toBe(400);
    expect(refused.error?.message).toContain("line L3: R' (Ω/km): must be ≤ 1000000");
    expect(await versionCount(owner.client, projectId)).toBe(1);
  });
});
