import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  importMatpower,
  importNetworkFile,
  importPandapower,
  importPsse,
  MatpowerParseError,
  NetworkFileError,
  PandapowerParseError,
  PsseParseError,
} from "../src/importers/index.ts";

/** Fixed seed and run count: a failure reproduces, and the suite's time stays bounded. */
const RUNS = { numRuns: 300, seed: 60909 };
/** Every parser is one pass over its input, so a hang shows up as this timeout. */
const TIMEOUT_MS = 60_000;

const read = (url: string) => readFileSync(new URL(url, import.meta.url), "utf8");
const MATPOWER_SEEDS = [
  read("../../../../shared/data/matpower/case9.m"),
  read("../../../../shared/data/matpower/case14.m"),
];
const PSSE_SEEDS = ["IEEE14_PTIv33_rated", "kundur-twoarea_v33", "three-winding_v33"].map((name) =>
  read(`fixtures/psse/${name}.raw`),
);
const PANDAPOWER_SEEDS = [read("fixtures/pandapower/IEC60909-4_example.json")];

/** Tokens that tend to break parsers: separators, quotes, markers, non-finite and huge numbers. */
const GARBAGE = [
  "",
  "0",
  "-1",
  "1e999",
  "NaN",
  "nan",
  "-Inf",
  "'",
  '"',
  "[",
  "]",
  "{",
  "}",
  "/",
  ",",
  ";",
  "%",
  "Q",
  "null",
  "true",
  "\u0000",
  "9".repeat(30),
];

type Mutation =
  | { kind: "delete" | "duplicate" | "truncate"; at: number }
  | { kind: "token"; at: number; token: number; text: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom("delete", "duplicate", "truncate"), at: fc.nat() }),
  fc.record({
    kind: fc.constant("token"),
    at: fc.nat(),
    token: fc.nat(),
    text: fc.oneof(fc.constantFrom(...GARBAGE), fc.string({ maxLength: 6 })),
  }),
) as fc.Arbitrary<Mutation>;

const SEPARATORS = /([\s,;:[\]{}]+)/;

/** Applies line and token mutations to a valid file, so that most inputs are almost valid. */
function mutate(text: string, mutations: Mutation[]): string {
  let lines = text.split("\n");
  for (const m of mutations) {
    const i = m.at % lines.length;
    const line = lines[i] ?? "";
    if (m.kind === "token") {
      const parts = line.split(SEPARATORS);
      const words = Math.ceil(parts.length / 2);
      parts[2 * (m.token % words)] = m.text;
      lines[i] = parts.join("");
    } else if (m.kind === "delete") lines.splice(i, 1);
    else if (m.kind === "duplicate") lines.splice(i, 0, line);
    else lines = [...lines.slice(0, i), line.slice(0, m.at % (line.length + 1))];
    if (lines.length === 0) lines = [""];
  }
  return lines.join("\n");
}

/** A file built from a valid seed with up to four mutations, or plain garbage. */
function inputs(seeds: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    fc
      .tuple(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 4 }))
      .map(([seed, ms]) => mutate(seed, ms)),
    fc.string({ maxLength: 2_000 }),
    fc.string({ maxLength: 200, unit: "binary" }),
    fc
      .array(fc.constantFrom(...GARBAGE, "\n", " ", "mpc.bus = [", "0, 100, 33", '{"bus":'), {
        maxLength: 200,
      })
      .map((t) => t.join("")),
  );
}

/** A value written into one cell of a pandapower table: wrong types, non-finite and edge numbers. */
const cellValue = fc.oneof(
  fc.constantFrom(null, true, false, -1, 0, 1e308, "", "nan", "x", "True", [], {}),
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 5 }),
);
interface CellMutation {
  table: number;
  row: number;
  column: number;
  value: unknown;
}
const cellMutation: fc.Arbitrary<CellMutation> = fc.record({
  table: fc.nat(),
  row: fc.nat(),
  column: fc.nat(),
  value: cellValue,
});

/** Overwrites cells inside the frames of a pandapower file, so that its JSON stays valid. */
function mutateCells(text: string, cells: CellMutation[]) {
  // The seed has Python's NaN outside strings; JSON.parse needs null instead.
  const net = JSON.parse(text.replace(/: NaN/g, ": null"));
  const tables = Object.keys(net).filter((key) => net[key]?._class === "DataFrame");
  for (const cell of cells) {
    const table = net[tables[cell.table % tables.length] ?? ""];
    const frame = JSON.parse(table._object);
    const row = frame.data[cell.row % Math.max(frame.data.length, 1)];
    if (!row) continue;
    row[cell.column % row.length] = cell.value;
    table._object = JSON.stringify(frame);
  }
  return JSON.stringify(net);
}

/**
 * The import either succeeds or fails with the importer's error class and a 1-based line inside
 * the text; any other exception fails the property. Returns the error, if any.
 */
function importOrLocatedError(run: () => unknown, errorClass: new (...args: never[]) => Error, text: string) {
  try {
    run();
    return undefined;
  } catch (error) {
    if (!(error instanceof errorClass)) throw error;
    const { line } = error as Error & { line?: unknown };
    const lineCount = text.split(/\r\n|\r|\n/).length;
    if (typeof line !== "number" || !Number.isInteger(line) || line < 1 || line > lineCount) {
      throw new Error(`line ${String(line)} is not inside the ${lineCount}-line text: ${error.message}`);
    }
    expect(error.message).not.toBe("");
    return error;
  }
}

describe("parsers on garbage and mutated files (fast-check)", () => {
  const PARSERS = [
    { format: "MATPOWER", seeds: MATPOWER_SEEDS, run: importMatpower, errorClass: MatpowerParseError },
    { format: "PSS/E", seeds: PSSE_SEEDS, run: importPsse, errorClass: PsseParseError },
    {
      format: "pandapower",
      seeds: PANDAPOWER_SEEDS,
      run: importPandapower,
      errorClass: PandapowerParseError,
    },
  ];

  it.each(PARSERS)(
    "$format: imports or throws $errorClass.name with a line",
    ({ seeds, run, errorClass }) => {
      fc.assert(
        fc.property(inputs(seeds), (text) => {
          importOrLocatedError(() => run(text), errorClass, text);
        }),
        RUNS,
      );
    },
    TIMEOUT_MS,
  );

  it(
    "pandapower: wrong values in valid JSON throw PandapowerParseError naming the field",
    () => {
      const mutated = fc
        .array(cellMutation, { minLength: 1, maxLength: 3 })
        .map((cells) => mutateCells(PANDAPOWER_SEEDS[0] ?? "", cells));
      fc.assert(
        fc.property(mutated, (text) => {
          const error = importOrLocatedError(() => importPandapower(text), PandapowerParseError, text);
          if (error) expect((error as PandapowerParseError).field).toMatch(/\w/);
        }),
        RUNS,
      );
    },
    TIMEOUT_MS,
  );

  it(
    "importNetworkFile: any file name and text imports or throws NetworkFileError",
    () => {
      const name = fc.constantFrom("case.m", "case.raw", "net.json", "net.txt", "");
      fc.assert(
        fc.property(name, inputs([...MATPOWER_SEEDS, ...PSSE_SEEDS]), (fileName, text) => {
          try {
            importNetworkFile(fileName, text);
          } catch (error) {
            expect(error).toBeInstanceOf(NetworkFileError);
          }
        }),
        RUNS,
      );
    },
    TIMEOUT_MS,
  );
});
