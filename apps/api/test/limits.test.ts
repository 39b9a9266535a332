// Structure limits (nesting, arrays, strings, elements, size, arrival time) and abuse limits
// (heavy work, uploads, streams) through a real api, probed with raw HTTP as an outside client
// would: each refusal is a 4xx naming its setting, and nothing is saved by a refused request.

import { lvFeeder } from "@ampflux/contracts/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scanJsonStructure } from "../src/limits/json-structure.ts";
import type { RunningApi } from "../src/server.ts";
import { addCompanyUser, signUpCompany, startTestApi, type TestClient } from "./helpers.ts";
import { rawGet, rawPost, rawUpload, stalledBody, trpcBody, uploadBody } from "./raw-requests.ts";

const LIMITS = { maxDepth: 64, maxArrayLength: 5, maxStringLength: 10 };

describe("scanJsonStructure", () => {
  const scan = (text: string) => scanJsonStructure(text, LIMITS, "probe")?.message;

  it("passes JSON within every limit, whatever its size", () => {
    expect(scan('{"a":[1,2,3,4,5],"b":{"c":"0123456789"},"d":[]}')).toBeUndefined();
    expect(scan(`{${Array.from({ length: 1000 }, (_, i) => `"k${i}":${i}`).join(",")}}`)).toBeUndefined();
    expect(scan(`${"[".repeat(64)}${"]".repeat(64)}`)).toBeUndefined();
    // Escapes count as one character each; commas and brackets inside strings are text.
    expect(scan('["\\u0041\\n\\"[,,,,]"]')).toBeUndefined();
  });

  it("names the limit and the value found", () => {
    expect(scan(`${"[".repeat(5000)}${"]".repeat(5000)}`)).toBe(
      "probe: nesting depth 5000 exceeds JSON_MAX_DEPTH 64",
    );
    expect(scan('{"buses":[1,2,3,4,5,6]}')).toBe(
      'probe: an array of more than 5 elements (at "buses") exceeds JSON_MAX_ARRAY_LENGTH 5',
    );
    expect(scan('{"name":"01234567890"}')).toBe(
      'probe: a string of 11 characters (at "name") exceeds JSON_MAX_STRING_LENGTH 10',
    );
    expect(scan('{"01234567890":1}')).toMatch(/a string of 11 characters exceeds JSON_MAX_STRING_LENGTH 10/);
  });

  it("takes time linear in the text's length (no recursion, no backtracking)", () => {
    const deep = `${"[".repeat(2_000_000)}${"]".repeat(2_000_000)}`;
    const started = performance.now();
    expect(scanJsonStructure(deep, LIMITS)?.limit).toBe("maxDepth");
    // Generous: one pass over 4 M characters is milliseconds; a quadratic scan would take hours.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

let api: RunningApi;
let owner: { client: TestClient; key: string; projectId: string };

async function companyWithProject(url: string, label: string) {
  const { client } = await signUpCompany(url, label);
  const { key } = await client.trpc.apiKeys.create.mutate({ name: label });
  const { id: projectId } = await client.trpc.projects.create.mutate({ name: `${label} project` });
  return { client, key, projectId };
}

const versions = (o: typeof owner) => o.client.trpc.circuits.list.query({ projectId: o.projectId });

beforeAll(async () => {
  api = await startTestApi({ JSON_MAX_ARRAY_LENGTH: "5000", DOCUMENT_MAX_ELEMENTS: "3000" });
  owner = await companyWithProject(api.url, "limits");
});
afterAll(() => api?.close());

function nested(depth: number): unknown {
  let value: unknown = {};
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

const save = (document: unknown, o = owner) =>
  rawPost(api.url, o.key, "circuits.save", trpcBody({ projectId: o.projectId, baseVersion: null, document }));

describe("structure limits on JSON requests", () => {
  it("refuses a 5,000-deep document to circuits.save with 400 naming JSON_MAX_DEPTH", async () => {
    // Built as text: JSON.stringify itself recurses.
    const body = `{"json":{"projectId":"${owner.projectId}","baseVersion":null,"document":${'{"a":'.repeat(5000)}1${"}".repeat(5000)}}}`;
    const res = await rawPost(api.url, owner.key, "circuits.save", body);
    expect(res.status).toBe(400);
    expect(res.error).toEqual({
      code: "BAD_REQUEST",
      message: "the request: nesting depth 5002 exceeds JSON_MAX_DEPTH 64",
    });
    expect((await versions(owner)).length).toBe(0);
    // A document within the limit still gets to validation, which names the field.
    const shallow = await save(nested(10));
    expect(shallow.status).toBe(400);
    expect(shallow.error?.message).not.toMatch(/JSON_MAX_DEPTH/);
  });

  it("refuses a 2 MB network name with 400 naming JSON_MAX_STRING_LENGTH", async () => {
    const res = await save({ ...lvFeeder, name: "x".repeat(2 * 1024 * 1024) });
    expect(res.status).toBe(400);
    expect(res.error?.message).toBe(
      `the request: a string of ${2 * 1024 * 1024} characters (at "name") exceeds JSON_MAX_STRING_LENGTH 10000`,
    );
    expect((await versions(owner)).length).toBe(0);
  });

  it("refuses huge arrays (JSON_MAX_ARRAY_LENGTH) and documents with too many elements (DOCUMENT_MAX_ELEMENTS)", async () => {
    const buses = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `b${i}`, vn_kv: 0.4 }));
    const huge = await save({ ...lvFeeder, buses: buses(6000) });
    expect(huge.status).toBe(400);
    expect(huge.error?.message).toBe(
      'the request: an array of more than 5000 elements (at "buses") exceeds JSON_MAX_ARRAY_LENGTH 5000',
    );
    const many = await save({ ...lvFeeder, buses: buses(2000), loads: buses(1500) });
    expect(many.status).toBe(400);
    expect(many.error?.message).toBe(
      "the document has 3502 elements: that exceeds DOCUMENT_MAX_ELEMENTS 3000",
    );
    expect((await versions(owner)).length).toBe(0);
    expect((await save(lvFeeder)).status).toBe(200);
    expect((await versions(owner)).length).toBe(1);
  });

  it("checks GET inputs and every call of a batch the same way", async () => {
    const deepInput = `{"json":{"projectId":"${owner.projectId}","x":${"[".repeat(100)}${"]".repeat(100)}}}`;
    const single = await rawGet(api.url, owner.key, "circuits.list", deepInput);
    expect(single.answer?.status).toBe(400);
    expect(single.answer?.error?.message).toMatch(/nesting depth 102 exceeds JSON_MAX_DEPTH 64/);
    const batch = await rawGet(
      api.url,
      owner.key,
      "circuits.list,projects.list",
      JSON.stringify({
        0: JSON.parse(trpcBody({ projectId: owner.projectId })),
        1: { json: { s: "y".repeat(12_000) } },
      }),
    );
    expect(batch.answer?.status).toBe(400);
    expect(Array.isArray(batch.answer?.json) && batch.answer.json.length).toBe(2);
    expect(batch.answer?.error?.message).toMatch(/JSON_MAX_STRING_LENGTH/);
  });

  it("refuses a streamed body over BODY_LIMIT_BYTES with 413 while it arrives", async () => {
    const small = await startTestApi({ BODY_LIMIT_BYTES: "1000" });
    try {
      const chunks = new ReadableStream<Uint8Array>({
        pull: (controller) => controller.enqueue(new Uint8Array(500).fill(0x20)),
      });
      const res = await rawPost(small.url, owner.key, "projects.list", chunks);
      expect(res.status).toBe(413);
      expect(res.error?.message).toBe("request body larger than BODY_LIMIT_BYTES 1000 bytes");
    } finally {
      await small.close();
    }
  });
});

describe("structure limits on uploads (circuits.import)", () => {
  const fields = () => ({ projectId: owner.projectId, baseVersion: 1, fileName: "deep.json" });

  it("refuses a deeply nested JSON file, an over-long line and a deep fields line, naming the setting", async () => {
    const deep = await rawUpload(
      api.url,
      owner.key,
      uploadBody(fields(), `{"schema":"ampflux/network@1","buses":${"[".repeat(3000)}${"]".repeat(3000)}}`),
    );
    expect(deep.status).toBe(400);
    expect(deep.error?.message).toBe("deep.json: nesting depth 3001 exceeds JSON_MAX_DEPTH 64");

    const longLine = `function mpc = case1\n${"%".repeat(200_000)}\n`;
    const text = await rawUpload(
      api.url,
      owner.key,
      uploadBody({ ...fields(), fileName: "long.m" }, longLine),
    );
    expect(text.status).toBe(400);
    expect(text.error?.message).toBe(
      "long.m: line 2 has 200000 characters: that exceeds IMPORT_MAX_LINE_LENGTH 100000",
    );

    const deepFields = `{"projectId":"${owner.projectId}","x":${"[".repeat(5000)}${"]".repeat(5000)}}\nfile`;
    const head = await rawUpload(api.url, owner.key, deepFields);
    expect(head.status).toBe(400);
    expect(head.error?.message).toMatch(/the upload's fields: nesting depth 5001 exceeds JSON_MAX_DEPTH 64/);

    const invalidUtf8 = await rawUpload(
      api.url,
      owner.key,
      uploadBody({ ...fields(), fileName: "bad.m" }, new Uint8Array([0x66, 0xff, 0xfe, 0x0a])),
    );
    expect(invalidUtf8.status).toBe(400);
    expect(invalidUtf8.error?.message).toBe("the file is not UTF-8 text");
    expect((await versions(owner)).length).toBe(1);
  });
});

describe("slow clients and abuse limits", () => {
  let abuse: RunningApi;
  beforeAll(async () => {
    abuse = await startTestApi({
      BODY_READ_TIMEOUT_MS: "1500",
      UPLOAD_READ_TIMEOUT_MS: "1500",
      HEAVY_MAX_PER_USER_PER_MINUTE: "3",
      HEAVY_MAX_PER_COMPANY_PER_MINUTE: "5",
      UPLOAD_MAX_CONCURRENT_PER_USER: "1",
      SSE_MAX_PER_USER: "2",
    });
  });
  afterAll(() => abuse?.close());

  it("answers a body still arriving after BODY_READ_TIMEOUT_MS with 408", async () => {
    const { key } = await companyWithProject(abuse.url, "slow-json");
    const slow = stalledBody('{"json":');
    const res = await rawPost(abuse.url, key, "projects.list", slow.stream);
    slow.release();
    expect(res.status).toBe(408);
    expect(res.error?.message).toBe("request body not received within BODY_READ_TIMEOUT_MS 1500 ms");
  });

  it("answers an upload still arriving after UPLOAD_READ_TIMEOUT_MS with 408, and caps uploads in progress", async () => {
    const company = await companyWithProject(abuse.url, "slow-upload");
    const fieldsLine = `${JSON.stringify({ projectId: company.projectId, baseVersion: null, fileName: "case.m" })}\n`;
    const slow = stalledBody(`${fieldsLine}function mpc = case1\n`);
    const pending = rawUpload(abuse.url, company.key, slow.stream);
    // While that upload is open, the user's one upload slot (UPLOAD_MAX_CONCURRENT_PER_USER 1) is taken.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const second = await rawUpload(
      abuse.url,
      company.key,
      uploadBody({ projectId: company.projectId, baseVersion: null, fileName: "b.m" }, "x"),
    );
    expect(second.status).toBe(429);
    expect(second.headers.get("retry-after")).toBe("1");
    expect(second.error?.message).toMatch(/UPLOAD_MAX_CONCURRENT_PER_USER/);
    const timedOut = await pending;
    slow.release();
    expect(timedOut.status).toBe(408);
    expect(timedOut.error?.message).toBe("the file did not arrive within UPLOAD_READ_TIMEOUT_MS 1500 ms");
    expect(await company.client.trpc.circuits.list.query({ projectId: company.projectId })).toEqual([]);
  });

  it("limits heavy requests per user and per company with 429 and Retry-After, not other tenants", async () => {
    const a = await companyWithProject(abuse.url, "heavy-a");
    await a.client.trpc.circuits.save.mutate({
      projectId: a.projectId,
      baseVersion: null,
      document: lvFeeder,
    });
    const run = (o: { key: string; projectId: string }) =>
      rawPost(
        abuse.url,
        o.key,
        "simulations.run",
        trpcBody({ projectId: o.projectId, version: 1, study: { kind: "short_circuit", options: {} } }),
      );
    for (let i = 0; i < 3; i++) expect((await run(a)).status).toBe(200);
    const refused = await run(a);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.error?.message).toMatch(/HEAVY_MAX_PER_USER_PER_MINUTE/);

    // A colleague has their own user budget, but the company's (5 a minute) runs out.
    const colleague = await addCompanyUser(abuse.url, a.client, "heavy-colleague");
    const colleagueKey = (await colleague.client.trpc.apiKeys.create.mutate({ name: "c" })).key;
    await a.client.trpc.projects.members.set.mutate({
      projectId: a.projectId,
      userId: colleague.user.id,
      role: "editor",
    });
    const asColleague = { key: colleagueKey, projectId: a.projectId };
    // The refused request above counted for the company too: 4 used, 1 left.
    expect((await run(asColleague)).status).toBe(200);
    const companyRefused = await run(asColleague);
    expect(companyRefused.status).toBe(429);
    expect(companyRefused.error?.message).toMatch(/HEAVY_MAX_PER_COMPANY_PER_MINUTE/);

    // Another company is not affected, and cannot reach company A's project at all.
    const b = await companyWithProject(abuse.url, "heavy-b");
    await b.client.trpc.circuits.save.mutate({
      projectId: b.projectId,
      baseVersion: null,
      document: lvFeeder,
    });
    expect((await run(b)).status).toBe(200);
    const crossTenant = await run({ key: b.key, projectId: a.projectId });
    expect(crossTenant.status).toBe(404);
  });

  it("caps open live streams per user (SSE_MAX_PER_USER) and frees a slot when a stream closes", async () => {
    const { key } = await companyWithProject(abuse.url, "streams");
    const input = trpcBody(undefined);
    const open = async () => {
      const controller = new AbortController();
      const { res, answer } = await rawGet(abuse.url, key, "notifications.live", input, {
        accept: "text/event-stream",
        signal: controller.signal,
      });
      return { res, answer, close: () => controller.abort() };
    };
    const first = await open();
    const second = await open();
    expect([first.res.status, second.res.status]).toEqual([200, 200]);
    // Give both streams time to take their slots (the subscription starts after the headers).
    await new Promise((resolve) => setTimeout(resolve, 300));
    const third = await open();
    // A stream is refused inside it, as tRPC's error event (an EventSource cannot read an HTTP
    // status): code TOO_MANY_REQUESTS, httpStatus 429, with Retry-After on the response.
    const refusal = await readStreamOrAnswer(third);
    expect(refusal).toMatch(/SSE_MAX_PER_USER/);
    expect(refusal).toMatch(/"code":"TOO_MANY_REQUESTS","httpStatus":429/);
    expect(third.res.headers.get("retry-after")).toBe("1");
    third.close();
    first.close();
    // The closed stream's slot frees once the server sees the disconnect.
    let reopened = "";
    for (let attempt = 0; attempt < 50; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const next = await open();
      reopened = await readStreamOrAnswer(next);
      next.close();
      if (!/SSE_MAX_PER_USER/.test(reopened)) break;
    }
    expect(reopened).not.toMatch(/SSE_MAX_PER_USER/);
    second.close();
  });
});

/** The refusal of a stream (an error answer, or the first events of the SSE stream) as text. */
async function readStreamOrAnswer(opened: { res: Response; answer?: { text: string; status: number } }) {
  if (opened.answer) return `${opened.answer.status} ${opened.answer.text}`;
  const reader = opened.res.body?.getReader();
  if (!reader) return "";
  let text = "";
  const decoder = new TextDecoder();
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline && !/event: (serialized-error|return)|data: /.test(text)) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel().catch(() => {});
  return text;
}
