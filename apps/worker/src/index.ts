export { loadWorkerSettings, type WorkerSettings, workerSettingsSchema } from "./settings.ts";
export { type RunningWorker, startWorker } from "./worker.ts";
