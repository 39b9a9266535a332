import type { ArcFlashStatus, DutyCheckName, DutyStatus, ElementCollection } from "@ampflux/contracts";
import type { Edge, Node } from "@xyflow/react";
import type { LoadFlowBranchBadge, LoadFlowBusBadge } from "../../load-flow/decorations.ts";

export type DiffStatus = "added" | "changed" | "removed";

export interface BusResultBadge {
  /** null: no source feeds the bus. */
  ikssKa: number | null;
  colour: string;
  /** What the figure is, when not the live Ik'' (an N-1 screening's worst case or outage). */
  title?: string;
  /** The bar takes the colour too: on an N-1 map the colour is the message, legible zoomed out. */
  colourBar?: boolean;
}

/** An element's worst duty check, when the diagram is coloured by duty. */
export interface DutyBadge {
  status: DutyStatus;
  percent: number | null;
  check: DutyCheckName;
  colour: string;
}

/** A bus's arc-flash result, when the diagram is coloured by incident energy. */
export interface ArcFlashBadge {
  /** null: no number (status says why). */
  energyCalCm2: number | null;
  status: ArcFlashStatus;
  /** PPE band colour; grey without a number. */
  colour: string;
  ppe: string | null;
}

export type BusNodeData = {
  label: string;
  vnKv: number | null;
  width: number;
  inService: boolean;
  result?: BusResultBadge | undefined;
  duty?: DutyBadge | undefined;
  arcFlash?: ArcFlashBadge | undefined;
  loadFlow?: LoadFlowBusBadge | undefined;
  diff?: DiffStatus | undefined;
  invalid: boolean;
};

export type ElementNodeData = {
  collection: ElementCollection;
  label: string;
  rating: string;
  inService: boolean;
  closed: boolean;
  duty?: DutyBadge | undefined;
  loadFlow?: LoadFlowBranchBadge | undefined;
  diff?: DiffStatus | undefined;
  invalid: boolean;
  /** Left out of the live results (unconnected or invalid). */
  excluded: boolean;
  /** The branch out in the N-1 outage the diagram shows. */
  outaged: boolean;
};

export type BusNode = Node<BusNodeData, "bus">;
export type ElementNode = Node<ElementNodeData, "element">;
export type DiagramNode = BusNode | ElementNode;
export type WireEdge = Edge<{ diff?: DiffStatus | undefined }, "wire">;

export interface Decorations {
  results: Map<string, BusResultBadge>;
  /** By element id; empty unless the diagram is coloured by duty. */
  duty: Map<string, DutyBadge>;
  /** By bus id; empty unless the diagram is coloured by arc flash. */
  arcFlash: Map<string, ArcFlashBadge>;
  /** By bus id and by branch id; empty unless the editor shows the load flow. */
  loadFlowBuses: Map<string, LoadFlowBusBadge>;
  loadFlowBranches: Map<string, LoadFlowBranchBadge>;
  diff: Map<string, DiffStatus>;
  excluded: Set<string>;
  invalid: Set<string>;
  /** The branch out in the N-1 outage shown (empty otherwise). */
  outaged: Set<string>;
}
