// What an operator does to companies straight on the product database (DATABASE_URL), not
// through the api: no user of the product may change licences. Every change writes an audit row
// (user null: the operator) in the company's audit log, which its admins see.

import { generateSecretToken, hashToken } from "@ampflux/api/tokens";
import { INVITATION_LIFETIME_MS } from "@ampflux/contracts";
import {
  auditLogs,
  companies,
  type Database,
  invitations,
  type License,
  licenses,
  type Transaction,
  users,
} from "@ampflux/db";
import { asc, count, desc, eq } from "drizzle-orm";
import { inputError } from "../errors.ts";
import type { LicenceChange } from "./licence-flags.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CompanyRow {
  id: string;
  name: string;
  users: number;
  licence: License | undefined;
}

/** A company by id, or by its exact name when that names exactly one. */
export async function findCompany(
  db: Database | Transaction,
  ref: string,
): Promise<{ id: string; name: string }> {
  const rows = await db
    .select({ id: companies.id, name: companies.name })
    .from(companies)
    .where(UUID.test(ref) ? eq(companies.id, ref) : eq(companies.name, ref));
  if (rows.length === 0) throw inputError(`company "${ref}": no company has this id or name`);
  if (rows.length > 1)
    throw inputError(
      `company "${ref}": ${rows.length} companies have this name; give the id (${rows.map((r) => r.id).join(", ")})`,
    );
  return rows[0] as { id: string; name: string };
}

/** The newest licence row of each company (the one `licence set` changes). */
async function newestLicence(db: Database | Transaction, companyId: string): Promise<License | undefined> {
  const [row] = await db
    .select()
    .from(licenses)
    .where(eq(licenses.companyId, companyId))
    .orderBy(desc(licenses.startsAt))
    .limit(1);
  return row;
}

export async function listCompanies(db: Database): Promise<CompanyRow[]> {
  const rows = await db
    .select({ id: companies.id, name: companies.name, users: count(users.id) })
    .from(companies)
    .leftJoin(users, eq(users.companyId, companies.id))
    .groupBy(companies.id)
    .orderBy(asc(companies.name));
  return Promise.all(rows.map(async (row) => ({ ...row, licence: await newestLicence(db, row.id) })));
}

async function audit(tx: Transaction, companyId: string, action: string, details: Record<string, unknown>) {
  await tx
    .insert(auditLogs)
    .values({ companyId, userId: null, action, targetType: "company", targetId: companyId, details });
}

const described = (change: LicenceChange) =>
  Object.fromEntries(Object.entries(change).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]));

export interface CreatedCompany {
  id: string;
  name: string;
  licence: License;
  /** The sign-up link of the first admin's invitation (shown once). */
  invitation?: { email: string; token: string; expiresAt: Date };
}

export async function createCompany(
  db: Database,
  name: string,
  change: LicenceChange,
  adminEmail: string | undefined,
): Promise<CreatedCompany> {
  return db.transaction(async (tx) => {
    if (adminEmail) {
      const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, adminEmail));
      if (taken) throw inputError(`--admin: an account with ${adminEmail} already exists`);
    }
    const [company] = await tx.insert(companies).values({ name }).returning();
    if (!company) throw new Error("company insert returned nothing");
    const [licence] = await tx
      .insert(licenses)
      .values({ companyId: company.id, ...change })
      .returning();
    if (!licence) throw new Error("licence insert returned nothing");
    await audit(tx, company.id, "operator.company.create", { name, licence: described(change) });
    if (!adminEmail) return { id: company.id, name, licence };
    const token = generateSecretToken();
    const expiresAt = new Date(Date.now() + INVITATION_LIFETIME_MS);
    await tx.insert(invitations).values({
      companyId: company.id,
      email: adminEmail,
      role: "company_admin",
      tokenHash: hashToken(token),
      expiresAt,
    });
    await audit(tx, company.id, "operator.invite", { email: adminEmail, role: "company_admin" });
    return { id: company.id, name, licence, invitation: { email: adminEmail, token, expiresAt } };
  });
}

/** Changes the company's newest licence (creating one when it has none); returns it as saved. */
export async function setLicence(
  db: Database,
  ref: string,
  change: LicenceChange,
): Promise<{ company: string; licence: License }> {
  if (Object.keys(change).length === 0)
    throw inputError(
      "licence set: nothing to change (give --plan, --status, --max-projects, --max-buses, --batch-studies, --ai-tokens or --ends)",
    );
  return db.transaction(async (tx) => {
    const company = await findCompany(tx, ref);
    const current = await newestLicence(tx, company.id);
    const [licence] = current
      ? await tx.update(licenses).set(change).where(eq(licenses.id, current.id)).returning()
      : await tx
          .insert(licenses)
          .values({ companyId: company.id, ...change })
          .returning();
    if (!licence) throw new Error("licence write returned nothing");
    await audit(tx, company.id, "operator.licence.set", { licence: described(change) });
    return { company: company.name, licence };
  });
}
