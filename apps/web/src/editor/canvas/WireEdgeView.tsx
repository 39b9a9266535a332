import { BaseEdge, type EdgeProps, useInternalNode } from "@xyflow/react";
import { memo } from "react";
import { BUS_MIN_WIDTH } from "../model/layout.ts";
import type { WireEdge } from "./types.ts";

/** Where the bar sits inside a bus node (see .bus-node in styles.css). */
const BAR_Y = 24;

/**
 * A wire from a terminal to a bus, drawn orthogonally and landing on the bar at the point
 * nearest the terminal (a bus is a long bar, not a point).
 */
export const WireEdgeView = memo(function WireEdgeView(props: EdgeProps<WireEdge>) {
  const { sourceX, sourceY, targetX, targetY, target, selected, data, markerEnd } = props;
  const bus = useInternalNode(target);
  let path: string;
  if (bus?.type === "bus") {
    const left = bus.internals.positionAbsolute.x;
    const width = bus.measured.width ?? BUS_MIN_WIDTH;
    const y = bus.internals.positionAbsolute.y + BAR_Y;
    const x = Math.min(Math.max(sourceX, left + 6), left + width - 6);
    if (Math.abs(x - sourceX) < 0.5) path = `M${sourceX},${sourceY} L${x},${y}`;
    else {
      const knee = y + (sourceY < y ? -16 : 16);
      path = `M${sourceX},${sourceY} L${sourceX},${knee} L${x},${knee} L${x},${y}`;
    }
  } else {
    path = `M${sourceX},${sourceY} L${targetX},${targetY}`;
  }
  const className = ["wire", selected && "selected", data?.diff && `diff-${data.diff}`]
    .filter(Boolean)
    .join(" ");
  return <BaseEdge path={path} className={className} markerEnd={markerEnd} interactionWidth={12} />;
});
