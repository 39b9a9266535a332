export * from "./matpower/index.ts";
export type { ImportReport } from "./report.ts";
