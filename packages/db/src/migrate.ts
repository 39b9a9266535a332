import { fileURLToPath } from "node:url";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { createDb } from "./client.ts";

/** The drizzle-kit migrations committed next to this package. */
export const migrationsFolder = fileURLToPath(new URL("../drizzle", import.meta.url));

/** Applies every pending migration; safe to run on every start (drizzle records what ran). */
export async function migrateDatabase(url: string): Promise<void> {
  const client = createDb(url, { maxConnections: 1, applicationName: "ampflux-migrate" });
  try {
    await migrate(client.db, { migrationsFolder });
  } finally {
    await client.close();
  }
}
