// Query durations for metrics. drizzle runs every query through `client.unsafe(...)` (awaited,
// or `.values()` then awaited) and every transaction through `client.begin(...)`; a proxy over
// the postgres-js client times both without touching drizzle or the queries themselves.

import type postgres from "postgres";

export type QueryObserver = (seconds: number, outcome: "ok" | "error") => void;

type PendingQuery = PromiseLike<unknown> & { values(): PromiseLike<unknown> };

function timed<T>(query: PromiseLike<T>, observe: QueryObserver): Promise<T> {
  // postgres-js starts a query when it is awaited: the clock starts here, not at creation.
  const started = performance.now();
  return Promise.resolve(query).then(
    (value) => {
      observe((performance.now() - started) / 1000, "ok");
      return value;
    },
    (error: unknown) => {
      observe((performance.now() - started) / 1000, "error");
      throw error;
    },
  );
}

/** `sql` with each query drizzle sends, in or out of transactions, reported to `observe`. */
export function withQueryTiming<T extends postgres.Sql | postgres.TransactionSql>(
  sql: T,
  observe: QueryObserver,
): T {
  return new Proxy(sql, {
    get(target, property, receiver) {
      if (property === "unsafe") {
        return (...args: Parameters<postgres.Sql["unsafe"]>) => {
          const query = target.unsafe(...args) as unknown as PendingQuery;
          return {
            values: () => timed(query.values(), observe),
            // biome-ignore lint/suspicious/noThenProperty: stands in for postgres-js's thenable query.
            then: (resolve?: (v: unknown) => unknown, reject?: (e: unknown) => unknown) =>
              timed(query, observe).then(resolve, reject),
          };
        };
      }
      if (property === "begin" || property === "savepoint") {
        const open = Reflect.get(target, property, receiver) as (...a: unknown[]) => unknown;
        return (...args: unknown[]) => {
          const callback = args.pop() as (tx: postgres.TransactionSql) => unknown;
          return open.call(target, ...args, (tx: postgres.TransactionSql) =>
            callback(withQueryTiming(tx, observe)),
          );
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
}
