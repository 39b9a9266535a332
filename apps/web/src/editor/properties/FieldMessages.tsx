import type { ReactNode } from "react";

/** A field's errors (announced) and warnings under it, then whatever else the field adds (a hint, a source). */
export function FieldMessages({
  id,
  errors,
  warnings,
  children,
}: {
  id?: string;
  errors: readonly string[];
  warnings: readonly string[];
  children?: ReactNode;
}) {
  return (
    <div className="prop-messages" id={id}>
      {errors.map((m) => (
        <span key={m} className="field-error" role="alert">
          {m}
        </span>
      ))}
      {warnings.map((m) => (
        <span key={m} className="field-warning">
          {m}
        </span>
      ))}
      {children}
    </div>
  );
}
