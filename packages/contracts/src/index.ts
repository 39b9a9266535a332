export * from "./health.ts";
export * from "./settings.ts";
