export { loadWorkerSettings, type WorkerSettings, workerSettingsSchema } from "./settings.ts";
export { LoadFlowWorstCollector } from "./tasks/batch-load-flow.ts";
export { contingencyVariants } from "./tasks/batch-study.ts";
export { type RunningWorker, startWorker } from "./worker.ts";
