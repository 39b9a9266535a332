export * from "./label.ts";
export * from "./ppe.ts";
export * from "./results.ts";
export * from "./typical-values.ts";
