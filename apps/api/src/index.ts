// What other packages may import from the api: its router type (for end-to-end types) and
// the server entry points used by the start script and tests.
export type { AppRouter } from "./routers/index.ts";
export { API_VERSION, type RunningApi, startApi } from "./server.ts";
export { type ApiSettings, apiSettingsSchema, loadApiSettings } from "./settings.ts";
