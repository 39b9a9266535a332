/** Columns in the order tables show them; jsonb keeps keys in its own order. */
const COLUMN_ORDER = [
  "bus",
  "fault",
  "case",
  "outage",
  "fed",
  "ikss_ka",
  "ip_ka",
  "ib_ka",
  "ith_ka",
  "skss_mva",
  "rk_ohm",
  "xk_ohm",
  "r0_ohm",
  "x0_ohm",
  "kappa",
  "ike_ka",
];

/** RFC 4180: quote fields holding a comma, quote or line break. */
const field = (value: unknown): string => {
  const text = value === null || value === undefined ? "" : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

const rank = (column: string) => {
  const index = COLUMN_ORDER.indexOf(column);
  return index < 0 ? COLUMN_ORDER.length : index;
};

/** Rows of flat objects as CSV: the known columns in order, then any others by name; null is empty. */
export function toCsv(rows: Record<string, unknown>[]): string {
  const columns = Object.keys(rows[0] ?? {}).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const lines = [columns, ...rows.map((row) => columns.map((column) => row[column]))];
  return lines.map((line) => `${line.map(field).join(",")}\n`).join("");
}
