/** A pandas dtype as pandapower writes it next to each frame. */
export type Dtype = "object" | "float64" | "uint32" | "bool";
type Cell = string | number | boolean | null;

/** One column of a pandapower table: its name, dtype and how an element fills it. */
export type Column<E> = readonly [name: string, dtype: Dtype, value: (element: E) => Cell | undefined];

/**
 * A DataFrame in pandapower's `to_json` form: the split-orient JSON as a string in `_object`,
 * with the dtypes pandas needs to read it back. Unset optional values are written as null (NaN).
 */
export function frame<E>(elements: readonly E[], labels: readonly number[], columns: readonly Column<E>[]) {
  const split = {
    columns: columns.map(([name]) => name),
    index: labels,
    data: elements.map((element) => columns.map(([, , value]) => value(element) ?? null)),
  };
  return {
    _module: "pandas.core.frame",
    _class: "DataFrame",
    _object: JSON.stringify(split),
    dtype: Object.fromEntries(columns.map(([name, dtype]) => [name, dtype])),
    orient: "split",
  };
}
