import type { FieldSpec } from "@ampflux/contracts";
import { type QuantityRange, rangeText } from "@ampflux/contracts";
import { useId, useState } from "react";
import type { EditorDocument, Element } from "../model/document.ts";
import { FieldMessages } from "./FieldMessages.tsx";
import { NumberInput } from "./NumberInput.tsx";
import { ReferenceSelect } from "./ReferenceSelect.tsx";

interface Props {
  spec: FieldSpec;
  element: Element;
  doc: EditorDocument;
  /** Messages from validateNetwork for this field (errors, then warnings). */
  errors: string[];
  warnings: string[];
  /** The element's type has another value here: the field is marked "overridden". */
  typeValue?: unknown;
  /** Unset here, so validation fills it from the element's type with this value. */
  inherited?: unknown;
  /** The duty study needs this rating and neither the element nor its type has it. */
  missing?: boolean;
  /** The plausible range of a number field (the contracts' table), shown as the input's tooltip. */
  range?: QuantityRange | undefined;
  /** What an unset value means, when the field knows better than "not set" (a typical value it defaults to). */
  unsetText?: string | undefined;
  disabled: boolean;
  onChange(value: unknown): void;
}

/** One property with its unit and, next to it, what the contract's validation says about it. */
export function PropertyField(props: Props) {
  if (props.spec.kind === "section") return <h4 className="props-section">{props.spec.label}</h4>;
  return <Field {...props} />;
}

function Field({
  spec,
  element,
  doc,
  errors,
  warnings,
  typeValue,
  inherited,
  missing = false,
  range,
  unsetText: unsetOverride,
  disabled,
  onChange,
}: Props) {
  const id = useId();
  const unsetText =
    unsetOverride ??
    (inherited !== undefined
      ? `${String(inherited)} (type)`
      : missing
        ? "missing rating"
        : "optional" in spec && spec.optional
          ? "not set"
          : undefined);
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
          placeholder={unsetText}
          title={range && `allowed: ${rangeText(range)}${spec.unit ? ` ${spec.unit}` : ""}`}
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
          placeholder={unsetText}
          onChange={(e) => onChange(spec.optional && e.target.value === "" ? undefined : e.target.value)}
        />
      );
      break;
    case "bool":
      input = (
        <input
          {...common}
          type="checkbox"
          checked={typeof value === "boolean" ? value : (spec.unset ?? true)}
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
          {spec.optional && <option value="">{unsetText}</option>}
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
    case "section":
    case "object":
      return null;
  }
  const unit = spec.kind === "number" ? spec.unit : undefined;
  const hint = "hint" in spec ? spec.hint : undefined;
  return (
    <div
      className={`prop${messages.length ? " invalid" : warnings.length ? " warned" : ""}${spec.kind === "bool" ? " prop-bool" : ""}${missing ? " missing" : ""}`}
      data-prop={spec.key}
    >
      <label htmlFor={id}>
        {spec.label}
        {typeValue !== undefined && (
          <span className="tag overridden" title={`the type says ${String(typeValue)}`}>
            overridden
          </span>
        )}
      </label>
      <div className="prop-input">
        {input}
        {unit && <span className="unit">{unit}</span>}
      </div>
      {(messages.length > 0 || warnings.length > 0 || hint) && (
        <FieldMessages id={describedBy} errors={messages} warnings={warnings}>
          {messages.length === 0 && warnings.length === 0 && hint && <span className="hint">{hint}</span>}
        </FieldMessages>
      )}
    </div>
  );
}
