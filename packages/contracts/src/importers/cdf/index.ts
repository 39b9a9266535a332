export * from "./errors.ts";
export * from "./import.ts";
