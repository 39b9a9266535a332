import { Handle, type NodeProps, Position } from "@xyflow/react";
import { memo } from "react";
import { formatKa } from "../../lib/format.ts";
import { BusVoltageMark } from "../../load-flow/LoadFlowMarks.tsx";
import { ArcFlashMark } from "./ArcFlashMark.tsx";
import { DutyMark } from "./DutyMark.tsx";
import type { BusNode } from "./types.ts";

/**
 * A bus bar: a thick line with its id and voltage above and the live Ik'' badge at its right;
 * coloured by duty or by incident energy (with the energy's badge) when the diagram is, or in
 * load-flow mode by its voltage's violation (with Vm and Va), greyed when no source supplies it.
 * The whole bar is one connection target; connections start from element terminals only.
 */
export const BusNodeView = memo(function BusNodeView({ id, data, selected }: NodeProps<BusNode>) {
  const classes = [
    "bus-node",
    data.diff && `diff-${data.diff}`,
    data.invalid && "invalid",
    !data.inService && "out-of-service",
    data.loadFlow && data.loadFlow.vmPu === null && "lf-unsupplied",
  ];
  const bar =
    data.arcFlash?.colour ??
    data.duty?.colour ??
    data.loadFlow?.colour ??
    (data.result?.colourBar ? data.result.colour : undefined);
  return (
    <div
      className={classes.filter(Boolean).join(" ")}
      style={{ width: data.width }}
      data-testid={`bus-${id}`}
      data-selected={selected || undefined}
      data-duty={data.duty?.status}
      data-arc-flash={data.arcFlash?.status}
      data-lf-band={data.loadFlow?.band}
    >
      <div className="bus-label">
        <span className="bus-id">{data.label}</span>
        <span className="muted">{data.vnKv ?? "?"} kV</span>
        {data.result && (
          <span
            className={`ik-badge${data.result.ikssKa === null ? " unfed" : ""}`}
            style={{ background: data.result.colour }}
            data-testid={`ik-${id}`}
            title={data.result.title ?? "Initial symmetrical short-circuit current Ik''"}
          >
            {data.result.ikssKa === null ? "unfed" : `${formatKa(data.result.ikssKa)} kA`}
          </span>
        )}
        {data.duty && <DutyMark id={id} duty={data.duty} />}
        {data.arcFlash && <ArcFlashMark id={id} arc={data.arcFlash} />}
        {data.loadFlow && <BusVoltageMark id={id} badge={data.loadFlow} />}
      </div>
      <div className="bus-bar" style={bar ? { background: bar } : undefined} />
      <Handle
        type="source"
        id="bus"
        position={Position.Top}
        className="bus-handle"
        isConnectableStart={false}
      />
    </div>
  );
});
