// Structured JSON logs on pino, one object per line, filtered by level. The call shape stays ours
// (`log.info("message", { fields })`) so that call sites read as before and a field can never
// be mistaken for the message; pino does the formatting, the level check and the writing.
import pino from "pino";

export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFields = Record<string, unknown>;
export type Logger = Record<LogLevel, (message: string, fields?: LogFields) => void> & {
  /** A logger whose every line also carries `bindings` (pino child logger: bound once, not per line). */
  child(bindings: LogFields): Logger;
  /** Whether lines of `level` are written: lets a caller skip building fields nobody reads. */
  isEnabled(level: LogLevel): boolean;
};

/**
 * stdout through pino's asynchronous destination (sonic-boom): a line is queued, not written
 * during the request (stdout under a process manager is a pipe, where each write is a blocking
 * system call); lines queued while a write is in flight go out together in the next one. No
 * minimum batch size: a quiet process's lines ("api listening") still appear at once. pino
 * flushes what is left when the process exits.
 */
function stdoutDestination(): pino.DestinationStream {
  return pino.destination({ dest: 1, sync: false });
}

function wrap(base: pino.Logger): Logger {
  const at =
    (level: LogLevel) =>
    (message: string, fields?: LogFields): void => {
      // The message goes in the merged object, ahead of the fields: pino would print its own
      // message key last, and lines read `"message":"…"` first (tests and greps match on that).
      base[level](fields ? { message, ...fields } : { message });
    };
  return {
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    child: (bindings) => wrap(base.child(bindings)),
    isEnabled: (level) => base.isLevelEnabled(level),
  };
}

/**
 * Lines as `{ "level": "info", "time": "<ISO 8601>", "service": …, "message": …, …fields }`:
 * level as a name and time as ISO text (what log shippers and docs/operations.md expect), not
 * pino's numbers. `write` receives each line instead of stdout (tests read them).
 */
export function createLogger(level: LogLevel, service: string, write?: (line: string) => void): Logger {
  const destination = write ? { write } : stdoutDestination();
  return wrap(
    pino(
      {
        level,
        base: { service },
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
      },
      destination,
    ),
  );
}
