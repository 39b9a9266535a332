import type { ElementCollection } from "@ampflux/contracts";
import type { Element } from "../model/document.ts";

const n = (v: unknown) =>
  typeof v === "number" && Number.isFinite(v) ? String(Number(v.toPrecision(4))) : "?";

/** The one figure an engineer reads next to a symbol: rating, length or voltages. */
export function ratingOf(collection: ElementCollection, e: Element): string {
  switch (collection) {
    case "external_grids":
      return `${n(e.s_sc_max_mva)} MVA`;
    case "lines":
      return `${n(e.length_km)} km`;
    case "transformers":
      return `${n(e.sn_mva)} MVA ${n(e.vn_hv_kv)}/${n(e.vn_lv_kv)} kV`;
    case "transformers3w":
      return `${n(e.vn_hv_kv)}/${n(e.vn_mv_kv)}/${n(e.vn_lv_kv)} kV`;
    case "generators":
    case "static_generators":
      return `${n(e.sn_mva)} MVA`;
    case "impedances":
      if (typeof e.uk_percent === "number") return `${n(e.uk_percent)} % · ${n(e.ir_ka)} kA`;
      if (typeof e.x_ohm === "number") return `${n(e.x_ohm)} Ω`;
      return `${n(e.xft_pu)} p.u. · ${n(e.sn_mva)} MVA`;
    case "earthing_transformers":
      return `Z(0) ${n(e.x0_ohm)} Ω`;
    case "motors":
      return `${n(e.pn_mech_mw)} MW`;
    case "loads":
    case "shunts":
      return `${n(e.p_mw)} MW`;
    case "switches": {
      // A rated device also shows what it breaks: the figure its duty is read against.
      const state = e.closed === false ? "open" : "closed";
      return typeof e.breaking_ka === "number" ? `${state} · ${n(e.breaking_ka)} kA` : state;
    }
    case "buses":
      return `${n(e.vn_kv)} kV`;
  }
}
