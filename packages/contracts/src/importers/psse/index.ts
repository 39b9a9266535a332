export * from "./errors.ts";
export * from "./import.ts";
export * from "./options.ts";
