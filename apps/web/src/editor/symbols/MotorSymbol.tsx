import { Svg } from "./Svg.tsx";

/** Asynchronous motor: a circle with M, hanging from its bus. */
export function MotorSymbol() {
  return (
    <Svg title="Motor">
      <line x1={28} y1={0} x2={28} y2={24} />
      <circle cx={28} cy={42} r={17} />
      <text
        x={28}
        y={48}
        textAnchor="middle"
        fontSize={17}
        fontWeight={700}
        stroke="none"
        fill="currentColor"
      >
        M
      </text>
    </Svg>
  );
}
