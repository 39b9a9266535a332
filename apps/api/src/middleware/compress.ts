// Compression of answers for clients that accept it, by node:zlib in one call on libuv's thread
// pool. Hono's compress() pipes the body through a web CompressionStream, which Node runs as
// many small chunks through web-stream adapters: 56–98 ms for the 2.6 MB result of an N-1
// screening of case9241pegase, against 31–39 ms for zlib's gzip of the same bytes at the same
// level (the output is byte for byte the same), and off the event loop; answers of 1 MiB and more
// at zlib's fastest level (FAST_LEVEL_FROM_BYTES). Every answer compressed
// here is already whole in memory (tRPC's JSON, metrics, files); the rules of what is compressed
// are Hono's: its content types (not event streams), not below 1 KiB, not 206, HEAD, an answer
// already encoded or marked no-transform; Vary: Accept-Encoding on all of them.

import { promisify } from "node:util";
import { constants, deflate, gzip } from "node:zlib";
import type { MiddlewareHandler } from "hono";
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from "hono/compress";
import { type Accept, parseAccept } from "hono/utils/accept";

const THRESHOLD_BYTES = 1024;
/**
 * From this size on, zlib's fastest level (1, nginx's default gzip_comp_level) instead of its
 * default (6). On the 2.6 MB result of an N-1 screening of case9241pegase, level 6 took 32–79 ms
 * (median of 5 alone: 34 ms) for 477 KB, level 1 17 ms for 524 KB: the 47 KB more cost ~4 ms on a
 * 100 Mbit/s link, while the compression is on the path from a finished study to its user.
 * Smaller answers take a few ms at level 6 and keep its ratio.
 */
export const FAST_LEVEL_FROM_BYTES = 1 << 20;
const levelFor = (bytes: number) => (bytes >= FAST_LEVEL_FROM_BYTES ? 1 : constants.Z_DEFAULT_COMPRESSION);
/** zlib's compressors on the thread pool (circuits/get-fast-path.ts gzips its cached answers with them too). */
export const compressors = { gzip: promisify(gzip), deflate: promisify(deflate) };
type Encoding = keyof typeof compressors;

/** The q of `coding` in an Accept-Encoding header (Hono's parser): explicit, else the wildcard's, else 0. */
function quality(accepted: Accept[], coding: string): number {
  const explicit = accepted.find((a) => a.type.toLowerCase() === coding);
  return explicit ? explicit.q : (accepted.find((a) => a.type === "*")?.q ?? 0);
}

/** gzip unless deflate is preferred; none when neither is acceptable. */
export function chooseEncoding(header: string | undefined): Encoding | undefined {
  if (!header) return undefined;
  const accepted = parseAccept(header);
  const [g, d] = [quality(accepted, "gzip"), quality(accepted, "deflate")];
  if (g > 0 && g >= d) return "gzip";
  return d > 0 ? "deflate" : undefined;
}

const NO_TRANSFORM = /(?:^|,)\s*no-transform\s*(?:,|$)/i;
const VARY_ACCEPT_ENCODING = /(?:^|,)\s*accept-encoding\s*(?:,|$)/i;

export function compressAnswers(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    const length = res.headers.get("content-length");
    const type = res.headers.get("content-type");
    if (
      !res.body ||
      res.status === 206 ||
      c.req.method === "HEAD" ||
      res.headers.has("content-encoding") ||
      res.headers.has("transfer-encoding") ||
      (length !== null && Number(length) < THRESHOLD_BYTES) ||
      !type ||
      !COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type) ||
      NO_TRANSFORM.test(res.headers.get("cache-control") ?? "")
    )
      return;
    const vary = res.headers.get("vary");
    if (vary !== "*" && !(vary && VARY_ACCEPT_ENCODING.test(vary)))
      c.header("Vary", vary ? `${vary}, Accept-Encoding` : "Accept-Encoding");
    const encoding = chooseEncoding(c.req.header("accept-encoding"));
    if (!encoding) return;
    const plain = new Uint8Array(await c.res.arrayBuffer());
    if (plain.byteLength < THRESHOLD_BYTES) {
      c.res = new Response(plain, c.res);
      return;
    }
    const encoded = await compressors[encoding](plain, { level: levelFor(plain.byteLength) });
    c.res = new Response(new Uint8Array(encoded.buffer, encoded.byteOffset, encoded.byteLength), c.res);
    c.res.headers.delete("content-length");
    c.res.headers.set("content-encoding", encoding);
    const etag = c.res.headers.get("etag");
    if (etag && !etag.startsWith("W/")) c.res.headers.set("etag", `W/${etag}`);
  };
}
