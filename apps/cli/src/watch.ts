import type { Api } from "./client.ts";
import type { ProgressState } from "./progress-bar.ts";

/** Follows a study over the progress subscription until it ends; resolves with its last state. */
export function watchStudy(
  api: Api,
  projectId: string,
  simulationId: string,
  onState: (state: ProgressState) => void,
): Promise<ProgressState> {
  return new Promise((resolve, reject) => {
    let last: ProgressState | undefined;
    const subscription = api.simulations.progress.subscribe(
      { projectId, simulationId },
      {
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
          else reject(new Error("the progress stream ended before the study's state"));
        },
      },
    );
  });
}
