import { useEffect, useState } from "react";

interface Props
  extends Omit<React.InputHTMLAttributes<HTMLInputElement>, "value" | "onChange" | "onInvalid"> {
  value: number | undefined;
  optional: boolean;
  onValue(value: number | undefined): void;
  onProblem(message: string | null): void;
}

/**
 * A number field that lets the user type freely ("0.", "-", "1e"): the document only receives
 * parsed numbers; an empty optional field removes the value.
 */
export function NumberInput({ value, optional, onValue, onProblem, ...rest }: Props) {
  const [text, setText] = useState(value === undefined ? "" : String(value));
  useEffect(() => {
    setText((current) =>
      Number(current) === value && current.trim() !== "" ? current : value === undefined ? "" : String(value),
    );
  }, [value]);
  return (
    <input
      {...rest}
      inputMode="decimal"
      value={text}
      onChange={(e) => {
        const next = e.target.value;
        setText(next);
        const trimmed = next.trim().replace(",", ".");
        if (trimmed === "") {
          if (optional) {
            onProblem(null);
            onValue(undefined);
          } else onProblem("a value is required");
          return;
        }
        const parsed = Number(trimmed);
        if (Number.isFinite(parsed)) {
          onProblem(null);
          onValue(parsed);
        } else onProblem("enter a number");
      }}
    />
  );
}
