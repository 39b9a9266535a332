#!/usr/bin/env node
// The `ampflux` command. It runs the bundle in ../dist (built by `pnpm --filter @ampflux/cli
// build`), which starts several times faster than the TypeScript sources: Node would otherwise
// type-strip and link every module of the command on each run (docs/performance.md). Without a
// build it runs ../src/main.ts, as `node apps/cli/src/main.ts` does.

import module from "node:module";

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
