/** Offers `content` (text, or bytes such as a PDF) as a file download, as a browser would for a link. */
export function downloadFile(filename: string, content: string | Uint8Array, type: string): void {
  // A copy: Blob takes bytes backed by an ArrayBuffer, not whatever buffer the caller's view uses.
  const part = typeof content === "string" ? content : new Uint8Array(content);
  const url = URL.createObjectURL(new Blob([part], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/** Offers a value as an indented JSON file. */
export function downloadJson(filename: string, value: unknown): void {
  downloadFile(filename, JSON.stringify(value, null, 2), "application/json");
}

/** A file name from free text: letters, digits, dashes. */
export function safeFileName(text: string): string {
  return text.replace(/[^\w.-]+/g, "-").replace(/^-+|-+$/g, "") || "network";
}
