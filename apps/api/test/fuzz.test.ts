// 10,000 random and adversarial inputs through the real api (fast-check, fixed seed so a failure
// replays): network documents saved as circuit versions, and arbitrary bodies to every kind of
// mutation. Never a 5xx; every validation failure says which field and why.

import { lvFeeder } from "@ampflux/contracts/testing";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApi } from "../src/server.ts";
import { signUpCompany, startTestApi } from "./helpers.ts";

let api: RunningApi;
let apiKey: string;
let projectId: string;

beforeAll(async () => {
  api = await startTestApi({ LOGIN_MAX_PER_IP: "1000000", LOGIN_MAX_PER_EMAIL: "1000000" });
  const { client } = await signUpCompany(api.url, "fuzz");
  apiKey = (await client.trpc.apiKeys.create.mutate({ name: "fuzz" })).key;
  projectId = (await client.trpc.projects.create.mutate({ name: "Fuzz" })).id;
});
afterAll(() => api?.close());

/** The 20 kV / 0.4 kV feeder with a cable to a motor: every kind of reference to break. */
const FEEDER = {
  ...lvFeeder,
  buses: [...lvFeeder.buses, { id: "m", name: "Motor", vn_kv: 0.4 }],
  lines: [
    {
      id: "l1",
      from_bus: "lv",
      to_bus: "m",
      length_km: 0.1,
      r_ohm_per_km: 0.2,
      x_ohm_per_km: 0.08,
      c_nf_per_km: 200,
    },
  ],
  motors: [
    {
      id: "mot",
      bus: "m",
      pn_mech_mw: 0.1,
      vn_kv: 0.4,
      cos_phi_n: 0.85,
      efficiency_n_percent: 95,
      lrc_pu: 6,
      rx: 0.42,
      pole_pairs: 2,
    },
  ],
};

function deeplyNested(depth: number): unknown {
  let value: unknown = [];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

/** Values that break naive code: out-of-range numbers, injection-shaped and oversized strings. */
const adversarial = fc.constantFrom<unknown>(
  -1,
  0,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER,
  0.1 + 0.2,
  "",
  " ",
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  "\u0000",
  "\u202e",
  "x".repeat(5_000),
  "mv",
  null,
  true,
  [],
  {},
  { __proto__: { polluted: true } },
  deeplyNested(200),
);

type Json = unknown;
type Path = (string | number)[];

/** Every path into a JSON value, containers included. */
function paths(value: Json, prefix: Path = []): Path[] {
  if (value === null || typeof value !== "object") return [prefix];
  const children = Object.entries(value).flatMap(([k, v]) =>
    paths(v, [...prefix, Array.isArray(value) ? Number(k) : k]),
  );
  return [prefix, ...children];
}

function withValueAt(doc: Json, path: Path, value: unknown, remove: boolean): Json {
  const copy = structuredClone(doc);
  if (path.length === 0) return value;
  if (copy === null || typeof copy !== "object") return copy;
  let parent = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) {
    // An earlier edit may have replaced or removed a container on this path.
    if (parent[key] === null || typeof parent[key] !== "object") return copy;
    parent = parent[key] as Record<string | number, unknown>;
  }
  const last = path.at(-1) as string | number;
  if (remove) delete parent[last];
  else parent[last] = value;
  return copy;
}

const FEEDER_PATHS = paths(FEEDER);

/** The feeder with one to three places replaced by adversarial or random values, or removed. */
const mutatedFeeder = fc
  .array(
    fc.record({
      path: fc.constantFrom(...FEEDER_PATHS),
      value: fc.oneof(adversarial, fc.jsonValue({ maxDepth: 2 })),
      remove: fc.boolean(),
    }),
    { minLength: 1, maxLength: 3 },
  )
  .map((edits) => edits.reduce<Json>((doc, e) => withValueAt(doc, e.path, e.value, e.remove), FEEDER));

async function post(procedure: string, body: string) {
  const res = await fetch(`${api.url}/trpc/${procedure}`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body,
  });
  const text = await res.text();
  return { status: res.status, body: text };
}

interface TrpcErrorBody {
  error?: {
    json?: { message?: string; data?: { zodError?: { issues: { path: Path; message: string }[] } } };
  };
}

/** Runs `count` inputs `concurrency` at a time (sample, not fc.assert: the api is the slow part). */
async function throughApi<T>(
  arb: fc.Arbitrary<T>,
  count: number,
  seed: number,
  check: (input: T) => Promise<void>,
) {
  const inputs = fc.sample(arb, { numRuns: count, seed });
  const concurrency = 8;
  for (let i = 0; i < inputs.length; i += concurrency) {
    await Promise.all(inputs.slice(i, i + concurrency).map(check));
  }
}

async function saveDocument(document: unknown) {
  const { status, body } = await post(
    "circuits.save",
    JSON.stringify({ json: { projectId, baseVersion: null, message: "fuzz", document } }),
  );
  const context = `${status} for ${JSON.stringify(document).slice(0, 300)}: ${body.slice(0, 300)}`;
  // 200 saved; 409: valid, but the project already has a version (baseVersion null is stale).
  if (status === 200 || status === 409) return;
  expect(status, context).toBe(400);
  const error = (JSON.parse(body) as TrpcErrorBody).error?.json;
  // Nesting, array or string sizes past a structure limit are refused before parsing, naming the
  // limit's setting (docs/limits.md); everything else by the schema, naming the field.
  if (/exceeds JSON_MAX_[A-Z_]+ \d+/.test(error?.message ?? "")) return;
  const issues = error?.data?.zodError?.issues ?? [];
  expect(issues.length, context).toBeGreaterThan(0);
  for (const issue of issues) {
    expect(issue.path[0], context).toBe("document");
    expect(issue.message.length, context).toBeGreaterThan(0);
  }
}

const MUTATIONS = [
  "auth.signUp",
  "auth.logIn",
  "auth.changePassword",
  "apiKeys.create",
  "apiKeys.revoke",
  "users.invite",
  "projects.create",
  "projects.update",
  "projects.members.set",
  "circuits.save",
  "circuits.restore",
  "simulations.run",
  "simulations.cancel",
  "types.create",
  "types.update",
  "types.delete",
  "ai.ask",
];

describe("random and adversarial input through the api (10,000 requests)", () => {
  it("saves or rejects 4,000 random JSON values as network documents, naming the field", async () => {
    await throughApi(fc.jsonValue({ maxDepth: 4 }), 4_000, 1, saveDocument);
  }, 240_000);

  it("saves or rejects 4,000 adversarially edited valid documents, naming the field", async () => {
    await throughApi(mutatedFeeder, 4_000, 2, saveDocument);
  }, 240_000);

  it("answers 2,000 arbitrary bodies to mutations without a 5xx, with a message", async () => {
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify({ json: v })),
      fc
        .record({ projectId: fc.constantFrom(projectId, "x", ""), value: adversarial })
        .map((v) => JSON.stringify({ json: { ...v, name: v.value, email: v.value, document: v.value } })),
      fc.string({ maxLength: 200 }),
    );
    await throughApi(
      fc.record({ procedure: fc.constantFrom(...MUTATIONS), body }),
      2_000,
      3,
      async ({ procedure, body }) => {
        const res = await post(procedure, body);
        const context = `${procedure} ${body.slice(0, 200)} → ${res.status} ${res.body.slice(0, 300)}`;
        expect(res.status, context).toBeLessThan(500);
        if (res.status >= 400) {
          const message = (JSON.parse(res.body) as TrpcErrorBody).error?.json?.message ?? "";
          expect(message.length, context).toBeGreaterThan(0);
        }
      },
    );
  }, 240_000);
});
