import OpenAI from "openai";
import type { ApiSettings } from "../settings.ts";

/**
 * The client of the model server, or undefined when no key is configured. No retries: a failed
 * call becomes a friendly error at once (each call's time limit is set per request, see model.ts).
 */
export function createAssistantClient(settings: ApiSettings): OpenAI | undefined {
  if (!settings.OPENAI_API_KEY) return undefined;
  return new OpenAI({
    apiKey: settings.OPENAI_API_KEY,
    // null, not undefined: the client would read OPENAI_BASE_URL itself, bypassing the settings.
    baseURL: settings.OPENAI_BASE_URL ?? null,
    maxRetries: 0,
  });
}
