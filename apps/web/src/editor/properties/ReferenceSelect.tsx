import type { FieldSpec } from "@ampflux/contracts";
import { SWITCH_TARGETS } from "@ampflux/contracts";
import type { EditorDocument, Element } from "../model/document.ts";

interface Props extends Omit<React.SelectHTMLAttributes<HTMLSelectElement>, "onChange"> {
  spec: FieldSpec;
  element: Element;
  doc: EditorDocument;
  onChange(value: unknown): void;
}

/** Picks another element: a switch's other side, a generator's unit transformer. */
export function ReferenceSelect({ spec, element, doc, onChange, ...select }: Props) {
  let candidates: Element[];
  let optional = false;
  if (spec.key === "power_station_trafo") {
    candidates = doc.transformers;
    optional = true;
  } else if (element.element_type === "line" || element.element_type === "transformer") {
    candidates = SWITCH_TARGETS[element.element_type].flatMap((c) => doc[c]);
  } else candidates = doc.buses.filter((b) => b.id !== element.bus);
  const value = element[spec.key];
  return (
    <select
      {...select}
      value={typeof value === "string" ? value : ""}
      onChange={(e) => onChange(optional && e.target.value === "" ? undefined : e.target.value)}
    >
      <option value="">{optional ? "none" : "not connected"}</option>
      {candidates.map((c) => (
        <option key={c.id} value={c.id}>
          {c.id}
        </option>
      ))}
    </select>
  );
}
