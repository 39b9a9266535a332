/** What an importer did with every part of its input: nothing is dropped or invented silently. */
export interface ImportReport {
  source: string;
  mapped: { from: string; to: string; count: number }[];
  /** A value the source did not provide; `value: null` means the field was left unset. */
  defaulted: { field: string; value: number | string | boolean | null; count: number; why: string }[];
  /** Source values changed to fit the document's physics rules; `ids` names the first few. */
  adjusted: { field: string; count: number; ids: string[]; why: string }[];
  dropped: { item: string; count: number; why: string }[];
}

const LISTED_IDS = 10;

/** Accumulates per-element events into counted report entries. */
export class ImportReportBuilder {
  readonly #report: ImportReport;

  constructor(source: string) {
    this.#report = { source, mapped: [], defaulted: [], adjusted: [], dropped: [] };
  }

  mapped(from: string, to: string, count: number): void {
    if (count <= 0) return;
    const entry = this.#report.mapped.find((m) => m.from === from && m.to === to);
    if (entry) entry.count += count;
    else this.#report.mapped.push({ from, to, count });
  }

  defaulted(field: string, value: number | string | boolean | null, why: string, count = 1): void {
    if (count === 0) return;
    const entry = this.#report.defaulted.find((d) => d.field === field && d.value === value);
    if (entry) entry.count += count;
    else this.#report.defaulted.push({ field, value, count, why });
  }

  adjusted(field: string, id: string, why: string): void {
    const entry = this.#report.adjusted.find((a) => a.field === field && a.why === why);
    if (!entry) this.#report.adjusted.push({ field, count: 1, ids: [id], why });
    else if (++entry.count <= LISTED_IDS) entry.ids.push(id);
  }

  dropped(item: string, count: number, why: string): void {
    if (count <= 0) return;
    const entry = this.#report.dropped.find((d) => d.item === item && d.why === why);
    if (entry) entry.count += count;
    else this.#report.dropped.push({ item, count, why });
  }

  build(): ImportReport {
    return structuredClone(this.#report);
  }
}
