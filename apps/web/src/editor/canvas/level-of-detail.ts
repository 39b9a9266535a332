/**
 * Level of detail for large networks: above OVERVIEW_MIN_NODES diagram nodes, and zoomed out below
 * OVERVIEW_MAX_ZOOM (where symbols and labels are a few pixels tall and unreadable anyway), the
 * diagram is drawn on one canvas (OverviewCanvas) instead of thousands of DOM nodes and SVG
 * wires; zooming in brings back the full symbols, of which xyflow renders only the visible ones.
 */
export const OVERVIEW_MIN_NODES = 1_500;
export const OVERVIEW_MAX_ZOOM = 0.35;

export const usesOverview = (nodeCount: number, zoom: number): boolean =>
  nodeCount >= OVERVIEW_MIN_NODES && zoom < OVERVIEW_MAX_ZOOM;
