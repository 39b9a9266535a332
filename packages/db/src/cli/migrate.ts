// `pnpm db:migrate`: applies pending migrations to DATABASE_URL.
import { migrateDatabase } from "../migrate.ts";
import { redactUrl } from "../url.ts";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error(
    "DATABASE_URL is not set: point it at the database to migrate (pnpm start migrates the embedded one itself)",
  );
  process.exit(1);
}
try {
  await migrateDatabase(url);
  console.log(`migrated ${redactUrl(url)}`);
} catch (error) {
  console.error(
    `migration of ${redactUrl(url)} failed: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
}
