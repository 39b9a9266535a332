// The network document schema, compiled ahead of time by zod's own compiler (zod ≥ 4.6,
// `compile` in zod/v4/core): one generated function checks and copies a whole document, where
// the ordinary parser walks ~40,000 elements through its generic per-node machinery. On
// case9241pegase that pass was the largest single cost of a one-shot `ampflux study` and
// `ampflux loadflow` (docs/performance.md, "Cold command-line runs").
//
// Same answers by construction: the compiled function only ever accepts, and anything it does
// not accept (or a schema feature it cannot model) goes to the ordinary parser, so errors keep
// the runtime's paths and messages. test/network-compiled-schema.test.ts compares both on every
// shared MATPOWER case and on refused documents.

import { compile, globalConfig } from "zod/v4/core";
import { networkDocumentSchema } from "./document.ts";

let compiled: typeof networkDocumentSchema | undefined;

/**
 * Below this many elements the ordinary parser is used: generating the compiled function costs
 * more (a few tens of ms on first use) than it saves on a small network.
 */
export const COMPILED_SCHEMA_MIN_ELEMENTS = 2_000;

/** Elements in a (not yet validated) document: the lengths of its top-level arrays. */
function elementCount(input: unknown): number {
  if (typeof input !== "object" || input === null) return 0;
  let count = 0;
  for (const value of Object.values(input)) if (Array.isArray(value)) count += value.length;
  return count;
}

/** The schema to parse `input` with: the compiled clone for large documents, else the ordinary one. */
export function documentSchemaFor(input: unknown): typeof networkDocumentSchema {
  return elementCount(input) >= COMPILED_SCHEMA_MIN_ELEMENTS
    ? compiledNetworkDocumentSchema()
    : networkDocumentSchema;
}

/**
 * The compiled clone, made on first use (compiling costs a few ms). Where code generation is
 * not allowed (zod's `jitless`, or a page whose content security policy forbids `new Function`)
 * the ordinary schema is used.
 */
export function compiledNetworkDocumentSchema(): typeof networkDocumentSchema {
  if (compiled) return compiled;
  try {
    compiled = globalConfig.jitless ? networkDocumentSchema : compile(networkDocumentSchema);
  } catch {
    compiled = networkDocumentSchema;
  }
  return compiled;
}
