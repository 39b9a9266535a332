import { PROTECTION_FIELDS } from "@ampflux/contracts";
import { useEffect, useId, useState } from "react";
import type { Element } from "../model/document.ts";
import { FieldMessages } from "./FieldMessages.tsx";
import { NestedFields, type NestedFieldsContext, NestedHeading, useNestedFields } from "./NestedFields.tsx";
import { valueAt } from "./nested.ts";
import {
  formatCurvePoints,
  PROTECTION_HINT,
  PROTECTION_POINTS_KEY,
  parseCurvePoints,
} from "./protection-fields.ts";

/** The contract's default for an unset instantaneous delay: the stage trips at once. */
const UNSET_TEXTS = new Map([["protection.instantaneous.delay_ms", "0 (default)"]]);

const KEYS = [
  ...PROTECTION_FIELDS.filter((s) => s.kind !== "section").map((s) => s.key),
  PROTECTION_POINTS_KEY,
];

/**
 * What clears a fault through a switch (its arc duration): a fixed clearing time, relay stages
 * (inverse-time curve, definite-time, instantaneous) or a fuse's curve points; each refused value
 * is named beside its field.
 */
export function ProtectionFields({ element, index }: { element: Element; index: number }) {
  const context = useNestedFields(element, "switches", index, "protection", KEYS);
  return (
    <section className="props-object" aria-label="Protection" data-testid="protection-fields">
      <NestedHeading label="Protection (arc duration)" context={context} />
      <p className="hint">{PROTECTION_HINT}</p>
      <NestedFields context={context} specs={PROTECTION_FIELDS} unsetTexts={UNSET_TEXTS} />
      <h4 className="props-section">Curve points</h4>
      <PointsField context={context} />
    </section>
  );
}

/** A fuse's or trip unit's total clearing curve, "kA ms" per line, interpolated log–log by the study. */
function PointsField({ context }: { context: NestedFieldsContext }) {
  const id = useId();
  const stored = valueAt(context.element, PROTECTION_POINTS_KEY);
  const [text, setText] = useState(() => formatCurvePoints(stored));
  const [problem, setProblem] = useState<string | null>(null);
  // Undo or another edit replaced the points: show them, unless the text already says the same.
  useEffect(() => {
    setText((current) => {
      const parsed = parseCurvePoints(current);
      const same = "points" in parsed && formatCurvePoints(parsed.points) === formatCurvePoints(stored);
      return same ? current : formatCurvePoints(stored);
    });
  }, [stored]);
  const errors = [...(problem ? [problem] : []), ...(context.issues.errors.get(PROTECTION_POINTS_KEY) ?? [])];
  return (
    <div className={`prop${errors.length ? " invalid" : ""}`} data-prop={PROTECTION_POINTS_KEY}>
      <label htmlFor={id}>Current kA, time ms</label>
      <textarea
        id={id}
        rows={4}
        value={text}
        placeholder={"one point per line, e.g.\n2 1000\n10 100"}
        disabled={context.disabled}
        data-field={PROTECTION_POINTS_KEY}
        aria-invalid={errors.length > 0 || undefined}
        onChange={(e) => {
          setText(e.target.value);
          const parsed = parseCurvePoints(e.target.value);
          if ("problem" in parsed) {
            setProblem(parsed.problem);
            return;
          }
          setProblem(null);
          context.change(PROTECTION_POINTS_KEY, parsed.points);
        }}
      />
      <FieldMessages errors={errors} warnings={context.issues.warnings.get(PROTECTION_POINTS_KEY) ?? []}>
        {errors.length === 0 && (
          <span className="hint">total clearing time; rising current, falling time</span>
        )}
      </FieldMessages>
    </div>
  );
}
