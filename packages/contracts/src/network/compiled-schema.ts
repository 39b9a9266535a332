// The network document schema, compiled ahead of time by zod's own compiler (zod ≥ 4.6,
// `compileFn`/`compile` in zod/v4/core): generated functions check and copy the document, one
// per element kind, where the ordinary parser walks ~40,000 elements through its generic
// per-node machinery. On
// case9241pegase that pass was the largest single cost of a one-shot `ampflux study` and
// `ampflux loadflow` (docs/performance.md, "Cold command-line runs").
//
// Same answers by construction: the compiled function only ever accepts, and anything it does
// not accept (or a schema feature it cannot model) goes to the ordinary parser, so errors keep
// the runtime's paths and messages. test/network-compiled-schema.test.ts compares both on every
// shared MATPOWER case and on refused documents.

import { z } from "zod";
import { compile, compileFn, globalConfig, INVALID, withParser } from "zod/v4/core";
import { networkDocumentSchema } from "./document.ts";
import { ELEMENT_COLLECTIONS } from "./topology.ts";

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

type Collection = (typeof ELEMENT_COLLECTIONS)[number];
type Parser = (input: unknown) => unknown;

/**
 * zod's generated parser for `schema` alone (what compile() installs as the fast path): the
 * parsed value, or INVALID where the runtime must answer. Throws where zod cannot generate one.
 * compile() would also generate an assert-only validator per schema, which nothing here uses.
 */
const fastPath = (schema: z.ZodType): Parser => compileFn(schema);

/**
 * The document's parser as one compiled function per element kind plus one for the document's
 * own fields, not one function for the whole document. In a one-shot process (`ampflux study`)
 * V8 runs generated code in its interpreter until it is called often enough to be optimized: a
 * function called once per element gets there after a few hundred elements, while the single
 * whole-document function stayed cold through most of its one call (case9241pegase's first
 * validation took about a third less time, docs/performance.md). The answer is the same: every part is
 * zod's own compiled code for the same schema, and any element it does not accept sends the
 * whole document to the ordinary parser, which reports the refusal.
 */
export function perElementParser(): Parser {
  const shape = networkDocumentSchema.shape;
  const elements = {} as Record<Collection, Parser>;
  const anyRows = {} as Record<Collection, z.ZodType>;
  for (const collection of ELEMENT_COLLECTIONS) {
    const rows = shape[collection];
    const array = rows.unwrap();
    // Checks on the array itself (a length limit) would be skipped below: keep them whole.
    if (!(rows instanceof z.ZodDefault) || (array.def.checks?.length ?? 0) > 0)
      throw new Error(`${collection}: not a plain array with a default`);
    elements[collection] = fastPath(array.element as z.ZodType);
    anyRows[collection] = z.array(z.unknown()).default([]);
  }
  // The document's own fields (strict, so unknown keys are refused) with each element array
  // copied as it is; its elements are parsed next.
  const head = fastPath(networkDocumentSchema.extend(anyRows));
  return (input) => {
    const document = head(input) as Record<string, unknown> | typeof INVALID;
    if (document === INVALID) return INVALID;
    for (const collection of ELEMENT_COLLECTIONS) {
      const rows = document[collection] as unknown[];
      const parse = elements[collection];
      const parsed = new Array<unknown>(rows.length);
      for (let i = 0; i < rows.length; i++) {
        const element = parse(rows[i]);
        if (element === INVALID) return INVALID;
        parsed[i] = element;
      }
      document[collection] = parsed;
    }
    return document;
  };
}

/**
 * The compiled clone, made on first use (compiling costs a few ms). Where code generation is
 * not allowed (zod's `jitless`, or a page whose content security policy forbids `new Function`)
 * the ordinary schema is used.
 */
export function compiledNetworkDocumentSchema(): typeof networkDocumentSchema {
  if (compiled) return compiled;
  if (globalConfig.jitless) compiled = networkDocumentSchema;
  else {
    try {
      compiled = withParser(networkDocumentSchema, perElementParser() as never);
    } catch {
      // A part zod cannot compile: the whole document as one function (or, failing that, as it is).
      compiled = compile(networkDocumentSchema);
    }
  }
  return compiled;
}
