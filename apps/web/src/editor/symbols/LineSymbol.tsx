import { Svg } from "./Svg.tsx";

/** Line or cable: a conductor with cable sealing ends. */
export function LineSymbol() {
  return (
    <Svg title="Line">
      <line x1={28} y1={0} x2={28} y2={64} />
      <path d="M22 10 L34 10 L28 18 Z" fill="currentColor" strokeWidth={1} />
      <path d="M22 54 L34 54 L28 46 Z" fill="currentColor" strokeWidth={1} />
    </Svg>
  );
}
