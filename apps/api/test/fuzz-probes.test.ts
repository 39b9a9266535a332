// Hostile inputs to EVERY procedure of appRouter and to every importer, as raw HTTP: deep
// nesting, huge arrays, long strings, extreme and non-finite numbers, prototype keys, duplicate
// keys, unknown fields, superjson meta tricks, invalid UTF-8. Never a 5xx; nothing reaches a
// prototype or the database; the saved data is unchanged. Counts are printed for the record.

import { readFile } from "node:fs/promises";
import { lvFeeder, matpowerToCdf } from "@ampflux/contracts/testing";
import { circuitVersions, projects } from "@ampflux/db";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "../src/routers/index.ts";
import type { RunningApi } from "../src/server.ts";
import { signUpCompany, startTestApi } from "./helpers.ts";
import { type RawAnswer, rawGet, rawPost, rawUpload, uploadBody } from "./raw-requests.ts";

const FIXTURES = new URL("../../../packages/contracts/test/fixtures/", import.meta.url);
const MATPOWER = new URL("../../../../shared/data/matpower/", import.meta.url);

let api: RunningApi;
let key: string;
let projectId: string;
let decoyProjectId: string;

beforeAll(async () => {
  api = await startTestApi({
    LOGIN_MAX_PER_IP: "1000000",
    LOGIN_MAX_PER_EMAIL: "1000000",
    // Probes should reach validation, not stop at the abuse limits (tested in limits.test.ts).
    HEAVY_MAX_PER_USER_PER_MINUTE: "1000000",
    HEAVY_MAX_PER_COMPANY_PER_MINUTE: "1000000",
    HEAVY_MAX_CONCURRENT_PER_USER: "100",
    HEAVY_MAX_CONCURRENT_PER_COMPANY: "100",
    SSE_MAX_PER_USER: "1000",
    JSON_MAX_ARRAY_LENGTH: "2000",
  });
  const { client } = await signUpCompany(api.url, "probes");
  key = (await client.trpc.apiKeys.create.mutate({ name: "probes" })).key;
  projectId = (await client.trpc.projects.create.mutate({ name: "Probed" })).id;
  decoyProjectId = (await client.trpc.projects.create.mutate({ name: "Decoy" })).id;
  await client.trpc.circuits.save.mutate({
    projectId,
    baseVersion: null,
    document: lvFeeder,
    message: "kept",
  });
});
afterAll(() => api?.close());

/** What the probes may not change: the project and its saved versions, documents included. */
async function savedData() {
  const db = api.deps.database.db;
  const [project] = await db
    .select({ name: projects.name, archivedAt: projects.archivedAt })
    .from(projects)
    .where(eq(projects.id, projectId));
  const versions = await db
    .select({ version: circuitVersions.version, document: sql<string>`${circuitVersions.document}::text` })
    .from(circuitVersions)
    .where(eq(circuitVersions.projectId, projectId))
    .orderBy(circuitVersions.version);
  return { project, versions };
}

/** Rows anywhere in the database whose JSON holds a prototype key or the probes' marker. */
async function pollutedRows(): Promise<number> {
  const [row] = await api.deps.database.db.execute<{ count: string }>(sql`
    select (select count(*) from circuit_versions where document::text ~ '__proto__|"constructor"|"prototype"|polluted')
         + (select count(*) from simulations where options::text ~ '__proto__|"constructor"|"prototype"|polluted')
         + (select count(*) from projects where name ~ 'polluted') as count`);
  return Number(row?.count ?? 0);
}

interface Tally {
  tried: number;
  ok: number;
  refused: number;
  serverErrors: string[];
}
const tally = (): Tally => ({ tried: 0, ok: 0, refused: 0, serverErrors: [] });

/** The answer's status: an SSE stream's is the httpStatus of its error event, else 200. */
async function statusOf(answer: { res: Response; answer?: RawAnswer }): Promise<number> {
  if (answer.answer) return answer.answer.status;
  const reader = answer.res.body?.getReader();
  let text = "";
  const deadline = Date.now() + 5_000;
  while (reader && Date.now() < deadline && !/\n\n(event: (?!connected)|data:)/.test(text.slice(20))) {
    const { done, value } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
  }
  await reader?.cancel().catch(() => {});
  return Number(text.match(/"httpStatus":(\d{3})/)?.[1] ?? 200);
}

function count(t: Tally, status: number, context: string) {
  t.tried++;
  if (status >= 500) t.serverErrors.push(`${status} ${context}`);
  else if (status >= 400) t.refused++;
  else t.ok++;
}

// Probes carrying the real projectId are refused (an empty name, missing fields…) so that the
// saved data must stay as it was; a valid input with extra keys is tested on its own above.
// Probe bodies: the superjson wire format ({"json": …, "meta": …}) as text, since several
// (duplicate keys, 1e999, deep nesting) cannot be built as JavaScript values.
const NUMBERS = [
  "1e308",
  "-1e308",
  "5e-324",
  "1e999",
  "-0",
  '"NaN"',
  '"Infinity"',
  "123456789012345678901234567890",
];
const numericFields = (v: string) =>
  ["version", "baseVersion", "limit", "offset", "from", "to", "ratio", "value"]
    .map((f) => `"${f}":${v}`)
    .join(",");
const documentWith = (v: string) =>
  JSON.stringify({ ...lvFeeder, buses: [{ id: "mv", vn_kv: 1 }, lvFeeder.buses[1]] }).replace(
    '"vn_kv":1',
    `"vn_kv":${v}`,
  );
const PROTO = `"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"prototype":{"polluted":"yes"}`;

function probes(procedure: string): Array<{ name: string; body: string }> {
  // projects.delete takes a valid projectId and nothing else: probes carrying one (duplicate keys,
  // unknown fields) legitimately delete it, so they aim at a decoy project, not the checked one.
  const id = procedure === "projects.delete" ? decoyProjectId : projectId;
  const p = () => `"projectId":"${id}"`;
  return [
    { name: "deep nesting", body: `{"json":{${p()},"x":${"[".repeat(5000)}${"]".repeat(5000)}}}` },
    { name: "huge array", body: `{"json":{${p()},"items":[${Array(2001).fill(0).join(",")}]}}` },
    {
      name: "long strings",
      body: JSON.stringify({
        json: { projectId: id, name: "x".repeat(10_001), message: "m".repeat(10_001) },
      }),
    },
    ...NUMBERS.map((v) => ({
      name: `number ${v}`,
      body: `{"json":{${p()},${numericFields(v)},"document":${documentWith(v)}}}`,
    })),
    {
      name: "NaN and Infinity through superjson meta",
      body: `{"json":{${p()},"version":"NaN","limit":"Infinity","document":${documentWith('"-Infinity"')}},"meta":{"values":{"version":["number"],"limit":["number"],"document.buses.0.vn_kv":["number"]}}}`,
    },
    {
      name: "prototype keys",
      body: `{"json":{${p()},${PROTO},"name":"","document":${JSON.stringify(lvFeeder).replace("{", `{${PROTO},`)}}}`,
    },
    {
      name: "prototype paths in superjson meta",
      body: `{"json":{${p()},"name":""},"meta":{"values":{"__proto__.polluted":["undefined"],"constructor.prototype.polluted":["undefined"]}}}`,
    },
    {
      name: "duplicate keys",
      // The last of each key counts (JSON.parse): a project that does not exist, an empty name.
      body: `{"json":{${p()},"projectId":"00000000-0000-4000-8000-000000000000","name":"ok","name":""}}`,
    },
    // Unknown fields beside a valid base: ignored or refused.
    { name: "unknown fields", body: `{"json":{${p()},"zzUnknownField":{"a":1},"zz2":[1,2]}}` },
  ];
}

describe("prototype keys in a saved document", () => {
  it("never reach a prototype nor the stored jsonb, whether the save is taken or refused", async () => {
    const { client } = await signUpCompany(api.url, "proto");
    const ownKey = (await client.trpc.apiKeys.create.mutate({ name: "proto" })).key;
    const { id } = await client.trpc.projects.create.mutate({ name: "Proto" });
    const document = JSON.stringify(lvFeeder)
      .replace("{", `{${PROTO},`)
      .replace('{"id":"mv"', `{${PROTO},"id":"mv"`);
    const res = await rawPost(
      api.url,
      ownKey,
      "circuits.save",
      `{"json":{"projectId":"${id}","baseVersion":null,"document":${document}}}`,
    );
    expect(res.status).toBeLessThan(500);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const stored = await client.trpc.circuits.get.query({ projectId: id });
    if (res.status === 200)
      expect(JSON.stringify(stored?.document)).not.toMatch(/__proto__|constructor|prototype|polluted/);
    else expect(stored).toBeNull();
    expect(await pollutedRows()).toBe(0);
  });
});

const STRUCTURE_PROBES = new Set(["deep nesting", "huge array", "long strings"]);

describe("hostile input to every procedure", () => {
  it("answers every probe of every procedure 4xx or 2xx, never 5xx, and stores nothing of them", async () => {
    const before = await savedData();
    const procedures = Object.entries(appRouter._def.procedures) as unknown as Array<
      [string, { _def: { type: string } }]
    >;
    expect(procedures.length).toBeGreaterThan(50);
    const t = tally();
    // Beyond a structure limit, every procedure refuses, whatever its input schema.
    const structureTaken: string[] = [];
    const jobs = procedures.flatMap(([path, procedure]) =>
      probes(path).map((probe) => ({ path, type: procedure._def.type, probe })),
    );
    const run = async ({ path, type, probe }: (typeof jobs)[number]) => {
      let status: number;
      if (path === "circuits.import") {
        // The upload procedure: the probe as its fields line, then a file.
        status = (await rawUpload(api.url, key, `${probe.body.slice(8, -1)}\n% file`)).status;
      } else if (type === "mutation") {
        status = (await rawPost(api.url, key, path, probe.body)).status;
      } else {
        const controller = new AbortController();
        const accept = type === "subscription" ? "text/event-stream" : undefined;
        status = await statusOf(
          await rawGet(api.url, key, path, probe.body, { accept, signal: controller.signal }),
        );
        controller.abort();
      }
      count(t, status, `${path} ← ${probe.name}`);
      if (STRUCTURE_PROBES.has(probe.name) && status < 400)
        structureTaken.push(`${status} ${path} ← ${probe.name}`);
    };
    for (let i = 0; i < jobs.length; i += 8) await Promise.all(jobs.slice(i, i + 8).map(run));

    console.log(
      `probes: ${procedures.length} procedures, ${t.tried} inputs tried, ${t.refused} answered 4xx, ${t.ok} 2xx, ${t.serverErrors.length} 5xx`,
    );
    expect(t.serverErrors).toEqual([]);
    expect(structureTaken).toEqual([]);
    // Nothing reached a prototype (the api runs in this process) or the database.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
    expect(await pollutedRows()).toBe(0);
    expect(await savedData()).toEqual(before);
  }, 170_000);
});

/** Files no importer may take; the others (odd numbers, extra keys) may still be valid networks. */
const MUST_FAIL = new Set([
  "invalid UTF-8",
  "NUL",
  "empty",
  "binary garbage",
  "long line",
  "deep nesting",
  "huge array",
]);

describe("hostile files to every importer", () => {
  it("refuses broken and hostile files of each format with 4xx, never 5xx, saving nothing", async () => {
    const before = await savedData();
    const case9 = await readFile(new URL("case9.m", MATPOWER), "utf8");
    const valid: Record<string, string> = {
      "case9.m": case9,
      "ieee14.raw": await readFile(new URL("psse/IEEE14_PTIv33_rated.raw", FIXTURES), "utf8"),
      "iec.json": await readFile(new URL("pandapower/IEC60909-4_example.json", FIXTURES), "utf8"),
      "case9.cdf": matpowerToCdf(case9, "case9"),
      "feeder.json": JSON.stringify(lvFeeder),
    };
    const t = tally();
    let validated = 0;
    const bytes = (text: string) => new TextEncoder().encode(text);
    for (const [fileName, text] of Object.entries(valid)) {
      const isJson = fileName.endsWith(".json");
      const files: Array<[string, string | Uint8Array]> = [
        [
          "invalid UTF-8",
          new Uint8Array([...bytes(text.slice(0, 200)), 0xff, 0xfe, 0xc3, 0x28, ...bytes(text.slice(200))]),
        ],
        ["NUL", `${text.slice(0, 100)}\u0000${text.slice(100)}`],
        ["empty", ""],
        ["binary garbage", new Uint8Array(4096).map((_, i) => (i * 7919) % 256)],
        ["long line", `${text.slice(0, 50)}${"9".repeat(150_000)}\n${text.slice(50)}`],
        ["truncated", text.slice(0, Math.floor(text.length / 2))],
        ...NUMBERS.map((v): [string, string] => [`number ${v}`, text.replace(/\b(20|345|0\.4|100)\b/g, v)]),
      ];
      if (isJson) {
        files.push(
          ["deep nesting", `{"x":${"[".repeat(5000)}${"]".repeat(5000)}}`],
          ["prototype keys", text.replace("{", `{${PROTO},`)],
          ["duplicate keys", text.replace("{", '{"schema":"zz","buses":[],')],
          ["huge array", `{"buses":[${Array(2001).fill("{}").join(",")}]}`],
        );
      }
      for (const [probe, file] of files) {
        // A stale base version: a file that passes the importer and validation is answered 409
        // (CONFLICT) instead of being saved, so no probe can change the saved data.
        const fields = { projectId, baseVersion: 999, fileName, message: `probe ${probe}` };
        const res = await rawUpload(api.url, key, uploadBody(fields, file));
        count(t, res.status, `${fileName} ← ${probe}: ${res.error?.message ?? ""}`);
        if (res.status === 409) validated++;
        if ((res.status < 400 || res.status === 409) && MUST_FAIL.has(probe))
          t.serverErrors.push(`${fileName} ← ${probe} was accepted`);
      }
    }
    console.log(
      `import probes: ${Object.keys(valid).length} formats, ${t.tried} files tried, ${t.refused} answered 4xx (${validated} of them 409: the file validated, only its base version was stale), ${t.ok} 2xx, ${t.serverErrors.length} 5xx or wrongly accepted`,
    );
    expect(t.serverErrors).toEqual([]);
    expect(await pollutedRows()).toBe(0);
    expect(await savedData()).toEqual(before);
  }, 170_000);
});
