// Test helpers shared by the packages' tests ("@ampflux/contracts/testing"); not for product code.

export * from "./annex-d.ts";
export * from "./arc-flash.ts";
export * from "./cdf-writer.ts";
export * from "./networks.ts";
export * from "./pandapower.ts";
export * from "./random.ts";
export * from "./results.ts";
