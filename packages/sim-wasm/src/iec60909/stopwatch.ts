// Wall time per phase of a study, summed when a phase runs more than once (`timings` of a result).

export class Stopwatch {
  readonly timings: Record<string, number> = {};
  #last = performance.now();

  /** Charges the time since the previous lap to `phase`. */
  lap(phase: string): void {
    const now = performance.now();
    this.timings[phase] = (this.timings[phase] ?? 0) + (now - this.#last);
    this.#last = now;
  }
}
