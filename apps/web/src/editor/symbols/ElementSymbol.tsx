import type { ElementCollection } from "@ampflux/contracts";
import { ConverterSymbol } from "./ConverterSymbol.tsx";
import { EarthingTransformerSymbol } from "./EarthingTransformerSymbol.tsx";
import { GeneratorSymbol } from "./GeneratorSymbol.tsx";
import { GridSymbol } from "./GridSymbol.tsx";
import { LineSymbol } from "./LineSymbol.tsx";
import { LoadSymbol } from "./LoadSymbol.tsx";
import { MotorSymbol } from "./MotorSymbol.tsx";
import { ReactorSymbol } from "./ReactorSymbol.tsx";
import { ShuntSymbol } from "./ShuntSymbol.tsx";
import { SwitchSymbol } from "./SwitchSymbol.tsx";
import { Transformer3wSymbol } from "./Transformer3wSymbol.tsx";
import { TransformerSymbol } from "./TransformerSymbol.tsx";

/** The one-line symbol of an element collection (buses are bars, drawn by their node). */
export function ElementSymbol({
  collection,
  closed = true,
}: {
  collection: ElementCollection;
  closed?: boolean;
}) {
  switch (collection) {
    case "external_grids":
      return <GridSymbol />;
    case "generators":
      return <GeneratorSymbol />;
    case "static_generators":
      return <ConverterSymbol />;
    case "motors":
      return <MotorSymbol />;
    case "loads":
      return <LoadSymbol />;
    case "shunts":
      return <ShuntSymbol />;
    case "transformers":
      return <TransformerSymbol />;
    case "transformers3w":
      return <Transformer3wSymbol />;
    case "lines":
      return <LineSymbol />;
    case "impedances":
      return <ReactorSymbol />;
    case "earthing_transformers":
      return <EarthingTransformerSymbol />;
    case "switches":
      return <SwitchSymbol closed={closed} />;
    case "buses":
      return (
        <svg className="symbol" viewBox="0 0 56 64" width={56} height={64} role="img" aria-label="Bus">
          <rect x={4} y={28} width={48} height={8} fill="currentColor" />
        </svg>
      );
  }
}
