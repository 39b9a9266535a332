import type { AppRouter } from "@ampflux/api";
import { clientTransformer } from "@ampflux/api/client";
import { QueryClient } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, httpLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 5_000,
      // Client errors (401, 403, 404, validation) do not get better by asking again.
      retry: (count, error) =>
        count < 1 && !/UNAUTHORIZED|FORBIDDEN|NOT_FOUND|BAD_REQUEST/.test(codeOf(error)),
    },
  },
});

function codeOf(error: unknown): string {
  const data = (error as { data?: { code?: unknown } } | null)?.data;
  return typeof data?.code === "string" ? data.code : "";
}

/**
 * Queries whose stored JSON a plain GET sends as it is: circuits.get's document (the api's fast
 * path, apps/api/src/circuits/get-fast-path.ts) and simulations.get's result (the single-query
 * path, apps/api/src/trpc/stored-json.ts). Batched, they take tRPC's path, which parses and
 * re-serializes it (4 s for case13659pegase's document on the loaded 2-core machine, against 0.4 s).
 */
const UNBATCHED = new Set(["circuits.get", "simulations.get"]);

/**
 * Subscriptions (study progress, assistant tokens) stream over SSE (EventSource, same origin, so
 * the session cookie goes along); queries and mutations are batched over HTTP, but for UNBATCHED.
 */
export const client = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      condition: (op) => op.type === "subscription",
      true: httpSubscriptionLink({ url: "/trpc", transformer: clientTransformer }),
      false: splitLink({
        condition: (op) => UNBATCHED.has(op.path),
        true: httpLink({ url: "/trpc", transformer: clientTransformer }),
        false: httpBatchLink({ url: "/trpc", transformer: clientTransformer }),
      }),
    }),
  ],
});

/** Typed query/mutation options for every api procedure (end-to-end types from AppRouter). */
export const trpc = createTRPCOptionsProxy<AppRouter>({ client, queryClient });
