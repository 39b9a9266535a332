import { writeFile } from "node:fs/promises";
import { inputError } from "./errors.ts";
import { type Io, userPath } from "./io.ts";

/** A note for the person at the terminal: stderr, so stdout stays what scripts read. */
export const note = (io: Io, line: string) => io.stderr.write(`${line}\n`);

/** A command's result: to stdout, or to `out` (with a note saying so). */
export async function writeResult(io: Io, text: string, out: string | undefined): Promise<void> {
  if (out === undefined) {
    io.stdout.write(text);
    return;
  }
  try {
    await writeFile(userPath(io, out), text);
  } catch (error) {
    throw inputError(`cannot write ${out}: ${(error as Error).message}`);
  }
  note(io, `wrote ${out}`);
}
