import { type ApiClient, createApiClient } from "@ampflux/api/client";
import { inputError } from "./errors.ts";
import { NodeEventSource } from "./event-source.ts";
import { uploadLink } from "./upload-link.ts";

export type Api = ApiClient;

export const DEFAULT_URL = "http://127.0.0.1:3001";

/** Where the api is (AMPFLUX_URL, without /trpc) and the API key sent with every request. */
export function apiEndpoint(env: NodeJS.ProcessEnv): { url: string; apiKey: string } {
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

/** The api's client with the key; imports stream their file (uploadLink), progress comes over SSE. */
export const connect = ({ url, apiKey }: { url: string; apiKey: string }): Api =>
  createApiClient({ url, apiKey, links: [uploadLink], EventSource: NodeEventSource });
