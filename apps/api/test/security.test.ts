// Security checks over real HTTP: every procedure that takes a project, found by walking the
// router (so a new procedure is checked without editing this file), refuses another company's
// user; ids of another project's objects are unreachable; sessions cannot be fixed; text that
// looks like SQL is stored and searched as text.

import { randomUUID } from "node:crypto";
import { lvFeeder } from "@ampflux/contracts/testing";
import { licenses } from "@ampflux/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "../src/routers/index.ts";
import type { RunningApi } from "../src/server.ts";
import { PASSWORD, signUpCompany, startTestApi, testClient } from "./helpers.ts";

let api: RunningApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

interface ProcedureInfo {
  path: string;
  type: "query" | "mutation" | "subscription";
  inputKeys: string[];
}

/** Every procedure of the api with the keys of its input objects. */
function procedures(): ProcedureInfo[] {
  const record = (appRouter as unknown as { _def: { procedures: Record<string, unknown> } })._def.procedures;
  return Object.entries(record).map(([path, procedure]) => {
    const def = (procedure as { _def: { type: ProcedureInfo["type"]; inputs: unknown[] } })._def;
    const inputKeys = def.inputs.flatMap((input) =>
      Object.keys((input as { shape?: Record<string, unknown> }).shape ?? {}),
    );
    return { path, type: def.type, inputKeys };
  });
}

/** Calls a procedure over HTTP as the key's user; returns the tRPC error code, or "OK". */
async function call(apiKey: string, p: ProcedureInfo, input: Record<string, unknown>): Promise<string> {
  const headers = { authorization: `Bearer ${apiKey}` };
  const encoded = encodeURIComponent(JSON.stringify({ json: input }));
  let res: Response;
  if (p.type === "mutation" && p.inputKeys.includes("file")) {
    // Uploads: the fields as a line of JSON, then the file (circuits/upload.ts).
    res = await fetch(`${api.url}/trpc/${p.path}`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/octet-stream" },
      body: `${JSON.stringify(input)}\nmpc.version = '2';`,
    });
  } else if (p.type === "mutation") {
    res = await fetch(`${api.url}/trpc/${p.path}`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ json: input }),
    });
  } else {
    const accept = p.type === "subscription" ? "text/event-stream" : "application/json";
    res = await fetch(`${api.url}/trpc/${p.path}?input=${encoded}`, { headers: { ...headers, accept } });
  }
  const text = p.type === "subscription" ? await firstEvent(res) : await res.text();
  const code = text.match(/"code":"([A-Z_]+)"/)?.[1];
  return res.ok && !code ? "OK" : (code ?? `HTTP ${res.status}`);
}

/** The first SSE event of a subscription other than `connected` and pings (an error is one). */
async function firstEvent(res: Response): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const deadline = Date.now() + 5_000;
  try {
    while (Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) return text;
      text += decoder.decode(value, { stream: true });
      const events = text.split("\n\n").slice(0, -1);
      const first = events.find((e) => !/^event: (connected|ping)$/m.test(e) && /^data: /m.test(e));
      if (first) return first;
    }
    return text;
  } finally {
    await reader.cancel();
  }
}

async function company(label: string) {
  const admin = await signUpCompany(api.url, label);
  const { key } = await admin.client.trpc.apiKeys.create.mutate({ name: label });
  const project = await admin.client.trpc.projects.create.mutate({ name: `${label} project` });
  await admin.client.trpc.circuits.save.mutate({
    projectId: project.id,
    baseVersion: null,
    document: lvFeeder,
  });
  const run = await admin.client.trpc.simulations.run.mutate({
    projectId: project.id,
    version: 1,
    study: { kind: "short_circuit", options: {} },
  });
  return { ...admin, key, project, simulationId: run.id };
}

/** Plausible values for the other inputs, so a refusal is about the project, not the input. */
function inputFor(p: ProcedureInfo, projectId: string, simulationId: string): Record<string, unknown> {
  const values: Record<string, unknown> = {
    projectId,
    simulationId,
    version: 1,
    from: 1,
    to: 1,
    baseVersion: 1,
    userId: randomUUID(),
    role: "viewer",
    name: "x",
    archived: true,
    message: "x",
    document: lvFeeder,
    study: { kind: "short_circuit", options: {} },
    prompt: "x",
    conversationId: randomUUID(),
    fileName: "case.m",
  };
  return Object.fromEntries(p.inputKeys.filter((k) => k in values).map((k) => [k, values[k]]));
}

describe("tenancy, for every procedure", () => {
  const projectProcedures = procedures().filter(
    (p) => p.inputKeys.includes("projectId") && p.path !== "audit.list",
  );

  it("finds the project procedures by walking the router", () => {
    expect(projectProcedures.map((p) => p.path)).toEqual(
      expect.arrayContaining(["circuits.save", "simulations.run", "simulations.progress", "ai.ask"]),
    );
  });

  it("refuses another company's user with NOT_FOUND on each of them", async () => {
    const victim = await company("victim");
    const attacker = await company("attacker");
    const outcomes = await Promise.all(
      projectProcedures.map(async (p) => [
        p.path,
        await call(attacker.key, p, inputFor(p, victim.project.id, victim.simulationId)),
      ]),
    );
    expect(Object.fromEntries(outcomes)).toEqual(
      Object.fromEntries(projectProcedures.map((p) => [p.path, "NOT_FOUND"])),
    );
    // Audit entries are filtered by the caller's company: the victim's project shows nothing.
    const audit = await attacker.client.trpc.audit.list.query({ projectId: victim.project.id });
    expect(audit.items).toEqual([]);
    // And nothing of the victim's changed.
    const versions = await victim.client.trpc.circuits.list.query({ projectId: victim.project.id });
    expect(versions.map((v) => v.version)).toEqual([1]);
  });

  it("does not reach another project's study through one's own project", async () => {
    const victim = await company("victim2");
    const attacker = await company("attacker2");
    for (const path of ["simulations.get", "simulations.cancel", "simulations.progress"]) {
      const p = projectProcedures.find((q) => q.path === path) as ProcedureInfo;
      const code = await call(attacker.key, p, inputFor(p, attacker.project.id, victim.simulationId));
      expect([path, code]).toEqual([path, "NOT_FOUND"]);
    }
  });
});

describe("sessions", () => {
  it("never keeps a session token planted before login (session fixation)", async () => {
    const attacker = await signUpCompany(api.url, "fixer");
    const planted = attacker.client.cookie();
    const victim = await signUpCompany(api.url, "fixed");
    await victim.client.trpc.auth.logOut.mutate();
    victim.client.setCookie(planted);
    await victim.client.trpc.auth.logIn.mutate({ email: victim.email, password: PASSWORD });
    expect(victim.client.cookie()).not.toBe(planted);
    expect((await victim.client.trpc.auth.me.query())?.user.email).toBe(victim.email);
    // The planted token still belongs to the attacker: it gained nothing of the victim's.
    const withPlanted = testClient(api.url);
    withPlanted.setCookie(planted);
    expect((await withPlanted.trpc.auth.me.query())?.user.email).toBe(attacker.email);
  });

  it("refuses a made-up session token", async () => {
    const forged = testClient(api.url);
    forged.setCookie("a".repeat(32));
    expect(await forged.trpc.auth.me.query()).toBeNull();
  });
});

describe("SQL-shaped text", () => {
  const INJECTIONS = [
    "'; DROP TABLE projects; --",
    "' OR '1'='1",
    '" OR ""="',
    "%' UNION SELECT email, password_hash FROM users --",
    "\\'; SELECT pg_sleep(5); --",
    "_%",
  ];

  it("is stored verbatim in every text field and matched literally by search", async () => {
    const admin = await signUpCompany(api.url, "sql");
    const trpc = admin.client.trpc;
    await api.deps.database.db
      .update(licenses)
      .set({ maxProjects: 100 })
      .where(eq(licenses.companyId, admin.user.companyId));
    await trpc.projects.create.mutate({ name: "plain project" });
    for (const text of INJECTIONS) {
      const project = await trpc.projects.create.mutate({ name: `p ${text}`, description: text });
      const saved = await trpc.circuits.save.mutate({
        projectId: project.id,
        baseVersion: null,
        message: text,
        document: { ...lvFeeder, name: text, buses: lvFeeder.buses.map((b) => ({ ...b, name: text })) },
      });
      const got = await trpc.circuits.get.query({ projectId: project.id, version: saved.version });
      expect(got?.message).toBe(text);
      expect(got?.document).toMatchObject({ name: text });
      expect((await trpc.projects.get.query({ projectId: project.id })).description).toBe(text);
      const key = await trpc.apiKeys.create.mutate({ name: text });
      expect(key.name).toBe(text);
    }
    for (const text of INJECTIONS) {
      const found = await trpc.projects.list.query({ search: text });
      expect(found.items.map((p) => p.name)).toEqual([`p ${text}`]);
    }
    // The tables are all still there, and no other company's rows came back.
    expect((await trpc.projects.list.query({ limit: 100 })).items).toHaveLength(INJECTIONS.length + 1);
  });
});
