import { useMutation, useQueryClient } from "@tanstack/react-query";
import { trpc } from "../trpc.ts";

/** simulations.run from a form: the list refreshed and the new study opened once it is queued. */
export function useRunStudy(onQueued: (simulationId: string) => void) {
  const queryClient = useQueryClient();
  return useMutation(
    trpc.simulations.run.mutationOptions({
      onSuccess: async (started) => {
        await queryClient.invalidateQueries({ queryKey: trpc.simulations.list.pathKey() });
        onQueued(started.id);
      },
    }),
  );
}
