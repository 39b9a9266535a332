#!/usr/bin/env node
// The `ampflux` command. It runs the bundle in ../dist (built by `pnpm --filter @ampflux/cli
// build`), which starts several times faster than the TypeScript sources: Node would otherwise
// type-strip and link every module of the command on each run (docs/performance.md). Without a
// build it runs ../src/main.ts, as `node apps/cli/src/main.ts` does.

import module from "node:module";
import v8 from "node:v8";

// A one-shot command's young generation stays at its first size instead of doubling on each
// scavenge. Every page the heap grows into is a fresh page fault, ~10 µs each on the 2-core VMs
// we measure on: a study of case9241pegase touched ~48,000 pages at the default growth and
// ~35,000 at 1, and ran ~10 % faster whole (docs/performance.md, "Cold command-line runs").
// V8 reads this factor at each growth, so setting it here, before any work, takes effect.
v8.setFlagsFromString("--semi-space-growth-factor=1");

// V8's code cache on disk (Node's compile cache, in the system's temporary folder unless
// NODE_COMPILE_CACHE names one): later runs skip parsing and compiling the bundle's ~4 MB of
// JavaScript. A folder that cannot be written only means no cache.
module.enableCompileCache?.();

const bundle = new URL("../dist/ampflux.js", import.meta.url);

async function entry() {
  try {
    return await import(bundle.href);
  } catch (error) {
    // Only a missing bundle falls back; an error inside it is reported as it is.
    if (error?.code !== "ERR_MODULE_NOT_FOUND" || !String(error.message).includes(bundle.pathname))
      throw error;
    return import("../src/main.ts");
  }
}

process.exitCode = await (await entry()).main(process.argv.slice(2));
