import pg from "pg";

export interface QueuePool {
  pool: pg.Pool;
  /** Ends the pool and waits until every connection's socket has closed. */
  end(): Promise<void>;
}

/**
 * A Postgres pool for graphile-worker that this process owns, passed as `pgPool` to `run()` and
 * `makeWorkerUtils()`.
 *
 * Why not let graphile-worker create it from a connection string: its releaser ends such a pool
 * without awaiting, and removes the pool's error handlers at once. pg's `Pool.end()` itself
 * resolves before its clients' sockets have closed. A connection still closing can then receive
 * an error from the server (a database dropped or a server restarting at that moment), and with
 * no handler left Node raises it as an uncaught 'error' event. This pool keeps its handlers for
 * its whole life, and `end()` waits until pg has reported every client removed (after its
 * socket closed).
 */
export function createQueuePool(
  connectionString: string,
  max: number,
  onError: (message: string) => void,
): QueuePool {
  const pool = new pg.Pool({ connectionString, max });
  let ending = false;
  let open = 0;
  let allClosed: (() => void) | undefined;
  const report = (error: Error) => {
    // After end() the server may still close a connection first: expected, not worth a line.
    if (!ending) onError(`job queue connection: ${error.message}`);
  };
  pool.on("error", report);
  pool.on("connect", (client) => {
    open += 1;
    client.on("error", report);
  });
  // pg-pool emits 'remove' from the client's end callback, once the socket has closed.
  pool.on("remove", () => {
    open -= 1;
    if (open === 0) allClosed?.();
  });
  return {
    pool,
    async end() {
      ending = true;
      const closed = new Promise<void>((resolve) => {
        allClosed = resolve;
      });
      await pool.end();
      if (open > 0) await closed;
    },
  };
}
