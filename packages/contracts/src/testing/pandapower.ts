// Variants of a pandapower file (`to_json`) for importer tests: one column of one table changed.

interface SplitFrame {
  columns: string[];
  index: number[];
  data: unknown[][];
}

/**
 * `text` with `column` of `table` set to `values` (row by row; the column is added when
 * missing). pandas writes NaN, which JSON.parse refuses; the importer reads null the same way.
 */
export function pandapowerWithColumn(text: string, table: string, column: string, values: unknown[]): string {
  const net = JSON.parse(text.replace(/\bNaN\b/g, "null"));
  const frame = JSON.parse(net[table]._object) as SplitFrame;
  let c = frame.columns.indexOf(column);
  if (c < 0) c = frame.columns.push(column) - 1;
  frame.data.forEach((row, i) => {
    row[c] = values[i] ?? null;
  });
  net[table]._object = JSON.stringify(frame);
  return JSON.stringify(net);
}
