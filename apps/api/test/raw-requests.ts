// Requests as an outside client sends them, bytes on the wire: for probing the api's limits
// with bodies no tRPC client would produce.

import superjson from "superjson";

export interface RawAnswer {
  status: number;
  headers: Headers;
  /** The tRPC error's message and code when the answer is one (single call or first of a batch). */
  error?: { message: string; code: string };
  json?: unknown;
  text: string;
}

function errorOf(json: unknown): RawAnswer["error"] {
  const first = Array.isArray(json) ? json[0] : json;
  const error = (first as { error?: { json?: { message?: string; data?: { code?: string } } } } | null)?.error
    ?.json;
  return error ? { message: error.message ?? "", code: error.data?.code ?? "" } : undefined;
}

async function answer(res: Response): Promise<RawAnswer> {
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, error: errorOf(json), json, text };
}

/** POST `body` (text, already JSON or deliberately not) to a procedure with an API key. */
export async function rawPost(
  apiUrl: string,
  apiKey: string,
  procedure: string,
  body: BodyInit,
  headers: Record<string, string> = {},
): Promise<RawAnswer> {
  const init: RequestInit & { duplex: "half" } = {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json", ...headers },
    body,
    duplex: "half",
  };
  return answer(await fetch(`${apiUrl}/trpc/${procedure}`, init));
}

/** A procedure's input as tRPC clients send it: superjson-wrapped JSON text. */
export const trpcBody = (input: unknown) => JSON.stringify(superjson.serialize(input));

/** GET a query (or open a subscription's stream, `accept` text/event-stream) with `input` as given. */
export async function rawGet(
  apiUrl: string,
  apiKey: string,
  procedure: string,
  inputText: string,
  init: { accept?: string; signal?: AbortSignal } = {},
): Promise<{ answer: RawAnswer; res: Response } | { res: Response; answer?: undefined }> {
  // Several procedures make a batch: the input is then an object by call index.
  const batch = procedure.includes(",") ? "batch=1&" : "";
  const res = await fetch(`${apiUrl}/trpc/${procedure}?${batch}input=${encodeURIComponent(inputText)}`, {
    headers: { authorization: `Bearer ${apiKey}`, ...(init.accept && { accept: init.accept }) },
    signal: init.signal,
  });
  if (res.headers.get("content-type")?.startsWith("text/event-stream")) return { res };
  return { res, answer: await answer(res) };
}

/** The upload wire format of circuits.import: the fields as a line of JSON, then the file. */
export function uploadBody(fields: Record<string, unknown>, file: string | Uint8Array): Blob {
  return new Blob([`${JSON.stringify(fields)}\n`, file as BlobPart]);
}

/** POST an upload (circuits.import) with an API key. */
export function rawUpload(apiUrl: string, apiKey: string, body: BodyInit): Promise<RawAnswer> {
  return rawPost(apiUrl, apiKey, "circuits.import", body, { "content-type": "application/octet-stream" });
}

/**
 * A body that sends `head` at once and then nothing until `release` is called (a slow client, or
 * one holding an upload open).
 */
export function stalledBody(head: string) {
  let finish: () => void = () => {};
  const stalled = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const stream = new ReadableStream<Uint8Array>({
    start: (controller) => controller.enqueue(new TextEncoder().encode(head)),
    async pull(controller) {
      await stalled;
      controller.close();
    },
  });
  return { stream, release: () => finish() };
}
