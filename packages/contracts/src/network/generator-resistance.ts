/**
 * R_Gf / X''d, the fictitious generator resistance for the peak current (IEC 60909-0 §6.6.1):
 * 0.05 above 1 kV and from 100 MVA, 0.07 above 1 kV below 100 MVA, 0.15 at 1 kV and below. It
 * accounts for the d.c. decay in the stator; importers also take it as a generator's R/X when
 * the source format has none.
 */
export function fictitiousResistanceRatio(vn_kv: number, sn_mva: number): number {
  if (vn_kv <= 1) return 0.15;
  return sn_mva >= 100 ? 0.05 : 0.07;
}
