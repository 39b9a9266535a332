// Where a command writes and what environment it sees: the process's own when run as `ampflux`,
// buffers and a chosen environment when a test runs main() in its own process.

import path from "node:path";

export interface Io {
  stdout: { write(text: string): unknown };
  /** isTTY and columns decide how the progress bar is drawn. */
  stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  env: NodeJS.ProcessEnv;
}

/** What a command prints: a whole text, or its pieces in order (prettyJsonPieces). */
export type StdoutText = string | Generator<string>;

export function writeStdout(io: Io, text: StdoutText): void {
  if (typeof text === "string") io.stdout.write(text);
  else for (const piece of text) io.stdout.write(piece);
}

export const processIo = (): Io => ({ stdout: process.stdout, stderr: process.stderr, env: process.env });

/**
 * A path the user typed, made absolute. `pnpm ampflux` and `pnpm sc` run in the repository root;
 * pnpm sets INIT_CWD to the directory the command was typed in, which is what the user meant.
 */
export const userPath = (io: Io, file: string) => path.resolve(io.env.INIT_CWD ?? process.cwd(), file);
