import { Svg } from "./Svg.tsx";

/** Earthing transformer: a zig-zag winding (two offset strokes) with its star point to earth. */
export function EarthingTransformerSymbol() {
  return (
    <Svg title="Earthing transformer">
      <line x1={28} y1={0} x2={28} y2={14} />
      <circle cx={28} cy={26} r={12} fill="none" />
      <path d="M22 20 L28 26 L28 32 L34 26" fill="none" />
      <line x1={28} y1={38} x2={28} y2={48} />
      <line x1={18} y1={48} x2={38} y2={48} />
      <line x1={22} y1={53} x2={34} y2={53} />
      <line x1={26} y1={58} x2={30} y2={58} />
    </Svg>
  );
}
