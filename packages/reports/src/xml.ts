// Text and attribute values for XML (SVG): the five characters with a meaning in markup become
// entities, and characters XML 1.0 does not allow (§2.2: C0 controls, lone surrogates, U+FFFE/F)
// become U+FFFD, so any name a user typed gives a well-formed document.

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

/** XML 1.0 §2.2 Char: tab, line feed, carriage return, U+0020–U+D7FF, U+E000–U+FFFD, U+10000 and up. */
export function isXmlChar(codePoint: number): boolean {
  if (codePoint < 0x20) return codePoint === 0x09 || codePoint === 0x0a || codePoint === 0x0d;
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return false; // a lone surrogate (pairs iterate as one)
  return codePoint !== 0xfffe && codePoint !== 0xffff;
}

/** Characters XML cannot hold become U+FFFD. */
export function xmlChars(text: string): string {
  let out = "";
  for (const char of text) out += isXmlChar(char.codePointAt(0) ?? 0) ? char : "\ufffd";
  return out;
}

export const escapeXml = (text: string): string =>
  xmlChars(text).replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
