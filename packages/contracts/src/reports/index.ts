export * from "./methods.ts";
export * from "./model.ts";
export * from "./options.ts";
export * from "./revision.ts";
