// Structured JSON logs, one object per line, filtered by level.
import { writeSync } from "node:fs";

export type LogLevel = "debug" | "info" | "warn" | "error";
export type Logger = Record<LogLevel, (message: string, fields?: Record<string, unknown>) => void>;

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * Lines for stdout, written together once per turn of the event loop instead of one write per
 * line: stdout is a pipe under a process manager, and writes to pipes are synchronous on Linux,
 * so a line per request was a blocking system call on every request. Whatever is still pending
 * when the process exits is written then.
 */
let pending: string[] = [];
let exitHooked = false;
function writeBatched(line: string): void {
  if (!exitHooked) {
    exitHooked = true;
    process.once("exit", () => {
      if (pending.length > 0) writeSync(1, `${pending.join("\n")}\n`);
      pending = [];
    });
  }
  if (pending.push(line) === 1) setImmediate(flushBatched);
}
function flushBatched(): void {
  if (pending.length === 0) return;
  const text = `${pending.join("\n")}\n`;
  pending = [];
  process.stdout.write(text);
}

export function createLogger(level: LogLevel, service: string, write?: (line: string) => void): Logger {
  const out = write ?? writeBatched;
  const at =
    (lvl: LogLevel) =>
    (message: string, fields: Record<string, unknown> = {}) => {
      if (rank[lvl] < rank[level]) return;
      out(JSON.stringify({ time: new Date().toISOString(), level: lvl, service, message, ...fields }));
    };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}
