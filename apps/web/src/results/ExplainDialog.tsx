import type { EquipmentType } from "@ampflux/contracts";
import type { EditorDocument } from "../editor/model/document.ts";
import { Dialog } from "../ui/Dialog.tsx";
import { Loading } from "../ui/Loading.tsx";
import { ExplanationView } from "./ExplanationView.tsx";
import type { LiveStudyOptions } from "./protocol.ts";
import { useExplanation } from "./useExplanation.ts";

/** "Why this number" for a bus of the live study, computed by the engine on opening. */
export function ExplainDialog({
  bus,
  document,
  options,
  companyTypes,
  onClose,
}: {
  bus: string | null;
  document: EditorDocument;
  options: LiveStudyOptions;
  companyTypes: EquipmentType[];
  onClose(): void;
}) {
  const state = useExplanation(bus, document, options, companyTypes);
  return (
    <Dialog title={`Why this number: bus ${bus ?? ""}`} open={bus !== null} onClose={onClose}>
      {state.status === "computing" && <Loading label="Explaining…" />}
      {state.status === "error" && (
        <p className="alert" role="alert">
          No explanation: {state.message}
        </p>
      )}
      {state.status === "done" && <ExplanationView e={state.explanation} />}
    </Dialog>
  );
}
