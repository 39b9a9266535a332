// Answers compressed by node:zlib (middleware/compress.ts): the same bytes as the web
// CompressionStream Hono's compress() used, and Hono's rules of what is compressed.

import { gunzipSync, gzipSync, inflateSync } from "node:zlib";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { chooseEncoding, compressAnswers, FAST_LEVEL_FROM_BYTES } from "../src/middleware/compress.ts";

const big = JSON.stringify({
  rows: Array.from({ length: 5_000 }, (_, k) => ({ bus: `b${k}`, ikss_ka: k / 7 })),
});

const app = new Hono();
app.use(compressAnswers());
app.get("/big", (c) => c.body(big, 200, { "content-type": "application/json" }));
app.get("/small", (c) => c.json({ ok: true }));
/** Over FAST_LEVEL_FROM_BYTES: compressed at level 1. */
const huge = JSON.stringify({
  rows: Array.from({ length: 40_000 }, (_, k) => ({ bus: `b${k}`, ikss_ka: k / 7, outage: `br${k % 997}` })),
});
app.get("/huge", (c) => c.body(huge, 200, { "content-type": "application/json" }));
app.get("/events", (c) => c.body(big, 200, { "content-type": "text/event-stream" }));
app.get("/pdf", (c) => c.body(big, 200, { "content-type": "application/pdf" }));
app.get("/kept", (c) =>
  c.body(big, 200, { "content-type": "application/json", "cache-control": "no-transform" }),
);

const get = (path: string, acceptEncoding?: string, method = "GET") =>
  app.request(path, { method, headers: acceptEncoding ? { "accept-encoding": acceptEncoding } : {} });

async function webGzip(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

describe("compressAnswers", () => {
  it("gzips a large JSON answer to the bytes CompressionStream wrote", async () => {
    const res = await get("/big", "gzip, deflate, br");
    expect(res.headers.get("content-encoding")).toBe("gzip");
    expect(res.headers.get("vary")).toBe("Accept-Encoding");
    expect(res.headers.get("content-length")).toBeNull();
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(gunzipSync(bytes).toString()).toBe(big);
    expect(bytes).toEqual(await webGzip(big));
  });

  it("gzips an answer of 1 MiB or more at zlib's fastest level", async () => {
    expect(huge.length).toBeGreaterThan(FAST_LEVEL_FROM_BYTES);
    expect(big.length).toBeLessThan(FAST_LEVEL_FROM_BYTES);
    const res = await get("/huge", "gzip");
    expect(res.headers.get("content-encoding")).toBe("gzip");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(gunzipSync(bytes).toString()).toBe(huge);
    expect(bytes).toEqual(new Uint8Array(gzipSync(huge, { level: 1 })));
    expect(bytes.length).toBeGreaterThan(gzipSync(huge).length);
  });

  it("chooses deflate only when preferred, and nothing when neither is acceptable", async () => {
    const res = await get("/big", "gzip;q=0.5, deflate");
    expect(res.headers.get("content-encoding")).toBe("deflate");
    expect(inflateSync(new Uint8Array(await res.arrayBuffer())).toString()).toBe(big);
    expect(chooseEncoding("deflate, gzip")).toBe("gzip");
    expect(chooseEncoding("*;q=0.2")).toBe("gzip");
    expect(chooseEncoding("gzip;q=0, deflate;q=0")).toBeUndefined();
    expect(chooseEncoding("br")).toBeUndefined();
    const plain = await get("/big", "br");
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(plain.headers.get("vary")).toBe("Accept-Encoding");
    expect(await plain.text()).toBe(big);
  });

  it("leaves small answers, event streams, other types, no-transform answers and HEAD as they are", async () => {
    for (const path of ["/small", "/events", "/pdf", "/kept"]) {
      const res = await get(path, "gzip");
      expect(res.headers.get("content-encoding"), path).toBeNull();
      expect((await res.text()).length, path).toBeGreaterThan(0);
    }
    expect((await get("/small", "gzip")).headers.get("vary")).toBe("Accept-Encoding");
    expect((await get("/big", "gzip", "HEAD")).headers.get("content-encoding")).toBeNull();
  });
});
