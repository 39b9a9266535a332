// What a label is drawn with: rectangles, filled paths and text runs in millimetres, y downwards
// (as in SVG). The label layout produces them once; the SVG and PDF renderers only translate them,
// so both outputs carry the same content in the same places.

export interface RectShape {
  kind: "rect";
  x: number;
  y: number;
  width: number;
  height: number;
  fill?: string;
  stroke?: string;
  strokeWidth?: number;
}

/** An SVG path (M, L, A, Z commands) in label coordinates. */
export interface PathShape {
  kind: "path";
  d: string;
  fill?: string;
  stroke?: string;
  strokeWidth?: number;
}

/** One line of text; y is its baseline, size the font size (em) in millimetres. */
export interface TextShape {
  kind: "text";
  x: number;
  y: number;
  text: string;
  size: number;
  bold: boolean;
  fill: string;
  anchor: "start" | "middle" | "end";
}

export type Shape = RectShape | PathShape | TextShape;

export interface LabelDrawing {
  /** Width and height of the label in millimetres. */
  width: number;
  height: number;
  shapes: Shape[];
}

/** A rectangle with rounded corners as a path (arcs), for renderers without rounded rectangles. */
export function roundedRectPath(x: number, y: number, width: number, height: number, r: number): string {
  const right = x + width;
  const bottom = y + height;
  return [
    `M ${x + r} ${y}`,
    `L ${right - r} ${y}`,
    `A ${r} ${r} 0 0 1 ${right} ${y + r}`,
    `L ${right} ${bottom - r}`,
    `A ${r} ${r} 0 0 1 ${right - r} ${bottom}`,
    `L ${x + r} ${bottom}`,
    `A ${r} ${r} 0 0 1 ${x} ${bottom - r}`,
    `L ${x} ${y + r}`,
    `A ${r} ${r} 0 0 1 ${x + r} ${y}`,
    "Z",
  ].join(" ");
}
