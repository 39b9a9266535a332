import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { type QueryObserver, withQueryTiming } from "./query-timing.ts";
import * as schema from "./schema/index.ts";

export type Schema = typeof schema;
export type Database = PostgresJsDatabase<Schema>;

export interface DbClient {
  db: Database;
  /** The underlying postgres-js client, for LISTEN/NOTIFY and raw health probes. */
  sql: postgres.Sql;
  close(): Promise<void>;
}

export interface DbOptions {
  maxConnections?: number;
  /** Shown as application_name in pg_stat_activity. */
  applicationName?: string;
  /** Told the duration of every query drizzle runs (metrics). */
  onQuery?: QueryObserver;
}

export function createDb(url: string, options: DbOptions = {}): DbClient {
  const sql = postgres(url, {
    max: options.maxConnections ?? 10,
    onnotice: () => {},
    connection: { application_name: options.applicationName ?? "ampflux" },
  });
  return {
    db: drizzle(options.onQuery ? withQueryTiming(sql, options.onQuery) : sql, {
      schema,
      casing: "snake_case",
    }),
    sql,
    close: () => sql.end({ timeout: 5 }),
  };
}

/** Round-trip time of `select 1` in milliseconds; throws when the database is unreachable. */
export async function pingDatabase(sql: postgres.Sql): Promise<number> {
  const started = performance.now();
  await sql`select 1`;
  return performance.now() - started;
}

export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** Either the database or an open transaction: what helpers that write rows accept. */
export type Executor = Database | Transaction;
