import type { AppRouter } from "@ampflux/api";
import { QueryClient } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import superjson from "superjson";

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
 * Subscriptions (study progress, assistant tokens) stream over SSE (EventSource, same origin, so
 * the session cookie goes along); queries and mutations are batched over HTTP.
 */
export const client = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      condition: (op) => op.type === "subscription",
      true: httpSubscriptionLink({ url: "/trpc", transformer: superjson }),
      false: httpBatchLink({ url: "/trpc", transformer: superjson }),
    }),
  ],
});

/** Typed query/mutation options for every api procedure (end-to-end types from AppRouter). */
export const trpc = createTRPCOptionsProxy<AppRouter>({ client, queryClient });
