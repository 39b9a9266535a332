import { createContext, type RefObject, useContext, useRef } from "react";
import type { DiagramNode } from "./types.ts";

/**
 * Every node of the diagram, as last built from the document. xyflow holds only the ones near the
 * view on a large network (visible-window.ts), so fitting the whole network and centring on an
 * element found by search read the full list here instead of xyflow's.
 */
const AllNodesContext = createContext<RefObject<DiagramNode[]> | null>(null);

export function AllNodesProvider({ children }: { children: React.ReactNode }) {
  const all = useRef<DiagramNode[]>([]);
  return <AllNodesContext value={all}>{children}</AllNodesContext>;
}

export function useAllNodes(): RefObject<DiagramNode[]> {
  const all = useContext(AllNodesContext);
  if (!all) throw new Error("useAllNodes outside AllNodesProvider");
  return all;
}
