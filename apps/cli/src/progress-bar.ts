import type { Io } from "./io.ts";

const WIDTH = 30;

export interface ProgressState {
  status: string;
  progress: number;
  message: string | null;
}

/**
 * A study's progress on stderr: one line redrawn in place on a terminal, a line per change when
 * stderr is a file or pipe (logs of scripted runs).
 */
export function progressBar(stream: Io["stderr"]) {
  let last = "";
  return {
    update({ status, progress, message }: ProgressState): void {
      const done = Math.round(Math.min(Math.max(progress, 0), 1) * WIDTH);
      const percent = `${Math.round(progress * 100)}`.padStart(3);
      const line = `[${"#".repeat(done)}${"-".repeat(WIDTH - done)}] ${percent} % ${status}${message ? `: ${message}` : ""}`;
      if (line === last) return;
      last = line;
      if (stream.isTTY) stream.write(`\r${line.slice(0, (stream.columns ?? 80) - 1)}\x1b[K`);
      else stream.write(`${line}\n`);
    },
    /** Ends the redrawn line, so what follows starts on its own. */
    end(): void {
      if (stream.isTTY && last) stream.write("\n");
    },
  };
}
