/** IEC 60909-0 §6.6.1 fictitious generator resistance RGf as a fraction of X''d. */
export function iecGeneratorRx(vn_kv: number, sn_mva: number): number {
  if (vn_kv <= 1) return 0.15;
  return sn_mva >= 100 ? 0.05 : 0.07;
}
