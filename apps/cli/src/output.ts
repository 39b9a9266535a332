import { writeFile } from "node:fs/promises";
import { inputError } from "./errors.ts";

/** A note for the person at the terminal: stderr, so stdout stays what scripts read. */
export const note = (line: string) => process.stderr.write(`${line}\n`);

/** A command's result: to stdout, or to `out` (with a note saying so). */
export async function writeResult(text: string, out: string | undefined): Promise<void> {
  if (out === undefined) {
    process.stdout.write(text);
    return;
  }
  try {
    await writeFile(out, text);
  } catch (error) {
    throw inputError(`cannot write ${out}: ${(error as Error).message}`);
  }
  note(`wrote ${out}`);
}
