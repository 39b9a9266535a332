// A zip archive written file by file (fflate's streaming Zip, deflated), yielding to the event
// loop between files so a large company export does not stall the worker's other jobs and
// heartbeats. Every file the archive holds is listed, for the manifest.

import { setImmediate } from "node:timers/promises";
import { Zip, ZipDeflate } from "fflate";

export class ZipWriter {
  private readonly paths = new Set<string>();
  private readonly chunks: Uint8Array[] = [];
  private readonly zip: Zip;
  private failure: Error | undefined;
  private ended: Promise<void>;

  constructor() {
    let resolveEnd: () => void = () => {};
    this.ended = new Promise((resolve) => {
      resolveEnd = resolve;
    });
    this.zip = new Zip((error, chunk, final) => {
      if (error) this.failure = error;
      else this.chunks.push(chunk);
      if (final || error) resolveEnd();
    });
  }

  /** Adds one file; text is written as UTF-8. Paths are unique (the caller names them so). */
  async add(path: string, content: string | Uint8Array): Promise<void> {
    if (this.paths.has(path)) throw new Error(`the archive already has ${path}`);
    const file = new ZipDeflate(path, { level: 6 });
    this.zip.add(file);
    file.push(typeof content === "string" ? new TextEncoder().encode(content) : content, true);
    this.paths.add(path);
    if (this.failure) throw this.failure;
    await setImmediate();
  }

  /** The paths added so far, in order. */
  get files(): string[] {
    return [...this.paths];
  }

  /** JSON, indented, with a final line break. */
  addJson(path: string, value: unknown): Promise<void> {
    return this.add(path, `${JSON.stringify(value, null, 2)}\n`);
  }

  /** Ends the archive and returns its bytes. */
  async finish(): Promise<Uint8Array> {
    this.zip.end();
    await this.ended;
    if (this.failure) throw this.failure;
    const size = this.chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
    const bytes = new Uint8Array(size);
    let offset = 0;
    for (const chunk of this.chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return bytes;
  }
}

/** A path segment from free text: letters, digits, dots and dashes, never empty. */
export function pathSegment(text: string, fallback: string): string {
  return (
    text
      .normalize("NFKD")
      .replace(/[^\w.-]+/g, "-")
      .replace(/^[-.]+|-+$/g, "")
      .slice(0, 60) || fallback
  );
}
