// circuits.get's fast path (src/circuits/get-fast-path.ts) passes the stored document through as
// Postgres's JSON text: its answer must be the tRPC procedure's answer, value for value, and every
// refusal must stay the procedure's own. The reference answer comes from the same procedure
// asked in a batch (?batch=1), which the fast path leaves to the tRPC handler.

import { readFile } from "node:fs/promises";
import { request } from "node:http";
import { gunzipSync } from "node:zlib";
import { importMatpower } from "@ampflux/contracts/importers";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApi } from "../src/server.ts";
import {
  addCompanyUser,
  expectTrpcError,
  signUpCompany,
  startTestApi,
  testClient,
  WEB_ORIGIN,
} from "./helpers.ts";
import { savedProject } from "./networks.ts";

let api: RunningApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

const inputOf = (input: unknown) => encodeURIComponent(JSON.stringify(superjson.serialize(input)));

async function getBoth(input: unknown, headers: Record<string, string>) {
  const fast = await fetch(`${api.url}/trpc/circuits.get?input=${inputOf(input)}`, { headers });
  const viaTrpc = await fetch(
    `${api.url}/trpc/circuits.get?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: superjson.serialize(input) }))}`,
    {
      headers,
    },
  );
  return { fast, fastText: await fast.text(), viaTrpc, trpcText: await viaTrpc.text() };
}

/**
 * case118 as imported, with a bus name full of characters JSON escapes, and numbers whose text
 * forms differ between jsonb and JavaScript (jsonb prints 1e-7 as 0.0000001; both parse to the
 * same doubles) as line resistances, within the plausible range of Ω/km (docs/network-limits.md).
 */
const AWKWARD = [1e-7, 0.1 + 0.2, 2.5e-12, 123456.789, 3e-9];
const AWKWARD_NAME = 'Bus "1" ü \\ \u2028 é';
async function awkwardNetwork() {
  const text = await readFile(new URL("../../../../shared/data/matpower/case118.m", import.meta.url), "utf8");
  const { document } = importMatpower(text);
  return {
    ...document,
    buses: document.buses.map((bus, i) => ({ ...bus, ...(i === 0 && { name: AWKWARD_NAME }) })),
    lines: document.lines.map((line, i) => ({
      ...line,
      ...(i < AWKWARD.length && { r_ohm_per_km: AWKWARD[i] }),
    })),
  };
}

describe("circuits.get fast path", () => {
  it("answers exactly what the tRPC procedure answers, without re-serializing the document", async () => {
    const { owner, projectId } = await savedProject(api.url, "fast-get", await awkwardNetwork());
    // The stored text in another layout than JSON.stringify's, with jsonb's forms of the numbers
    // (as a version stored before migration 0020 has them): the fast path must send it as it is.
    await api.deps.database.sql`update circuit_versions
      set document = jsonb_pretty(document::jsonb)::json where project_id = ${projectId}`;
    const { key } = await owner.client.trpc.apiKeys.create.mutate({ name: "fast" });
    const headers = { authorization: `Bearer ${key}` };
    // The first answer fetches the document; the second comes from the process's document cache.
    for (const input of [{ projectId }, { projectId, version: 1 }]) {
      const { fast, fastText, viaTrpc, trpcText } = await getBoth(input, headers);
      expect([fast.status, fastText.slice(0, 300)]).toEqual([200, expect.any(String)]);
      expect([viaTrpc.status, trpcText.slice(0, 300)]).toEqual([200, expect.any(String)]);
      expect(viaTrpc.status).toBe(200);
      expect(fast.headers.get("content-type")).toBe(viaTrpc.headers.get("content-type"));
      const reference = JSON.parse(trpcText)[0];
      expect(JSON.parse(fastText)).toEqual(reference);
      // The fast path's document is the stored text (jsonb_pretty's lines), not JSON.stringify's.
      expect(fastText).toContain('\n    "buses": [');
      expect(trpcText).not.toContain("\n");
    }
    // Through the tRPC client (plain GETs: the fast path), with superjson's types restored.
    const stored = await owner.client.trpc.circuits.get.query({ projectId });
    expect(stored?.createdAt).toBeInstanceOf(Date);
    const { buses, lines } = (stored?.document ?? { buses: [], lines: [] }) as {
      buses: Array<{ name?: string }>;
      lines: Array<{ r_ohm_per_km: number }>;
    };
    expect(lines.slice(0, AWKWARD.length).map((l) => l.r_ohm_per_km)).toEqual(AWKWARD);
    expect(buses[0]?.name).toBe(AWKWARD_NAME);
  });

  it("writes gzip for clients that accept it, and every answer's headers", async () => {
    const { owner, projectId } = await savedProject(api.url, "fast-gzip", await awkwardNetwork());
    const cookie = `ampflux_session=${owner.client.cookie()}`;
    // node:http, not fetch: fetch would decompress and hide the encoding.
    const get = (acceptEncoding: string) =>
      new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>(
        (resolve, reject) => {
          const req = request(
            `${api.url}/trpc/circuits.get?input=${inputOf({ projectId })}`,
            { headers: { cookie, origin: WEB_ORIGIN, "accept-encoding": acceptEncoding } },
            (res) => {
              const chunks: Buffer[] = [];
              res.on("data", (chunk: Buffer) => chunks.push(chunk));
              res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
              res.on("error", reject);
            },
          );
          req.on("error", reject);
          req.end();
        },
      );
    const plain = await get("identity");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(Number(plain.headers["content-length"])).toBe(plain.body.length);
    // Twice: compressed once, then from the cache next to the plain bytes; same answer both times.
    for (const accept of ["gzip, deflate, br", "br;q=1, gzip;q=0.5"]) {
      const zipped = await get(accept);
      expect(zipped.headers["content-encoding"]).toBe("gzip");
      expect(Number(zipped.headers["content-length"])).toBe(zipped.body.length);
      expect(zipped.body.length).toBeLessThan(plain.body.length / 3);
      expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
    }
    expect((await get("gzip;q=0")).headers["content-encoding"]).toBeUndefined();
    // What every answer of the api carries (middleware/response-headers.ts), written directly too.
    expect(plain.headers["x-request-id"]).toMatch(/\S+/);
    expect(plain.headers["x-content-type-options"]).toBe("nosniff");
    expect(plain.headers["access-control-allow-origin"]).toBe(WEB_ORIGIN);
    expect(plain.headers.vary).toBe("Origin, Accept-Encoding");
    // The session's sliding expiry refreshes its cookie, as the procedure's answer does.
    expect(plain.headers["set-cookie"]?.[0]).toMatch(/^ampflux_session=/);
  });

  it("leaves every refusal to the procedure: login, tenant, membership, input, missing version", async () => {
    const { owner, viewer, projectId } = await savedProject(api.url, "fast-refusals");
    const url = (input: unknown) => `${api.url}/trpc/circuits.get?input=${inputOf(input)}`;
    expect((await fetch(url({ projectId }))).status).toBe(401);
    await expectTrpcError(testClient(api.url).trpc.circuits.get.query({ projectId }), "UNAUTHORIZED");
    const stranger = await signUpCompany(api.url, "fast-stranger");
    await expectTrpcError(stranger.client.trpc.circuits.get.query({ projectId }), "NOT_FOUND");
    const outsider = await addCompanyUser(api.url, owner.client, "fast-outsider");
    await expectTrpcError(outsider.client.trpc.circuits.get.query({ projectId }), "FORBIDDEN");
    await expectTrpcError(viewer.client.trpc.circuits.get.query({ projectId, version: 7 }), "NOT_FOUND");
    const bad = await expectTrpcError(
      viewer.client.trpc.circuits.get.query({ projectId: "not-a-uuid" }),
      "BAD_REQUEST",
    );
    expect(bad.data?.zodError?.fieldErrors.projectId).toBeDefined();
    expect((await viewer.client.trpc.circuits.get.query({ projectId }))?.version).toBe(1);
    const empty = await owner.client.trpc.projects.create.mutate({ name: "empty" });
    expect(await owner.client.trpc.circuits.get.query({ projectId: empty.id })).toBeNull();
    // A request the fast path hands on carries one session cookie, not one per attempt.
    const cookie = `ampflux_session=${viewer.client.cookie()}`;
    const missing = await fetch(url({ projectId, version: 9 }), { headers: { cookie } });
    expect(missing.status).toBe(404);
    expect(missing.headers.getSetCookie().length).toBeLessThanOrEqual(1);
  });
});
