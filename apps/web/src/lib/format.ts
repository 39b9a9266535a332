/** Engineering numbers: 3 significant digits for mid-range values, tabular alignment in CSS. */
export function formatNumber(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "–";
  const abs = Math.abs(value);
  if (abs === 0) return "0";
  if (abs >= 1000) return value.toFixed(0);
  return value.toPrecision(digits).replace(/\.?0+$/, (m) => (m.includes(".") ? "" : m));
}

export function formatKa(value: number | null | undefined): string {
  return value === null || value === undefined ? "–" : value.toFixed(value >= 100 ? 1 : 2);
}

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

export function formatDate(value: Date | string | null | undefined): string {
  if (!value) return "–";
  return dateTime.format(typeof value === "string" ? new Date(value) : value);
}
