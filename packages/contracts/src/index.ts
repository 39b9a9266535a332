export * from "./accounts.ts";
export * from "./assistant.ts";
export * from "./health.ts";
export * from "./network/index.ts";
export * from "./settings.ts";
export * from "./short-circuit.ts";
export * from "./versions.ts";
