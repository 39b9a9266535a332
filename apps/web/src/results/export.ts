import type { ShortCircuitResult } from "@ampflux/contracts";

const CSV_COLUMNS = [
  "bus",
  "fed",
  "ikss_ka",
  "ip_ka",
  "ib_ka",
  "ith_ka",
  "skss_mva",
  "kappa",
  "rk_ohm",
  "xk_ohm",
  "r0_ohm",
  "x0_ohm",
  "ike_ka",
] as const;

const cell = (value: unknown) => {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** Per-bus results as CSV, with the study's options in a comment line. */
export function resultsCsv(result: ShortCircuitResult): string {
  const o = result.options;
  const lines = [
    `# ${result.standard}, fault ${o.fault}, case ${o.case}, kappa ${o.kappa_method}, tmin ${o.tmin_s} s, tk ${o.tk_s} s`,
    CSV_COLUMNS.join(","),
    ...result.buses.map((b) => CSV_COLUMNS.map((c) => cell(b[c])).join(",")),
  ];
  return `${lines.join("\n")}\n`;
}
