export * from "../exporters/index.ts";
export * from "./cdf/index.ts";
export * from "./file.ts";
export * from "./matpower/index.ts";
export * from "./pandapower/index.ts";
export * from "./psse/index.ts";
export type { ImportReport } from "./report.ts";
