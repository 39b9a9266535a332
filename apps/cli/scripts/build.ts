// Bundles the CLI into dist/ (what bin/ampflux.js runs). A one-shot `ampflux study` otherwise
// spends most of its start-up in Node type-stripping, resolving and linking ~150 TypeScript
// modules one by one (docs/performance.md, "Cold command-line runs"); one pre-built ES module per
// command loads in a few milliseconds. Dynamic imports stay separate chunks (splitting), so `study`
// still loads no tRPC client and the api commands no simulation core.

import { readFile } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { build, type Plugin } from "esbuild";

const cli = resolve(dirname(fileURLToPath(import.meta.url)), "..");
// --outdir: elsewhere than dist/ (the bundle test builds into a temporary folder).
const { values } = parseArgs({ options: { outdir: { type: "string" } } });
const outdir = resolve(values.outdir ?? resolve(cli, "dist"));

/**
 * The WASM core and the label fonts are files beside their packages' sources, found through
 * import.meta.url/resolve; from the bundle those resolve relative to dist/. This rewrites the
 * one line of each that names the file so it points from dist/ to the same file.
 */
function relocateFile(file: RegExp, from: string, to: (source: string) => string): Plugin {
  return {
    name: `relocate ${file}`,
    setup(b) {
      b.onLoad({ filter: file }, async (args) => {
        const source = await readFile(args.path, "utf8");
        if (!source.includes(from))
          throw new Error(`${args.path} no longer contains ${from}: update scripts/build.ts`);
        return { contents: source.replaceAll(from, to(args.path)), loader: "ts" };
      });
    },
  };
}

const wasmLocation = relocateFile(
  /sim-wasm[/\\]src[/\\]loader\.ts$/,
  'new URL("../wasm/ampflux_sim.wasm", import.meta.url)',
  (loader) => {
    const wasm = resolve(dirname(loader), "../wasm/ampflux_sim.wasm");
    return `new URL(${JSON.stringify(relative(outdir, wasm).split("\\").join("/"))}, import.meta.url)`;
  },
);

// import.meta.resolve("dejavu-fonts-ttf/…") from dist/ would look in the CLI's node_modules,
// where pnpm does not link the reports package's dependency: resolve it from reports' own folder
// (Node's import.meta.resolve takes no parent without a flag; require.resolve does).
const fontLocation = relocateFile(/reports[/\\]src[/\\]node\.ts$/, "import.meta.resolve(", (node) => {
  const from = JSON.stringify(node);
  return `((specifier) => require("node:url").pathToFileURL(__ampfluxRequire(${from}).resolve(specifier)).href)(`;
});

/**
 * zod's namespace re-exports its ~60 message locales (`z.locales`), so a bundle that uses `z.`
 * holds all of them: ~40 % of zod's share of what `ampflux study` loads. The CLI speaks English
 * (zod's default, set by its own schemas module, which imports en.js directly) and never
 * selects a locale, so the namespace gets English alone.
 */
const englishZodLocales: Plugin = {
  name: "english zod locales",
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[/\\]zod[/\\]v4[/\\](classic|core)$/.test(args.resolveDir)
        ? { path: resolve(args.resolveDir, "../locales/en.js"), namespace: "english-zod-locales" }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "english-zod-locales" }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: dirname(args.path),
    }));
  },
};

await build({
  entryPoints: { ampflux: resolve(cli, "src/main.ts") },
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node24",
  sourcemap: "linked",
  // Node reads, decodes and compiles every file a command imports on each run. Without comments
  // and blanks `study` loads 0.97 MB instead of 1.37 MB, all of it ASCII: a comment's "Ω" or
  // "§" made V8 hold a whole chunk as a two-byte string. Names stay as written (stack traces,
  // class names in messages); the source maps lead back to the sources.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: "none",
  logLevel: "warning",
  // CommonJS dependencies (fontkit) call require() for Node built-ins.
  banner: {
    js: 'import { createRequire as __ampfluxRequire } from "node:module"; const require = __ampfluxRequire(import.meta.url);',
  },
  plugins: [wasmLocation, fontLocation, englishZodLocales],
});
