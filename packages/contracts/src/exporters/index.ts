export * from "./file.ts";
export * from "./matpower.ts";
export * from "./pandapower.ts";
export * from "./psse.ts";
