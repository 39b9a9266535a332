// For bundlers with `?url` asset imports (Vite): the label fonts' URLs, and a loader that fetches
// them for arcFlashLabelsPdf. Node cannot import this entry; it uses ./node.ts.

import regularUrl from "dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url";
/// <reference path="./assets.d.ts" />
import boldUrl from "dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?url";
import type { LabelFonts } from "./fonts.ts";

export type { LabelFonts } from "./fonts.ts";

export const LABEL_FONT_URLS = { regular: regularUrl, bold: boldUrl };

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`label font ${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** The fonts for arcFlashLabelsPdf, fetched from the bundle's assets. */
export async function fetchLabelFont(): Promise<LabelFonts> {
  const [font, boldFont] = await Promise.all([fetchBytes(regularUrl), fetchBytes(boldUrl)]);
  return { font, boldFont };
}
