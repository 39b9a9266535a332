export * from "./accounts.ts";
export * from "./health.ts";
export * from "./network/index.ts";
export * from "./settings.ts";
export * from "./versions.ts";
