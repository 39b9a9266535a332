import { useId, useState } from "react";
import type { EditorDocument, Element } from "../model/document.ts";
import type { FieldSpec } from "./field-specs.ts";
import { NumberInput } from "./NumberInput.tsx";
import { ReferenceSelect } from "./ReferenceSelect.tsx";

interface Props {
  spec: FieldSpec;
  element: Element;
  doc: EditorDocument;
  /** Messages from validateNetwork for this field (errors, then warnings). */
  errors: string[];
  warnings: string[];
  disabled: boolean;
  onChange(value: unknown): void;
}

/** One property with its unit and, next to it, what the contract's validation says about it. */
export function PropertyField({ spec, element, doc, errors, warnings, disabled, onChange }: Props) {
  const id = useId();
  const [local, setLocal] = useState<string | null>(null);
  const value = element[spec.key];
  const messages = local ? [local, ...errors] : errors;
  const describedBy = messages.length || warnings.length ? `${id}-msg` : undefined;
  const common = {
    id,
    disabled,
    "aria-invalid": messages.length > 0 ? true : undefined,
    "aria-describedby": describedBy,
    "data-field": spec.key,
  } as const;
  let input: React.ReactNode;
  switch (spec.kind) {
    case "number":
      input = (
        <NumberInput
          {...common}
          value={typeof value === "number" ? value : undefined}
          optional={spec.optional ?? false}
          placeholder={spec.optional ? "not set" : undefined}
          onValue={onChange}
          onProblem={setLocal}
        />
      );
      break;
    case "text":
      input = (
        <input
          {...common}
          value={typeof value === "string" ? value : ""}
          placeholder={spec.optional ? "not set" : undefined}
          onChange={(e) => onChange(spec.optional && e.target.value === "" ? undefined : e.target.value)}
        />
      );
      break;
    case "bool":
      input = (
        <input
          {...common}
          type="checkbox"
          checked={value !== false}
          onChange={(e) => onChange(e.target.checked)}
        />
      );
      break;
    case "enum":
      input = (
        <select
          {...common}
          value={typeof value === "string" ? value : ""}
          onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)}
        >
          {spec.optional && <option value="">not set</option>}
          {spec.options.map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
      );
      break;
    case "bus":
      input = (
        <select
          {...common}
          value={typeof value === "string" ? value : ""}
          onChange={(e) => onChange(e.target.value)}
        >
          <option value="">not connected</option>
          {doc.buses.map((b) => (
            <option key={b.id} value={b.id}>
              {b.id} ({String(b.vn_kv)} kV)
            </option>
          ))}
        </select>
      );
      break;
    case "reference":
      input = <ReferenceSelect {...common} spec={spec} element={element} doc={doc} onChange={onChange} />;
      break;
  }
  const unit = spec.kind === "number" ? spec.unit : undefined;
  const hint = "hint" in spec ? spec.hint : undefined;
  return (
    <div
      className={`prop${messages.length ? " invalid" : warnings.length ? " warned" : ""}${spec.kind === "bool" ? " prop-bool" : ""}`}
    >
      <label htmlFor={id}>{spec.label}</label>
      <div className="prop-input">
        {input}
        {unit && <span className="unit">{unit}</span>}
      </div>
      {(messages.length > 0 || warnings.length > 0 || hint) && (
        <div className="prop-messages" id={describedBy}>
          {messages.map((m) => (
            <span key={m} className="field-error" role="alert">
              {m}
            </span>
          ))}
          {warnings.map((m) => (
            <span key={m} className="field-warning">
              {m}
            </span>
          ))}
          {messages.length === 0 && warnings.length === 0 && hint && <span className="hint">{hint}</span>}
        </div>
      )}
    </div>
  );
}
