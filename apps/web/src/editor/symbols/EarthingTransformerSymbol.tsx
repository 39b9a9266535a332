import { Svg } from "./Svg.tsx";

/** Earthing transformer: a winding marked Z (zig-zag) with its star point to earth. */
export function EarthingTransformerSymbol() {
  return (
    <Svg title="Earthing transformer">
      <line x1={28} y1={0} x2={28} y2={14} />
      <circle cx={28} cy={26} r={12} fill="none" />
      <path d="M22 21 L34 21 L22 31 L34 31" fill="none" />
      <line x1={28} y1={38} x2={28} y2={48} />
      <line x1={18} y1={48} x2={38} y2={48} />
      <line x1={22} y1={53} x2={34} y2={53} />
      <line x1={26} y1={58} x2={30} y2={58} />
    </Svg>
  );
}
