// A typed tRPC client of the api for Node programs: the command-line client, the tests and the
// bench. Imported as "@ampflux/api/client"; it loads only @trpc/client and superjson (the router
// is a type), so a client does not start the server's dependencies.

import {
  createTRPCClient,
  httpLink,
  httpSubscriptionLink,
  splitLink,
  type TRPCClient,
  type TRPCLink,
} from "@trpc/client";
import type { AppRouter } from "./routers/index.ts";
import { clientTransformer } from "./trpc/client-transformer.ts";

export { clientTransformer };

export type ApiClient = TRPCClient<AppRouter>;

/** The api's session cookie (auth/sessions.ts; not imported: that module loads the database). */
const SESSION_COOKIE = "ampflux_session";

/** The session a client holds, as a browser's cookie jar would; readable and settable by tests. */
export interface SessionJar {
  token: string | undefined;
}

/** An EventSource that can send headers, as httpSubscriptionLink uses it (Node has none built in). */
type EventSourceClass = new (
  url: string,
  init?: { headers?: Record<string, string> },
) => EventTarget & {
  readonly CONNECTING: number;
  readonly OPEN: number;
  readonly CLOSED: number;
  readyState: number;
  close(): void;
};

export interface ApiClientOptions {
  /** The api's address, without /trpc. */
  url: string;
  /** Sent as a bearer token. Without one the client logs in like a browser: cookie and Origin. */
  apiKey?: string;
  /** The Origin header of cookie requests: the api refuses them from origins it does not know. */
  origin?: string;
  /** Holds the session cookie the api sets (a new, empty one unless given). */
  session?: SessionJar;
  /** Links that see each operation before it is sent (e.g. the command line's upload body). */
  links?: TRPCLink<AppRouter>[];
  /** Subscriptions go over SSE with this EventSource; without one the client cannot subscribe. */
  EventSource?: EventSourceClass;
  fetch?: typeof fetch;
}

/** Keeps the session token from the api's Set-Cookie lines; Max-Age=0 or an empty value ends it. */
function rememberSession(session: SessionJar, res: Response): void {
  for (const line of res.headers.getSetCookie()) {
    const [, value] = line.match(new RegExp(`^${SESSION_COOKIE}=([^;]*)`)) ?? [];
    if (value !== undefined) session.token = value === "" || /Max-Age=0/i.test(line) ? undefined : value;
  }
}

/** A typed client of the api at `url`: one HTTP request per call, subscriptions over SSE. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const session = options.session ?? { token: undefined };
  const headers = () => {
    const sent: Record<string, string> = {};
    if (session.token) sent.cookie = `${SESSION_COOKIE}=${session.token}`;
    if (options.apiKey) sent.authorization = `Bearer ${options.apiKey}`;
    else if (options.origin) sent.origin = options.origin;
    return sent;
  };
  const url = `${options.url.replace(/\/+$/, "")}/trpc`;
  const requests = httpLink({
    url,
    transformer: clientTransformer,
    headers,
    fetch: async (input, init) => {
      // Looked up per call, so a test that stubs the global fetch later still reaches it.
      const res = await (options.fetch ?? fetch)(input, init);
      rememberSession(session, res);
      return res;
    },
  });
  const { EventSource } = options;
  const transport = EventSource
    ? splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({
          url,
          transformer: clientTransformer,
          EventSource,
          eventSourceOptions: () => ({ headers: headers() }),
        }),
        false: requests,
      })
    : requests;
  return createTRPCClient<AppRouter>({ links: [...(options.links ?? []), transport] });
}
