// Operator commands on a real, migrated database: create a company with its licence and first
// admin's invitation, enable batch studies, and the changes are what the api reads
// (findActiveLicense, companyFeatures) and are audited.

import { FEATURE_FLAGS } from "@ampflux/contracts";
import { auditLogs, companyFeatures, createDb, findActiveLicense, invitations } from "@ampflux/db";
import { createTestDatabase, type TestDatabase } from "@ampflux/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../src/main.ts";

let database: TestDatabase;
let client: ReturnType<typeof createDb>;

beforeAll(async () => {
  database = await createTestDatabase("cli_operator");
  client = createDb(database.url, { maxConnections: 2 });
});
afterAll(async () => {
  await client?.close();
  await database?.drop();
});

async function run(argv: string[], env: Record<string, string | undefined> = { DATABASE_URL: database.url }) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    env: { ...env, APP_URL: "https://ampflux.example.com" },
  });
  return { code, stdout, stderr };
}

const defaults = Object.fromEntries(FEATURE_FLAGS.map((f) => [f, true])) as Record<
  (typeof FEATURE_FLAGS)[number],
  boolean
>;

describe("operator commands", () => {
  it("creates a company with a licence and an admin invitation, then enables batch studies", async () => {
    const created = await run([
      "companies",
      "create",
      "Acme Grid",
      "--admin",
      "lead@acme.example",
      "--format",
      "json",
    ]);
    expect(created.code, created.stderr).toBe(0);
    const company = JSON.parse(created.stdout) as {
      id: string;
      licence: { plan: string; batchStudies: boolean };
    };
    expect(company.licence).toMatchObject({ plan: "free", batchStudies: false });
    const [invitation] = await client.db
      .select()
      .from(invitations)
      .where(eq(invitations.companyId, company.id));
    expect(invitation).toMatchObject({ email: "lead@acme.example", role: "company_admin", acceptedAt: null });

    const table = await run([
      "companies",
      "create",
      "Beta Power",
      "--plan",
      "professional",
      "--admin",
      "x@beta.example",
    ]);
    expect(table.stdout).toMatch(/https:\/\/ampflux\.example\.com\/signup\?invite=[a-z2-7]{32}/);

    let features = await companyFeatures(client.db, company.id, defaults);
    expect(features.find((f) => f.flag === "batch_studies")?.enabled).toBe(false);
    const set = await run([
      "licence",
      "set",
      "Acme Grid",
      "--batch-studies",
      "on",
      "--plan",
      "enterprise",
      "--max-buses",
      "20000",
    ]);
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toMatch(/licence of Acme Grid/);
    const licence = await findActiveLicense(client.db, company.id);
    expect(licence).toMatchObject({ plan: "enterprise", batchStudies: true, maxBusesPerStudy: 20_000 });
    features = await companyFeatures(client.db, company.id, defaults);
    expect(features.find((f) => f.flag === "batch_studies")?.enabled).toBe(true);

    // Suspending ends the licence in force: the api then refuses the company's studies.
    expect((await run(["licence", "set", company.id, "--status", "suspended"])).code).toBe(0);
    expect(await findActiveLicense(client.db, company.id)).toBeUndefined();

    const actions = (await client.db.select().from(auditLogs).where(eq(auditLogs.companyId, company.id))).map(
      (a) => a.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining(["operator.company.create", "operator.invite", "operator.licence.set"]),
    );

    const list = await run(["companies", "list"]);
    const acme = list.stdout.split("\n").find((line) => line.includes("Acme Grid")) ?? "";
    expect(acme).toMatch(/enterprise\s+suspended\s+3\s+20000\s+on/);
  });

  it("names the flag and the reason for bad input, and changes nothing", async () => {
    const bad = await run([
      "licence",
      "set",
      "Acme Grid",
      "--plan",
      "gold",
      "--max-buses=-3",
      "--ends",
      "soon",
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--plan: "gold" is not one of free, professional, enterprise/);
    expect(bad.stderr).toMatch(/--max-buses: "-3" is not a whole number/);
    expect(bad.stderr).toMatch(/--ends: "soon" is not a date/);
    const unknown = await run(["licence", "set", "Nobody Ltd", "--batch-studies", "on"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/company "Nobody Ltd": no company has this id or name/);
    const noDb = await run(["companies", "list"], {});
    expect(noDb.stderr).toMatch(/DATABASE_URL is not set/);
  });
});
