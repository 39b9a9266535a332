import type { Api } from "./client.ts";
import type { ProgressState } from "./progress-bar.ts";

interface ProgressHandlers {
  onData(state: ProgressState): void;
  onError(error: unknown): void;
  onComplete(): void;
}

/**
 * Follows a job's progress subscription (a study's or a report's) until the stream ends;
 * resolves with its last state. `what` names the job in the error of a stream that ends empty.
 */
export function followProgress(
  subscribe: (handlers: ProgressHandlers) => { unsubscribe(): void },
  what: string,
  onState: (state: ProgressState) => void,
): Promise<ProgressState> {
  return new Promise((resolve, reject) => {
    let last: ProgressState | undefined;
    const subscription = subscribe({
      onData(state) {
        last = state;
        onState(state);
      },
      onError(error) {
        subscription.unsubscribe();
        reject(error);
      },
      onComplete() {
        if (last) resolve(last);
        else reject(new Error(`the progress stream ended before the ${what}'s state`));
      },
    });
  });
}

/** Follows a study over the progress subscription until it ends; resolves with its last state. */
export function watchStudy(
  api: Api,
  projectId: string,
  simulationId: string,
  onState: (state: ProgressState) => void,
): Promise<ProgressState> {
  return followProgress(
    (handlers) => api.simulations.progress.subscribe({ projectId, simulationId }, handlers),
    "study",
    onState,
  );
}
