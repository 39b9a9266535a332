import { Svg } from "./Svg.tsx";

/** Series reactor / impedance (IEC 60617 reactor: a conductor with a three-quarter loop). */
export function ReactorSymbol() {
  return (
    <Svg title="Series reactor">
      <line x1={28} y1={0} x2={28} y2={32} />
      <path d="M28 32 A12 12 0 1 0 16 20" fill="none" />
      <line x1={16} y1={20} x2={40} y2={20} />
      <line x1={40} y1={20} x2={40} y2={44} />
      <line x1={28} y1={44} x2={40} y2={44} />
      <line x1={28} y1={44} x2={28} y2={64} />
    </Svg>
  );
}
