import { Handle, type NodeProps, Position } from "@xyflow/react";
import { memo } from "react";
import { BranchLoadingMark } from "../../load-flow/LoadFlowMarks.tsx";
import { type HandleSide, KINDS } from "../model/catalog.ts";
import { ElementSymbol } from "../symbols/ElementSymbol.tsx";
import { DutyMark } from "./DutyMark.tsx";
import type { ElementNode } from "./types.ts";

const handleStyle: Record<HandleSide, React.CSSProperties> = {
  top: {},
  bottom: {},
  "bottom-left": { left: "25%" },
  "bottom-right": { left: "75%" },
};

/**
 * An element's one-line symbol with a terminal handle per bus connection; in load-flow mode a
 * branch shows its loading, coloured by its violation, and its flows while selected.
 */
export const ElementNodeView = memo(function ElementNodeView({ id, data, selected }: NodeProps<ElementNode>) {
  const kind = KINDS[data.collection];
  const classes = [
    "element-node",
    `kind-${data.collection}`,
    data.diff && `diff-${data.diff}`,
    data.invalid && "invalid",
    !data.inService && "out-of-service",
    data.outaged && "n1-outaged",
  ];
  return (
    <div
      className={classes.filter(Boolean).join(" ")}
      data-testid={`element-${id}`}
      data-selected={selected || undefined}
      data-duty={data.duty?.status}
      data-lf-band={data.loadFlow?.band}
      style={data.duty || data.loadFlow ? { color: (data.duty ?? data.loadFlow)?.colour } : undefined}
      data-outaged={data.outaged || undefined}
      title={
        data.outaged
          ? `${kind.label}: out in the N-1 outage shown`
          : data.excluded
            ? "Not in the live results until it is connected and valid"
            : kind.label
      }
    >
      <ElementSymbol collection={data.collection} closed={data.closed} />
      <div className="element-label">
        <strong>{data.label}</strong>
        <span>{data.rating}</span>
        {data.duty && <DutyMark id={id} duty={data.duty} />}
        {data.loadFlow && <BranchLoadingMark id={id} badge={data.loadFlow} selected={selected} />}
      </div>
      {kind.terminals.map((t) => (
        <Handle
          key={t.field}
          type="source"
          id={t.field}
          position={t.side === "top" ? Position.Top : Position.Bottom}
          style={handleStyle[t.side]}
          className="terminal"
          isConnectableEnd={false}
          title={`${t.label}: drag to a bus`}
          data-testid={`handle-${id}-${t.field}`}
        />
      ))}
    </div>
  );
});
