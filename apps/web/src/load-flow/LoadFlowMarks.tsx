import { ColourMark } from "../editor/canvas/ColourMark.tsx";
import { LOAD_FLOW_BAND_LABELS } from "../results/load-flow.ts";
import {
  branchFlowLines,
  formatLoading,
  formatVa,
  formatVm,
  type LoadFlowBranchBadge,
  type LoadFlowBusBadge,
} from "./decorations.ts";
import "./load-flow.css";

/** A bus's voltage next to its label: "1.0258 pu ∠ -2.22°", coloured by its violation. */
export function BusVoltageMark({ id, badge }: { id: string; badge: LoadFlowBusBadge }) {
  const { vmPu, vaDegree } = badge;
  const text =
    vmPu === null || vaDegree === null
      ? badge.type === "out-of-service"
        ? "out of service"
        : "unsupplied"
      : `${formatVm(vmPu)} pu ∠ ${formatVa(vaDegree)}°`;
  return (
    <span
      className="lf-mark"
      data-testid={`lf-bus-${id}`}
      data-band={badge.band}
      data-type={badge.type}
      style={{ background: badge.colour }}
      title={`Load flow: ${badge.type} bus, ${badge.vmPu === null ? "no voltage" : LOAD_FLOW_BAND_LABELS[badge.band]}`}
    >
      {text}
    </span>
  );
}

/**
 * A branch's loading next to its label (P and Q at each end in its tooltip), and the flows under
 * it while the branch is selected.
 */
export function BranchLoadingMark({
  id,
  badge,
  selected,
}: {
  id: string;
  badge: LoadFlowBranchBadge;
  selected: boolean;
}) {
  const flows = branchFlowLines(badge.rows);
  return (
    <>
      <span data-testid={`lf-branch-${id}`} data-band={badge.band}>
        <ColourMark testId={`lf-loading-${id}`} colour={badge.colour} title={flows.join("\n")}>
          {badge.loadingPercent === null ? "no rating" : `${formatLoading(badge.loadingPercent)} %`}
        </ColourMark>
      </span>
      {selected && (
        <span className="lf-flows" data-testid={`lf-flows-${id}`}>
          {flows.map((line) => (
            <span key={line}>{line}</span>
          ))}
        </span>
      )}
    </>
  );
}
