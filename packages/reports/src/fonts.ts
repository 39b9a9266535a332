// The label font: DejaVu Sans and DejaVu Sans Bold from the dejavu-fonts-ttf package (Bitstream
// Vera licence with DejaVu's public-domain changes; docs/arc-flash-labels.md).

export const LABEL_FONT_PACKAGE_FILES = {
  regular: "dejavu-fonts-ttf/ttf/DejaVuSans.ttf",
  bold: "dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf",
} as const;

/** Both fonts' bytes, spread into arcFlashLabelsPdf's options. */
export interface LabelFonts {
  font: Uint8Array;
  boldFont: Uint8Array;
}
