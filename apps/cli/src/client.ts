import type { AppRouter } from "@ampflux/api";
import { createTRPCClient, httpLink, httpSubscriptionLink, splitLink, type TRPCClient } from "@trpc/client";
import superjson from "superjson";
import { inputError } from "./errors.ts";
import { NodeEventSource } from "./event-source.ts";
import { uploadLink } from "./upload-link.ts";

export type Api = TRPCClient<AppRouter>;

export const DEFAULT_URL = "http://127.0.0.1:3001";

/** Where the api is (AMPFLUX_URL, without /trpc) and the API key sent with every request. */
export function apiEndpoint(env: NodeJS.ProcessEnv = process.env): { url: string; apiKey: string } {
  const apiKey = env.AMPFLUX_API_KEY?.trim();
  if (!apiKey) {
    throw inputError("AMPFLUX_API_KEY is not set: create a key in the web app under Account → API keys");
  }
  const url = env.AMPFLUX_URL?.trim() || DEFAULT_URL;
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    throw inputError(`AMPFLUX_URL is not an http(s) URL: ${url}`);
  }
  return { url: url.replace(/\/+$/, ""), apiKey };
}

/** A typed client of the api: subscriptions over SSE, everything else one request per call. */
export function connect({ url, apiKey }: { url: string; apiKey: string }): Api {
  const trpcUrl = `${url}/trpc`;
  const headers = { authorization: `Bearer ${apiKey}` };
  return createTRPCClient<AppRouter>({
    links: [
      uploadLink,
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({
          url: trpcUrl,
          transformer: superjson,
          EventSource: NodeEventSource,
          eventSourceOptions: () => ({ headers }),
        }),
        false: httpLink({ url: trpcUrl, transformer: superjson, headers }),
      }),
    ],
  });
}
