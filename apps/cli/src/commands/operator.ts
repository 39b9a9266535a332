// Operator commands (docs/deployment.md): `ampflux companies list`, `ampflux companies create
// <name> [--admin EMAIL] [licence flags]`, `ampflux licence set <company> [licence flags]`, and
// the worker's dead letters (docs/operations.md): `ampflux jobs failed`, `ampflux jobs retry`. They
// work on DATABASE_URL directly — run them where the api runs (e.g. `docker compose exec api-1
// node apps/cli/src/main.ts companies list`).

import { createDb, type License, listDeadLetters, retryDeadLetters } from "@ampflux/db";
import type { Command } from "../args.ts";
import { inputError } from "../errors.ts";
import type { Io } from "../io.ts";
import { createCompany, listCompanies, setLicence } from "../operator/companies.ts";
import { describeRetryError, FAILED_HEADER, failedRow, retryTarget, sweepSlots } from "../operator/jobs.ts";
import { licenceChange } from "../operator/licence-flags.ts";
import { alignColumns } from "../study/table.ts";

function licenceSummary(licence: License | undefined): string[] {
  if (!licence) return ["none", "", "", "", "", "", ""];
  return [
    licence.plan,
    licence.status,
    String(licence.maxProjects),
    String(licence.maxBusesPerStudy),
    licence.batchStudies ? "on" : "off",
    String(licence.aiTokensPerMonth),
    licence.endsAt ? licence.endsAt.toISOString().slice(0, 10) : "never",
  ];
}

/** Rows of text under a header, aligned like the study tables. */
const grid = (header: string[], rows: string[][]) =>
  alignColumns(
    header.map((title, i) => ({ title, text: true, cell: (row: string[]) => row[i] ?? "" })),
    rows,
  ).join("\n");

const LICENCE_HEADER = [
  "plan",
  "status",
  "max projects",
  "max buses",
  "batch studies",
  "ai tokens/month",
  "ends",
];

async function withDatabase<T>(
  io: Io,
  work: (db: ReturnType<typeof createDb>["db"]) => Promise<T>,
): Promise<T> {
  const url = io.env.DATABASE_URL;
  if (!url)
    throw inputError("DATABASE_URL is not set: operator commands work on the product database directly");
  const client = createDb(url, { maxConnections: 1, applicationName: "ampflux-operator" });
  try {
    return await work(client.db);
  } finally {
    await client.close();
  }
}

/** `jobs failed` and `jobs retry`. */
async function jobs(command: Command, io: Io, json: boolean): Promise<void> {
  if (command.name === "jobs failed") {
    const failed = await withDatabase(io, listDeadLetters);
    if (json) io.stdout.write(`${JSON.stringify(failed, null, 2)}\n`);
    else if (failed.length === 0) io.stdout.write("no failed jobs\n");
    else io.stdout.write(`${grid(FAILED_HEADER, failed.map(failedRow))}\n`);
    return;
  }
  const target = retryTarget(command);
  const slots = sweepSlots(io.env);
  const retried = await withDatabase(io, (db) => retryDeadLetters(db, target, slots)).catch((error) => {
    throw describeRetryError(error);
  });
  if (json) {
    io.stdout.write(`${JSON.stringify(retried, null, 2)}\n`);
    return;
  }
  if (retried.length === 0) io.stdout.write("no failed jobs\n");
  for (const job of retried) {
    const what = job.action === "rescheduled" ? "queued again" : "dropped: its study is queued again";
    const study = job.studyId ? `; study ${job.studyId} back to queued` : "";
    io.stdout.write(`job ${job.id} (${job.task}) ${what}${study}\n`);
  }
}

export async function operator(command: Command, io: Io): Promise<void> {
  const json = command.flags.format === "json";
  if (command.name === "jobs failed" || command.name === "jobs retry") return jobs(command, io, json);
  if (command.name === "companies list") {
    const rows = await withDatabase(io, listCompanies);
    if (json) {
      io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      return;
    }
    const table = rows.map((r) => [r.id, r.name, String(r.users), ...licenceSummary(r.licence)]);
    io.stdout.write(`${grid(["id", "name", "users", ...LICENCE_HEADER], table)}\n`);
    return;
  }
  const change = licenceChange(command);
  if (command.name === "companies create") {
    const name = (command.args.name ?? "").trim();
    if (!name) throw inputError("companies create: the company name is empty");
    const created = await withDatabase(io, (db) => createCompany(db, name, change, command.flags.admin));
    if (json) {
      io.stdout.write(`${JSON.stringify(created, null, 2)}\n`);
      return;
    }
    io.stdout.write(`created company ${created.name} (${created.id})\n`);
    io.stdout.write(`${grid(LICENCE_HEADER, [licenceSummary(created.licence)])}\n`);
    if (created.invitation) {
      const appUrl = (io.env.APP_URL ?? "http://127.0.0.1:5173").replace(/\/$/, "");
      io.stdout.write(
        `invitation for ${created.invitation.email} (company admin), valid until ${created.invitation.expiresAt.toISOString()}:\n` +
          `${appUrl}/signup?invite=${created.invitation.token}\n`,
      );
    }
    return;
  }
  const ref = command.args.company ?? "";
  const saved = await withDatabase(io, (db) => setLicence(db, ref, change));
  if (json) {
    io.stdout.write(`${JSON.stringify(saved, null, 2)}\n`);
    return;
  }
  io.stdout.write(`licence of ${saved.company}:\n${grid(LICENCE_HEADER, [licenceSummary(saved.licence)])}\n`);
}
