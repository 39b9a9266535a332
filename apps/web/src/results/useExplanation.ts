import type { BusResultExplanation, EquipmentType } from "@ampflux/contracts";
import { useEffect, useState } from "react";
import type { EditorDocument } from "../editor/model/document.ts";
import type { ExplainEngineRequest, ExplainEngineResponse, LiveStudyOptions } from "./protocol.ts";
import { useEngineWorker } from "./useEngineWorker.ts";

export type Explanation =
  | { status: "computing" }
  | { status: "done"; explanation: BusResultExplanation }
  | { status: "error"; message: string };

/**
 * "Why this number" for `bus` of the live study (null: none asked), computed by the engine in
 * its own Web Worker from the same document and options as the live results.
 */
export function useExplanation(
  bus: string | null,
  document: EditorDocument,
  options: LiveStudyOptions,
  companyTypes: EquipmentType[],
): Explanation {
  const [state, setState] = useState<Explanation>({ status: "computing" });
  const { post } = useEngineWorker<ExplainEngineRequest, ExplainEngineResponse>(
    bus !== null,
    (answer) =>
      setState(
        answer.ok
          ? { status: "done", explanation: answer.explanation }
          : { status: "error", message: answer.message },
      ),
    (message) => setState({ status: "error", message }),
  );
  useEffect(() => {
    if (bus === null) return;
    setState({ status: "computing" });
    post({ document, options, companyTypes, explain: bus });
  }, [bus, document, options, companyTypes, post]);
  return state;
}
