// File uploads to tRPC procedures. tRPC reads a multipart body whole (req.formData()), so a file
// comes as application/octet-stream, which tRPC hands over unread as the body's stream. The
// procedure's other fields ride in front of the file as one line of JSON:
//
//   {"projectId":"…","baseVersion":3,"fileName":"case9.m"}\n<the file's bytes>

import type { ProjectRole } from "@ampflux/contracts";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { holdWhileRunning } from "../limits/hold.ts";
import { type StructureLimits, scanJsonStructure, structureLimits } from "../limits/json-structure.ts";
import { readBefore } from "../limits/read-before.ts";
import { heavyProjectProcedure, protectedProcedure } from "../trpc/procedures.ts";

/** Room for the fields line: ids, a file name and a message. */
const FIELDS_MAX_BYTES = 16 * 1024;
const NEWLINE = 0x0a;

const badUpload = (message: string) => new TRPCError({ code: "BAD_REQUEST", message });

function parseFields(line: Uint8Array, limits: StructureLimits): Record<string, unknown> {
  const text = new TextDecoder().decode(line);
  const violation = scanJsonStructure(text, limits, "the upload's fields");
  if (violation) throw badUpload(violation.message);
  let fields: unknown;
  try {
    fields = JSON.parse(text);
  } catch {
    fields = undefined;
  }
  if (typeof fields !== "object" || fields === null || Array.isArray(fields)) {
    throw badUpload("the upload must start with its fields as one line of JSON (an object)");
  }
  return fields as Record<string, unknown>;
}

/** `first`, then whatever `reader` still has. */
function prepend(first: Uint8Array, reader: ReadableStreamDefaultReader<Uint8Array>) {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (first.length > 0) controller.enqueue(first);
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

/** Reads the fields line off the body; the file is the rest, still unread. */
async function splitUpload(body: ReadableStream<Uint8Array>, limits: StructureLimits) {
  const reader = body.getReader();
  let head = new Uint8Array(0);
  for (;;) {
    const newline = head.subarray(0, FIELDS_MAX_BYTES + 1).indexOf(NEWLINE);
    if (newline >= 0) {
      return {
        fields: parseFields(head.subarray(0, newline), limits),
        file: prepend(head.subarray(newline + 1), reader),
      };
    }
    const { done, value } = await reader.read();
    if (done || head.length > FIELDS_MAX_BYTES) {
      await reader.cancel();
      throw badUpload(
        `the upload must start with its fields as one line of JSON (at most ${FIELDS_MAX_BYTES} bytes)`,
      );
    }
    head = Buffer.concat([head, value]);
  }
}

/**
 * Procedures taking an uploaded file. The body is split into fields and file before the project
 * check, which then reads `projectId` from the fields as from any other input. Each upload holds
 * one of the user's UPLOAD_MAX_CONCURRENT_PER_USER slots until its procedure ends.
 */
export const projectUploadProcedure = (minRole: ProjectRole) =>
  protectedProcedure
    .use(async ({ ctx, getRawInput, type, signal, next }) => {
      const body = await getRawInput();
      if (!(body instanceof ReadableStream)) {
        throw new TRPCError({
          code: "UNSUPPORTED_MEDIA_TYPE",
          message: "send the upload as application/octet-stream: a line of JSON fields, then the file",
        });
      }
      const release = await ctx.deps.limits.admitUpload(ctx);
      return holdWhileRunning(release, type, signal, async () => {
        const { fields, file } = await splitUpload(body, structureLimits(ctx.deps.settings));
        return next({ getRawInput: async () => ({ ...fields, file }) });
      });
    })
    // Every upload is an import: heavy work (docs/limits.md).
    .concat(heavyProjectProcedure(minRole, "import"));

/**
 * The uploaded file's field: clients pass a Blob (their link sends it after the fields line), the
 * procedure gets the rest of the body's stream.
 */
export const uploadedFileSchema = z
  .custom<Blob>((value) => value instanceof ReadableStream, "missing the file")
  .transform((value) => value as unknown as ReadableStream<Uint8Array>);

/** Beyond this much more of a refused upload, the connection is cut instead of drained. */
const DRAIN_MAX_BYTES = 16 * 1024 * 1024;

/**
 * Reads and drops the rest of a refused upload, so the client, still sending, receives the answer
 * and its connection stays usable; an upload that goes on past DRAIN_MAX_BYTES is cancelled,
 * which closes the connection.
 */
async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  let drained = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      drained += value.byteLength;
      if (drained > DRAIN_MAX_BYTES) break;
    }
  } catch {
    return;
  }
  await reader.cancel().catch(() => {});
}

/**
 * The file as UTF-8 text, decoded as it arrives; PAYLOAD_TOO_LARGE once it passes `maxBytes`,
 * TIMEOUT when it has not all arrived `timeoutMs` after the start (a slow client).
 */
export async function readUploadText(
  file: ReadableStream<Uint8Array>,
  maxBytes: number,
  timeoutMs: number,
): Promise<string> {
  const reader = file.getReader();
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const parts: string[] = [];
  const deadline = Date.now() + timeoutMs;
  let size = 0;
  try {
    for (;;) {
      const step = await readBefore(reader, deadline);
      if (step === "late") {
        throw new TRPCError({
          code: "TIMEOUT",
          message: `the file did not arrive within UPLOAD_READ_TIMEOUT_MS ${timeoutMs} ms`,
        });
      }
      const { done, value } = step;
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        throw new TRPCError({
          code: "PAYLOAD_TOO_LARGE",
          message: `the file is larger than the import limit of ${maxBytes} bytes`,
        });
      }
      parts.push(decoder.decode(value, { stream: true }));
    }
    parts.push(decoder.decode());
  } catch (error) {
    void discardRest(reader);
    if ((error as { code?: string } | null)?.code === "ERR_ENCODING_INVALID_ENCODED_DATA") {
      throw badUpload("the file is not UTF-8 text");
    }
    throw error;
  }
  return parts.join("");
}
