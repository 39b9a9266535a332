import type { NetworkDocument } from "../network/index.ts";
import { numbersFromIds } from "./labels.ts";

/**
 * PSS/E bus numbers for the document's buses: the numbers in "bus101"-style ids (as the PSS/E
 * importer writes them) or in plain numeric ids (MATPOWER's), else 1, 2, … in document order.
 */
export function busNumbers(doc: NetworkDocument): Map<string, number> {
  const ids = doc.buses.map((b) => b.id);
  return numbersFromIds(ids, ids.every((id) => /^bus\d+$/.test(id)) ? "bus" : "", 1);
}

/**
 * Two-character PSS/E identifiers (CKT, ID) unique per bus set: the one in an id the PSS/E
 * importer wrote (`prefix` + bus numbers + "_" + identifier, e.g. "line2_4_1"), else 1, 2, ….
 */
export class Identifiers {
  readonly #used = new Map<string, Set<string>>();

  next(id: string, prefix: string, buses: readonly number[]): string {
    const key = buses.join(" ");
    const used = this.#used.get(key) ?? new Set<string>();
    this.#used.set(key, used);
    const stem = `${prefix}${buses.join("_")}_`;
    const own = id.startsWith(stem) ? id.slice(stem.length) : undefined;
    let chosen =
      own !== undefined && own.length <= 2 && /^[\w]+$/.test(own) && !used.has(own) ? own : undefined;
    for (let n = 1; chosen === undefined; n++) if (!used.has(String(n))) chosen = String(n);
    used.add(chosen);
    return chosen;
  }
}

/** The bus order an importer-written id gives ("trafo5_1_1" → [5, 1]), when it names these buses. */
export function orderFromId(id: string, prefix: string, buses: readonly number[]): number[] | undefined {
  const match = new RegExp(`^${prefix}((?:\\d+_){${buses.length}})`).exec(id);
  if (!match?.[1]) return undefined;
  const order = match[1].split("_").filter(Boolean).map(Number);
  const same = [...order].sort((a, b) => a - b).join() === [...buses].sort((a, b) => a - b).join();
  return same ? order : undefined;
}

/** A quoted PSS/E string: at most `width` characters, no quote inside. */
export function quoted(text: string | undefined, width = 12): string {
  return `'${(text ?? "").replace(/'/g, '"').slice(0, width)}'`;
}
