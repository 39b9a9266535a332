export * from "./client.ts";
export * from "./equipment-types.ts";
export * from "./features.ts";
export * from "./migrate.ts";
export * from "./notifications.ts";
export * as schema from "./schema/index.ts";
export * from "./schema/index.ts";
export * from "./simulations.ts";
export * from "./url.ts";
