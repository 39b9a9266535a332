import { PandapowerParseError } from "./errors.ts";
import {
  isObject,
  type JsonObject,
  JsonParser,
  JsonSyntaxError,
  type JsonValue,
  lineColumn,
} from "./json.ts";

export interface Position {
  line: number;
  column: number;
}

/** One pandas DataFrame of the network, decoded from its "split" orient JSON. */
export interface Frame {
  table: string;
  columns: string[];
  /** Row labels: pandapower element indices. */
  index: number[];
  rows: JsonValue[][];
  /** Where the frame's `_object` starts in the file: every error about its values points here. */
  position: Position;
}

/** The syntax of a pandapower file, before any meaning is given to it. */
export interface ParsedPandapower {
  form: "wrapped" | "flat";
  frames: Map<string, Frame>;
  /** Every other top-level member (f_hz, name, sn_mva, std_types, version, …). */
  members: Map<string, { value: JsonValue; position: Position }>;
  /** Position of the whole network object, for errors about something missing. */
  position: Position;
}

/** Own members only: a file's "constructor" or "__proto__" key must not reach Object.prototype. */
export function member(object: JsonObject, key: string): JsonValue | undefined {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** Parses JSON text into located values; nested JSON strings are located at their own start. */
class Scope {
  readonly #text: string;
  readonly #parser: JsonParser;
  readonly #base: Position | undefined;

  constructor(text: string, base?: Position) {
    this.#text = text;
    this.#parser = new JsonParser(text);
    this.#base = base;
  }

  parse(what: string): JsonValue {
    try {
      return this.#parser.parse();
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error;
      const inner = lineColumn(this.#text, error.offset);
      if (!this.#base) throw new PandapowerParseError(inner.line, inner.column, error.message);
      throw new PandapowerParseError(
        this.#base.line,
        this.#base.column,
        `${what} is not valid JSON (at its line ${inner.line}, column ${inner.column}): ${error.message}`,
        what,
      );
    }
  }

  at(object: JsonObject, key: string): Position {
    if (this.#base) return this.#base;
    const offset = this.#parser.positions.get(object)?.get(key) ?? 0;
    return lineColumn(this.#text, offset);
  }

  /** Position of an object value itself: the start of the member holding it, else line 1. */
  start(): Position {
    return this.#base ?? { line: 1, column: 1 };
  }
}

const FRAME_CLASSES = new Set(["DataFrame", "GeoDataFrame"]);

function isFrame(value: JsonValue | undefined): value is JsonObject {
  return isObject(value) && FRAME_CLASSES.has(String(member(value, "_class")));
}

function fail(position: Position, message: string, field?: string): never {
  throw new PandapowerParseError(position.line, position.column, message, field);
}

function integerLabel(label: JsonValue | undefined, position: Position, table: string): number {
  const value = typeof label === "string" && /^\d+$/.test(label) ? Number(label) : label;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    fail(position, `row label ${JSON.stringify(label)} is not a non-negative integer`, `${table}.index`);
  }
  return value;
}

/** A DataFrame in pandas' split orient: {"columns": [...], "index": [...], "data": [[...], ...]}. */
function splitFrame(table: string, body: JsonValue, position: Position): Frame {
  const field = `${table}._object`;
  if (!isObject(body)) fail(position, "a DataFrame's _object must hold columns, index and data", field);
  const columns = member(body, "columns");
  const index = member(body, "index") ?? [];
  const data = member(body, "data") ?? [];
  if (!Array.isArray(columns) || !columns.every((c) => typeof c === "string")) {
    fail(position, "columns must be a list of column names", `${table}.columns`);
  }
  if (!Array.isArray(index) || !Array.isArray(data) || index.length !== data.length) {
    fail(position, "index and data must be lists of the same length", `${table}.data`);
  }
  const labels = index.map((label) => integerLabel(label, position, table));
  if (new Set(labels).size !== labels.length) fail(position, "row labels must be unique", `${table}.index`);
  const rows = data.map((row, r) => {
    if (!Array.isArray(row) || row.length !== columns.length) {
      fail(position, `row ${labels[r]} must have ${columns.length} values`, `${table}[${labels[r]}]`);
    }
    return row;
  });
  return { table, columns: columns as string[], index: labels, rows, position };
}

/** geopandas writes a GeoDataFrame as a GeoJSON FeatureCollection; only point x/y are read. */
function geoFrame(table: string, body: JsonValue, position: Position): Frame {
  const features = isObject(body) ? member(body, "features") : undefined;
  if (!Array.isArray(features)) fail(position, "a GeoDataFrame must be a FeatureCollection", table);
  const index: number[] = [];
  const rows: JsonValue[][] = [];
  for (const feature of features) {
    if (!isObject(feature)) fail(position, "a feature must be an object", table);
    const properties = member(feature, "properties");
    const geometry = member(feature, "geometry");
    const coordinates = isObject(geometry) ? member(geometry, "coordinates") : undefined;
    const [px, py] = Array.isArray(coordinates) ? coordinates : [];
    const x = isObject(properties) ? (member(properties, "x") ?? px) : px;
    const y = isObject(properties) ? (member(properties, "y") ?? py) : py;
    index.push(integerLabel(member(feature, "id"), position, table));
    rows.push([x ?? null, y ?? null]);
  }
  return { table, columns: ["x", "y"], index, rows, position };
}

function decodeFrame(table: string, frame: JsonObject, scope: Scope, holder: JsonObject): Frame {
  const position = scope.at(holder, table);
  const raw = member(frame, "_object");
  const orient = member(frame, "orient");
  const className = member(frame, "_class");
  if (className === "DataFrame" && orient !== undefined && orient !== "split") {
    fail(position, `orient "${String(orient)}" is not supported, only "split"`, `${table}.orient`);
  }
  const objectPosition = isObject(raw) || typeof raw === "string" ? scope.at(frame, "_object") : position;
  const body =
    typeof raw === "string" ? new Scope(raw, objectPosition).parse(`${table}._object`) : (raw ?? null);
  return className === "GeoDataFrame"
    ? geoFrame(table, body, objectPosition)
    : splitFrame(table, body, objectPosition);
}

function collect(net: JsonObject, scope: Scope, form: ParsedPandapower["form"], position: Position) {
  const parsed: ParsedPandapower = { form, frames: new Map(), members: new Map(), position };
  for (const key of Object.keys(net)) {
    const value = member(net, key) ?? null;
    if (isFrame(value)) parsed.frames.set(key, decodeFrame(key, value, scope, net));
    else parsed.members.set(key, { value, position: scope.at(net, key) });
  }
  if (!parsed.frames.has("bus")) fail(position, "no bus table: this is not a pandapower network", "bus");
  return parsed;
}

/**
 * Reads pandapower's `to_json` output: either the wrapped form {"_module": "pandapower.auxiliary",
 * "_class": "pandapowerNet", "_object": {tables…}} (pandapower ≥ 2.1; older releases wrote the
 * object as a JSON string) or the older flat form whose top level holds the tables directly.
 */
export function parsePandapowerText(text: string): ParsedPandapower {
  const scope = new Scope(text);
  const root = scope.parse("file");
  if (!isObject(root)) fail({ line: 1, column: 1 }, "a pandapower network is a JSON object");
  if (member(root, "_class") === "pandapowerNet") {
    const inner = member(root, "_object");
    const position = scope.at(root, "_object");
    if (typeof inner === "string") {
      const nested = new Scope(inner, position);
      const net = nested.parse("_object");
      if (!isObject(net)) fail(position, "the pandapowerNet _object must be an object", "_object");
      return collect(net, nested, "wrapped", position);
    }
    if (!isObject(inner)) fail(position, "the pandapowerNet _object must be an object", "_object");
    return collect(inner, scope, "wrapped", position);
  }
  return collect(root, scope, "flat", scope.start());
}
