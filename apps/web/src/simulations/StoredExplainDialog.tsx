import { skipToken, useQuery } from "@tanstack/react-query";
import { ExplanationView } from "../results/ExplanationView.tsx";
import { trpc } from "../trpc.ts";
import { Dialog } from "../ui/Dialog.tsx";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { Loading } from "../ui/Loading.tsx";

/** "Why this number" for a bus of a stored short-circuit study: its version and options, by the api. */
export function StoredExplainDialog({
  projectId,
  simulationId,
  bus,
  onClose,
}: {
  projectId: string;
  simulationId: string;
  bus: string | null;
  onClose(): void;
}) {
  const explanation = useQuery(
    trpc.simulations.explain.queryOptions(bus === null ? skipToken : { projectId, simulationId, bus }),
  );
  return (
    <Dialog title={`Why this number: bus ${bus ?? ""}`} open={bus !== null} onClose={onClose}>
      {explanation.isPending && <Loading label="Explaining…" />}
      {explanation.isError && <ErrorMessage error={explanation.error} />}
      {explanation.data && <ExplanationView e={explanation.data} />}
    </Dialog>
  );
}
