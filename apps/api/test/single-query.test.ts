// Single GET queries skip tRPC's fetch adapter (src/trpc/single-query.ts): every answer must be
// the adapter's, status, body and headers. The reference is a second app on the same
// dependencies with `directQueries: false` (everything through the adapter), asked the same
// requests; answers, errors, refusals and the requests left to the adapter are compared.

import { request } from "node:http";
import { type ServerType, serve } from "@hono/node-server";
import { sql } from "drizzle-orm";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app.ts";
import { SESSION_COOKIE } from "../src/auth/sessions.ts";
import type { RunningApi } from "../src/server.ts";
import { startTestApi, WEB_ORIGIN } from "./helpers.ts";
import { savedProject } from "./networks.ts";

let api: RunningApi;
let reference: ServerType;
let referenceUrl: string;
let apiKey: string;
let cookie: string;
let projectId: string;

beforeAll(async () => {
  api = await startTestApi();
  reference = await new Promise<ServerType>((resolve) => {
    const s = serve(
      { fetch: createApp(api.deps, { directQueries: false }).fetch, hostname: "127.0.0.1", port: 0 },
      () => resolve(s),
    );
  });
  const address = reference.address();
  referenceUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  const saved = await savedProject(api.url, "single-query");
  projectId = saved.projectId;
  apiKey = (await saved.owner.client.trpc.apiKeys.create.mutate({ name: "single-query" })).key;
  cookie = `${SESSION_COOKIE}=${saved.viewer.client.cookie()}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => reference?.close(() => resolve()));
  await api?.close();
});

const input = (value: unknown) => `input=${encodeURIComponent(JSON.stringify(superjson.serialize(value)))}`;

/** Headers that differ per request by design (the request id) or per second (Date). */
const PER_REQUEST = new Set(["x-request-id", "date"]);

/**
 * One request over node:http, which adds no header of its own (fetch would add Accept-Encoding,
 * which puts answers through compression); `fetch: true` asks as fetch does.
 */
function rawAnswer(base: string, path: string, method: string, headers: Record<string, string>) {
  return new Promise<{
    status: number;
    body: string;
    headers: Record<string, string | string[] | undefined>;
  }>((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString("utf8"),
          headers: res.headers,
        }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

async function answer(
  base: string,
  path: string,
  init: { method: string; headers: Record<string, string> },
  viaFetch: boolean,
) {
  let status: number;
  let body: string;
  const headers: Array<[string, string]> = [];
  const keep = (name: string, value: string) => {
    if (!PER_REQUEST.has(name)) headers.push([name, value]);
  };
  if (viaFetch) {
    const res = await fetch(`${base}${path}`, init);
    status = res.status;
    body = await res.text();
    res.headers.forEach((value, name) => {
      keep(name, value);
    });
  } else {
    const res = await rawAnswer(base, path, init.method, init.headers);
    status = res.status;
    body = res.body;
    for (const [name, value] of Object.entries(res.headers))
      for (const one of [value ?? []].flat()) keep(name, one);
  }
  return { status, body, headers: headers.sort() };
}

/** The same request to the api and to the adapter-only app: equal answers, returned. */
async function expectSameAnswer(path: string, headers: Record<string, string> = {}, method = "GET") {
  const init = { method, headers };
  // Without Accept-Encoding (scripts, API keys: written straight to the socket) and as fetch asks
  // (compressed when it accepts that).
  for (const viaFetch of [false, true]) {
    const direct = await answer(api.url, path, init, viaFetch);
    const adapter = await answer(referenceUrl, path, init, viaFetch);
    expect(direct, viaFetch ? "via fetch" : "via node:http").toEqual(adapter);
  }
  return answer(api.url, path, init, false);
}

const withKey = () => ({ authorization: `Bearer ${apiKey}` });

describe("single GET queries without the fetch adapter", () => {
  it("answers as the adapter does", async () => {
    const me = await expectSameAnswer("/trpc/auth.me", withKey());
    expect(me.status).toBe(200);
    expect(superjson.deserialize(JSON.parse(me.body).result.data)).toMatchObject({ via: "api_key" });
    expect((await expectSameAnswer(`/trpc/projects.list?${input({})}`, withKey())).status).toBe(200);
    expect((await expectSameAnswer(`/trpc/projects.get?${input({ projectId })}`, withKey())).status).toBe(
      200,
    );
    // Public, no input; an empty input is no input.
    expect((await expectSameAnswer("/trpc/health.status")).status).toBe(200);
    expect((await expectSameAnswer("/trpc/health.status?input=")).status).toBe(200);
    // Dates in the answer go through superjson alike.
    const list = await expectSameAnswer(`/trpc/projects.list?${input({ archived: "include" })}`, withKey());
    expect(JSON.parse(list.body).result.data.meta).toBeDefined();
  });

  it("sends a stored study result as its stored text, the adapter's answer byte for byte", async () => {
    const { owner, projectId: resultProject } = await savedProject(api.url, "single-query-result");
    const run = await owner.client.trpc.simulations.run.mutate({
      projectId: resultProject,
      version: 1,
      study: { kind: "short_circuit", options: { duty: true } },
    });
    const ownerKey = (await owner.client.trpc.apiKeys.create.mutate({ name: "result" })).key;
    const get = `/trpc/simulations.get?${input({ projectId: resultProject, simulationId: run.id })}`;
    const answered = await expectSameAnswer(get, { authorization: `Bearer ${ownerKey}` });
    expect(answered.status).toBe(200);
    const study = superjson.deserialize<{ status: string; result: { buses: unknown[] }; version: number }>(
      JSON.parse(answered.body).result.data,
    );
    expect(study).toMatchObject({ status: "succeeded", version: 1 });
    expect(study.result.buses.length).toBeGreaterThan(0);
    // The typed client (fetch: compressed, the clients' transformer) reads the same value.
    const read = await owner.client.trpc.simulations.get.query({
      projectId: resultProject,
      simulationId: run.id,
    });
    expect(read.result).toEqual(study.result);
    // The text as stored: a stored result written with other spacing goes out with it (the
    // adapter parses and writes it again), the same value either way.
    await api.deps.database.db.execute(
      sql`update simulations set result = regexp_replace(result::text, '^\{', '{ ')::json where id = ${run.id}`,
    );
    const direct = await rawAnswer(api.url, get, "GET", { authorization: `Bearer ${ownerKey}` });
    const adapter = await rawAnswer(referenceUrl, get, "GET", { authorization: `Bearer ${ownerKey}` });
    expect(direct.body).toContain('"result":{ "');
    expect(adapter.body).not.toContain('"result":{ "');
    expect(JSON.parse(direct.body)).toEqual(JSON.parse(adapter.body));
    // Another company's key is refused, as by the adapter.
    const refused = await expectSameAnswer(get, withKey());
    expect(refused.status).toBe(404);
  });

  it("refreshes the session cookie and answers a browser's origin as the adapter does", async () => {
    const me = await expectSameAnswer("/trpc/auth.me", { cookie, origin: WEB_ORIGIN });
    expect(me.headers.find(([name]) => name === "set-cookie")?.[1]).toContain(`${SESSION_COOKIE}=`);
    expect(me.headers).toContainEqual(["access-control-allow-origin", WEB_ORIGIN]);
    expect(me.headers.find(([name]) => name === "vary")?.[1]).toContain("Origin");
  });

  it("refuses as the adapter does, in its words and status", async () => {
    const cases: Array<[string, Record<string, string>, number]> = [
      // No caller.
      [`/trpc/projects.list?${input({})}`, {}, 401],
      // An API key that does not exist.
      ["/trpc/projects.list", { authorization: "Bearer afx_notakey" }, 401],
      // Input failing the procedure's schema (zodError and the field named).
      [`/trpc/projects.list?${input({ limit: -1 })}`, withKey(), 400],
      [`/trpc/projects.get?${input({ projectId: "not-a-uuid" })}`, withKey(), 400],
      // Input that is not JSON.
      ["/trpc/projects.list?input=%7Bnot%20json", withKey(), 400],
      // A project that does not exist for this caller.
      [`/trpc/projects.get?${input({ projectId: "00000000-0000-4000-8000-000000000000" })}`, withKey(), 404],
      // NUL characters in the input.
      [`/trpc/projects.list?${input({ search: "a\u0000b" })}`, withKey(), 400],
    ];
    for (const [path, headers, status] of cases) {
      const refused = await expectSameAnswer(path, headers);
      expect(refused.status, path).toBe(status);
      expect(JSON.parse(refused.body).error, path).toBeDefined();
    }
    const invalid = await expectSameAnswer(`/trpc/projects.list?${input({ limit: -1 })}`, withKey());
    expect(superjson.deserialize(JSON.parse(invalid.body).error)).toMatchObject({
      data: {
        code: "BAD_REQUEST",
        path: "projects.list",
        zodError: { fieldErrors: { limit: expect.any(Array) } },
      },
    });
  });

  it("leaves batches, mutations, streams, HEAD and unknown paths to the adapter", async () => {
    const batch = `/trpc/auth.me,projects.list?batch=1&input=${encodeURIComponent(JSON.stringify({ 1: superjson.serialize({}) }))}`;
    expect((await expectSameAnswer(batch, withKey())).status).toBe(200);
    // A mutation asked with GET, a procedure that does not exist, a stream asked of a single
    // call, HEAD, a form body: each answered by the adapter alone, in its words.
    const leftAlone: Array<[string, Record<string, string>, string?]> = [
      ["/trpc/auth.logout", withKey()],
      ["/trpc/no.such.procedure", withKey()],
      ["/trpc/auth.me", { ...withKey(), "trpc-accept": "application/jsonl" }],
      ["/trpc/auth.me", withKey(), "HEAD"],
      ["/trpc/auth.me", { ...withKey(), "content-type": "multipart/form-data" }],
    ];
    for (const [path, headers, method] of leftAlone) {
      const refused = await expectSameAnswer(path, headers, method);
      expect(refused.status, `${method ?? "GET"} ${path} ${JSON.stringify(headers)}`).not.toBe(200);
    }
  });
});
