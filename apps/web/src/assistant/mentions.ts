export type Segment = { text: string } | { id: string; text: string };

const TOKEN = /<?[A-Za-z0-9_][A-Za-z0-9_.-]*>?/g;

/**
 * Splits an answer into text and element mentions. Ids with letters (B3, T1, M2) link
 * wherever they stand as a word; bare numbers (MATPOWER bus ids) only as "<7>", after "bus" /
 * "buses", or continuing such a list ("buses 4, 5 and 7"), so "12.3 kA" stays text.
 */
export function splitMentions(text: string, ids: ReadonlySet<string>): Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  let busContext = false;
  let previousEnd = 0;
  for (const match of text.matchAll(TOKEN)) {
    const start = match.index;
    const raw = match[0];
    const bracketed = raw.startsWith("<") && raw.endsWith(">") && raw.length > 2;
    const core = bracketed
      ? raw.slice(1, -1)
      : raw
          .replace(/^</, "")
          .replace(/>$/, "")
          .replace(/[.-]+$/, "");
    const separatorOnly = /^[\s,&#]*$/.test(text.slice(previousEnd, start));
    const numeric = /^\d+$/.test(core);
    previousEnd = start + raw.length;
    if (ids.has(core) && (!numeric || bracketed || (busContext && separatorOnly))) {
      const coreStart = bracketed ? start : start + raw.indexOf(core);
      if (coreStart > last) segments.push({ text: text.slice(last, coreStart) });
      segments.push({ id: core, text: core });
      last = bracketed ? start + raw.length : coreStart + core.length;
      if (numeric && !bracketed) busContext = true;
      continue;
    }
    if (/^bus(es)?$/i.test(core)) busContext = true;
    else if (!/^(and|or)$/i.test(core)) busContext = false;
  }
  if (last < text.length) segments.push({ text: text.slice(last) });
  return segments;
}
