import { Svg } from "./Svg.tsx";

/** Converter-coupled source (PV, battery, wind): a box split by a diagonal, = over ~. */
export function ConverterSymbol() {
  return (
    <Svg title="Converter source">
      <rect x={11} y={5} width={34} height={34} />
      <line x1={11} y1={39} x2={45} y2={5} strokeWidth={1.2} />
      <line x1={15} y1={12} x2={25} y2={12} strokeWidth={1.5} />
      <line x1={15} y1={16} x2={25} y2={16} strokeWidth={1.5} />
      <path d="M30 30 q3 -5 6 0 t6 0" strokeWidth={1.5} />
      <line x1={28} y1={39} x2={28} y2={64} />
    </Svg>
  );
}
