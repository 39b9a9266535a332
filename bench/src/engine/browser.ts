// The engine in headless Chromium: the page (src/browser/) is built with Vite into a temp folder,
// served with the MATPOWER files on loopback, and asked for one network at a time.

import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { build } from "vite";
import { launchChromium } from "../../../apps/web/test/browser.ts";
import { MATPOWER_CASES, MATPOWER_DIR, SYNTHETIC_SIZES } from "../networks.ts";
import type { EngineRow } from "./measure.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".m": "text/plain",
};

/**
 * Static files of the built page; /matpower/NAME.m from the shared cases. The page is served
 * cross-origin isolated (COOP same-origin + COEP require-corp): otherwise Chromium coarsens
 * performance.now() to 100 µs (with jitter), and the sub-millisecond studies of case9–case300
 * were read as 0.1–0.3 ms steps, 1.8–2.7× Node's microsecond clock. Isolated pages get 5 µs.
 */
function serve(root: string): Promise<{ server: Server; url: string }> {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname));
    const file = path.startsWith("/matpower/")
      ? new URL(path.slice("/matpower/".length), MATPOWER_DIR).pathname
      : join(root, path === "/" ? "index.html" : path);
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "cross-origin-opener-policy": "same-origin",
        "cross-origin-embedder-policy": "require-corp",
      });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      resolve({ server, url: `http://127.0.0.1:${port}/` });
    }),
  );
}

export async function benchEngineBrowser(quick: boolean): Promise<EngineRow[]> {
  const outDir = await mkdtemp(join(tmpdir(), "ampflux-bench-"));
  // Vite's build sets NODE_ENV=production in this process when it is unset; the benches after
  // this one start api and worker processes with this environment, which production mode
  // refuses (no database password). Put it back as it was.
  const nodeEnv = process.env.NODE_ENV;
  try {
    await build({
      root: new URL("../browser/", import.meta.url).pathname,
      logLevel: "warn",
      build: { outDir, emptyOutDir: true, target: "es2023" },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  const { server, url } = await serve(outDir);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(url);
    // Checked here, beside the headers that give it: a page that is not isolated would only time
    // out waiting for "ready", and its sub-millisecond medians would be 100 µs steps.
    if (!(await page.evaluate(() => crossOriginIsolated)))
      throw new Error("the bench page is not cross-origin isolated: check its COOP/COEP headers in serve()");
    await page.waitForFunction(() => document.title === "ready");
    const specs = [
      ...(quick ? MATPOWER_CASES.slice(0, 4) : MATPOWER_CASES).map((matpower) => ({ matpower })),
      ...(quick ? [] : SYNTHETIC_SIZES).map((synthetic) => ({ synthetic })),
    ];
    const rows: EngineRow[] = [];
    for (const spec of specs) {
      rows.push(
        ...(await page.evaluate(
          (s) => (window as unknown as { benchEngine(s: unknown): Promise<EngineRow[]> }).benchEngine(s),
          spec,
        )),
      );
    }
    return rows;
  } finally {
    await browser.close();
    server.close();
    await rm(outDir, { recursive: true, force: true });
  }
}
