/** Offers `content` as a file download, as a browser would for a link. */
export function downloadFile(filename: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/** A file name from free text: letters, digits, dashes. */
export function safeFileName(text: string): string {
  return text.replace(/[^\w.-]+/g, "-").replace(/^-+|-+$/g, "") || "network";
}
