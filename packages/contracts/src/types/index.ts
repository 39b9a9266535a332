export * from "./apply.ts";
export * from "./builtin.ts";
export { IEC_SWITCHGEAR_SOURCE, lowVoltagePeakFactor, R10_KA } from "./builtin-switchgear.ts";
export * from "./schema.ts";
