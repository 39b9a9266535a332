// Typed errors of the sparse solver. The Rust side reports a numeric code (rust/src/error.rs),
// the column (bus index, 0-based) it concerns and a message; this turns them into a SimError.

import type { SimExports } from "./loader.ts";

/** Index = numeric code of `ErrorCode` in rust/src/error.rs. */
const CODES = [
  "unknown",
  "invalid-input",
  "non-finite",
  "structurally-singular",
  "numerically-singular",
  "invalid-handle",
  "not-factorized",
  "out-of-memory",
] as const;

export type SimErrorCode = (typeof CODES)[number];

export class SimError extends Error {
  override name = "SimError";
  readonly code: SimErrorCode;
  /** The column (bus index, 0-based) the error refers to, when there is one. */
  readonly column: number | undefined;

  constructor(code: SimErrorCode, message: string, column?: number) {
    super(column === undefined ? message : `${message} [column ${column}]`);
    this.code = code;
    this.column = column;
  }
}

/** Reads the error the last failing call left in Rust. */
export function lastError(sim: SimExports): SimError {
  const code = CODES[sim.ampflux_error_code()] ?? "unknown";
  const column = sim.ampflux_error_column();
  const bytes = new Uint8Array(
    sim.memory.buffer,
    sim.ampflux_error_message_ptr(),
    sim.ampflux_error_message_len(),
  );
  return new SimError(code, new TextDecoder().decode(bytes), column >= 0 ? column : undefined);
}

/** Throws the pending Rust error when `status` is non-zero. */
export function check(sim: SimExports, status: number): void {
  if (status !== 0) throw lastError(sim);
}
