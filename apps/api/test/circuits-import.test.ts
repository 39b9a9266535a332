import { readFile } from "node:fs/promises";
import { ratedSwitchboard } from "@ampflux/contracts/testing";
import { circuitVersions } from "@ampflux/db";
import type { inferRouterOutputs } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppRouter } from "../src/index.ts";
import type { RunningApi } from "../src/server.ts";
import { projectWithMember, signUpCompany, startTestApi, type TestClient, WEB_ORIGIN } from "./helpers.ts";

const MATPOWER = new URL("../../../../shared/data/matpower", import.meta.url).pathname;
/** Small enough that case9.m fits and case14.m does not. */
const LIMIT = 4_000;

let api: RunningApi;
let case9: string;
beforeAll(async () => {
  api = await startTestApi({ IMPORT_MAX_BYTES: String(LIMIT) });
  case9 = await readFile(`${MATPOWER}/case9.m`, "utf8");
});
afterAll(() => api?.close());

type Imported = inferRouterOutputs<AppRouter>["circuits"]["import"];
interface Outcome {
  status: number;
  data?: Imported;
  error?: { message: string; data: { code: string } };
}

/** The wire format as any client sends it: the fields as a line of JSON, then the file. */
async function upload(
  auth: { client: TestClient } | { apiKey: string },
  fields: Record<string, unknown>,
  file: string | ReadableStream<Uint8Array>,
): Promise<Outcome> {
  const headers: Record<string, string> = { "content-type": "application/octet-stream" };
  if ("apiKey" in auth) headers.authorization = `Bearer ${auth.apiKey}`;
  else Object.assign(headers, { origin: WEB_ORIGIN, cookie: `ampflux_session=${auth.client.cookie()}` });
  const body =
    file instanceof ReadableStream
      ? withFieldsLine(fields, file)
      : new Blob([`${JSON.stringify(fields)}\n`, file]);
  // Node's fetch needs `duplex` to send a stream; the RequestInit typings do not know it yet.
  const init: RequestInit & { duplex: "half" } = { method: "POST", headers, body, duplex: "half" };
  const res = await fetch(`${api.url}/trpc/circuits.import`, init);
  const json = await res.json();
  if (json.error) return { status: res.status, error: superjson.deserialize(json.error) };
  return { status: res.status, data: superjson.deserialize(json.result.data) };
}

/** A streamed (chunked) body: no Content-Length, so only counting while reading can stop it. */
function withFieldsLine(fields: Record<string, unknown>, file: ReadableStream<Uint8Array>) {
  const reader = file.getReader();
  return new ReadableStream<Uint8Array>({
    start: (controller) => controller.enqueue(new TextEncoder().encode(`${JSON.stringify(fields)}\n`)),
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
  });
}

async function projectWithTeam() {
  const names = { owner: "importer", member: "import-viewer", project: "Imports" };
  const { member: viewer, ...rest } = await projectWithMember(api.url, names, "viewer");
  return { ...rest, viewer };
}

describe("circuits.import", () => {
  it("saves a MATPOWER case as the next version with the importer's report and an audit row", async () => {
    const { owner, projectId } = await projectWithTeam();
    const { key } = await owner.client.trpc.apiKeys.create.mutate({ name: "cli" });
    const first = await upload({ apiKey: key }, { projectId, baseVersion: null, fileName: "case9.m" }, case9);
    expect(first.status).toBe(200);
    expect(first.data).toMatchObject({ version: 1, format: "matpower", elementCounts: { buses: 9 } });
    expect(first.data?.report.source).toMatch(/matpower/i);
    expect(first.data?.report.mapped.length).toBeGreaterThan(0);

    const latest = await owner.client.trpc.circuits.get.query({ projectId });
    expect(latest).toMatchObject({ version: 1, message: "Imported case9.m" });
    expect(latest?.document.buses).toHaveLength(9);
    // The version keeps the importer's report: a study report of it prints it (issue 20).
    const [stored] = await api.deps.database.db
      .select({ importReport: circuitVersions.importReport })
      .from(circuitVersions)
      .where(and(eq(circuitVersions.projectId, projectId), eq(circuitVersions.version, 1)));
    expect(stored?.importReport).toEqual(first.data?.report);

    const second = await upload(
      { client: owner.client },
      { projectId, baseVersion: 1, fileName: "network", format: "matpower", message: "again" },
      case9,
    );
    expect(second.data).toMatchObject({ version: 2 });
    const audit = await owner.client.trpc.audit.list.query({ projectId, action: "circuit.save" });
    expect(audit.items.map((row) => row.details)).toEqual([
      { version: 2, message: "again" },
      { version: 1, message: "Imported case9.m" },
    ]);
  });

  it("resolves the company's types in an imported AmpFlux file, and names an unknown one", async () => {
    const { owner, projectId } = await projectWithTeam();
    const breaker = { kind: "circuit_breaker" as const, breaking_ka: 25, making_ka: 63, short_time_ka: 25 };
    const type = await owner.client.trpc.types.create.mutate({
      kind: "switch",
      name: "Site CB 25 kA",
      values: breaker,
    });
    const network = (switchType: string) =>
      JSON.stringify({
        ...ratedSwitchboard,
        switches: [{ id: "Q1", bus: "mv", element: "L1", element_type: "line", type: switchType }],
      });
    const fields = { projectId, baseVersion: null, fileName: "switchboard.json" };
    const imported = await upload({ client: owner.client }, fields, network(type.id));
    expect(imported).toMatchObject({ status: 200, data: { version: 1, format: "ampflux" } });
    const stored = await owner.client.trpc.circuits.get.query({ projectId });
    expect(stored?.document.switches[0]).toMatchObject({ type: type.id, ...breaker });

    const unknown = await upload(
      { client: owner.client },
      { ...fields, baseVersion: 1 },
      network("Site CB 99 kA"),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.error?.message).toMatch(/switch [^:]+: type: unknown switch type "Site CB 99 kA"/);
  });

  it("imports a PSS/E v32 case with its sequence data after the Q record (RAW and SEQ in one upload)", async () => {
    const { owner, projectId } = await projectWithTeam();
    const fixtures = new URL("../../../packages/contracts/test/fixtures/psse/", import.meta.url);
    const raw = await readFile(new URL("same-network_v32.raw", fixtures), "utf8");
    const seq = await readFile(new URL("same-network_v32.seq", fixtures), "utf8");
    const fields = { projectId, baseVersion: null, fileName: "same-network.raw" };
    const imported = await upload({ client: owner.client }, fields, raw + seq);
    expect(imported.data).toMatchObject({ version: 1, format: "psse", elementCounts: { buses: 5 } });
    expect(imported.data?.report.mapped).toContainEqual({
      from: "PSS/E version 32 sequence data",
      to: "document",
      count: 1,
    });
    const latest = await owner.client.trpc.circuits.get.query({ projectId });
    // XZERO of the machine at bus 1 and CC 2 of transformer 1-2 came from the sequence data.
    expect(latest?.document.generators[0]).toMatchObject({ id: "gen1_1", x0_pu: 0.08 });
    expect(latest?.document.transformers[0]).toMatchObject({ vector_group: "YNd5" });
  });

  it("refuses a stale base version like save does", async () => {
    const { owner, projectId } = await projectWithTeam();
    await upload({ client: owner.client }, { projectId, baseVersion: null, fileName: "case9.m" }, case9);
    const stale = await upload(
      { client: owner.client },
      { projectId, baseVersion: null, fileName: "case9.m" },
      case9,
    );
    expect(stale.status).toBe(409);
    expect(stale.error?.message).toMatch(/version 1 was saved in between/);
  });

  it("names the line of a broken MATPOWER file and the field of a broken document", async () => {
    const { owner, projectId } = await projectWithTeam();
    const lines = case9.split("\n");
    const busRow = lines.findIndex((line) => /mpc\.bus\s*=/.test(line)) + 1;
    lines[busRow] = "\t1\t3\tnot-a-number\t0\t0\t0\t1\t1\t0\t345\t1\t1.1\t0.9;";
    const broken = await upload(
      { client: owner.client },
      { projectId, baseVersion: null, fileName: "broken.m" },
      lines.join("\n"),
    );
    expect(broken.status).toBe(400);
    expect(broken.error?.message).toMatch(
      new RegExp(`^broken\\.m is not a valid matpower network: line ${busRow + 1}\\b`),
    );

    const document = {
      schema: "ampflux/network@1",
      name: "x",
      frequency_hz: 50,
      buses: [{ id: "b", vn_kv: "high" }],
    };
    const bad = await upload(
      { client: owner.client },
      { projectId, baseVersion: null, fileName: "net.json" },
      JSON.stringify(document),
    );
    expect(bad.status).toBe(400);
    expect(bad.error?.message).toMatch(/bus b: Nominal voltage Un \(kV\): must be a finite number/);

    const nul = await upload(
      { client: owner.client },
      { projectId, baseVersion: null, fileName: "nul.m" },
      case9.replace("%% bus data", "%% bus\u0000data"),
    );
    expect(nul.error?.message).toBe("nul.m: line 26 holds a NUL character");
    expect(await owner.client.trpc.circuits.get.query({ projectId })).toBeNull();
  });

  it("refuses a file over IMPORT_MAX_BYTES, sized or streamed, naming the limit", async () => {
    const { owner, projectId } = await projectWithTeam();
    const case14 = await readFile(`${MATPOWER}/case14.m`, "utf8");
    const fields = { projectId, baseVersion: null, fileName: "case14.m" };
    const sized = await upload({ client: owner.client }, fields, case14);
    expect(sized.status).toBe(413);
    expect(sized.error).toMatchObject({
      message: `the file is larger than the import limit of ${LIMIT} bytes`,
      data: { code: "PAYLOAD_TOO_LARGE" },
    });

    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1_000;
        if (sent > 1_000_000) controller.close();
        else controller.enqueue(new Uint8Array(1_000).fill(0x20));
      },
    });
    const streamed = await upload({ client: owner.client }, fields, endless);
    expect(streamed.status).toBe(413);
    expect(await owner.client.trpc.circuits.get.query({ projectId })).toBeNull();
  });

  it("takes files larger than BODY_LIMIT_BYTES, which bounds JSON requests only", async () => {
    const small = await startTestApi({ BODY_LIMIT_BYTES: "1000", IMPORT_MAX_BYTES: String(LIMIT) });
    try {
      const owner = await signUpCompany(small.url, "big-import");
      const project = await owner.client.trpc.projects.create.mutate({ name: "Big import" });
      const fields = { projectId: project.id, baseVersion: null, fileName: "case9.m" };
      const res = await fetch(`${small.url}/trpc/circuits.import`, {
        method: "POST",
        headers: {
          "content-type": "application/octet-stream",
          origin: WEB_ORIGIN,
          cookie: `ampflux_session=${owner.client.cookie()}`,
        },
        body: `${JSON.stringify(fields)}\n${case9}`,
      });
      expect(case9.length).toBeGreaterThan(1000);
      expect(res.status).toBe(200);
      expect((await owner.client.trpc.circuits.get.query({ projectId: project.id }))?.version).toBe(1);
    } finally {
      await small.close();
    }
  });

  it("refuses viewers, other companies, anonymous callers and malformed uploads", async () => {
    const { owner, viewer, projectId } = await projectWithTeam();
    const fields = { projectId, baseVersion: null, fileName: "case9.m" };
    const asViewer = await upload({ client: viewer.client }, fields, case9);
    expect(asViewer.error?.data.code).toBe("FORBIDDEN");

    const foreign = await signUpCompany(api.url, "import-spy");
    const { key } = await foreign.client.trpc.apiKeys.create.mutate({ name: "spy" });
    expect((await upload({ apiKey: key }, fields, case9)).error?.data.code).toBe("NOT_FOUND");
    expect((await upload({ apiKey: "afx_unknown" }, fields, case9)).error?.data.code).toBe("UNAUTHORIZED");

    const post = (contentType: string, body: BodyInit) =>
      fetch(`${api.url}/trpc/circuits.import`, {
        method: "POST",
        headers: { "content-type": contentType, authorization: `Bearer ${key}` },
        body,
      });
    expect((await post("application/octet-stream", case9)).status).toBe(400);
    expect((await post("application/json", JSON.stringify({ json: fields }))).status).toBe(415);
    const empty = await upload({ client: owner.client }, fields, "");
    expect(empty.error?.data.code).toBe("BAD_REQUEST");
    expect(await owner.client.trpc.circuits.get.query({ projectId })).toBeNull();
  });
});
