export * from "./ai.ts";
export * from "./audit.ts";
export * from "./auth.ts";
export * from "./companies.ts";
export * from "./projects.ts";
export * from "./simulations.ts";
export * from "./worker-processes.ts";
