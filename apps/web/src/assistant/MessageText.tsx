import { splitMentions } from "./mentions.ts";

/** An answer's text with the elements it mentions as links that show them on the diagram. */
export function MessageText({
  text,
  ids,
  onSelect,
}: {
  text: string;
  ids: ReadonlySet<string>;
  onSelect(id: string): void;
}) {
  let offset = 0;
  return (
    <>
      {splitMentions(text, ids).map((segment) => {
        const key = offset;
        offset += segment.text.length;
        return "id" in segment ? (
          <button
            key={key}
            type="button"
            className="mention"
            onClick={() => onSelect(segment.id)}
            title={`Show ${segment.id} on the diagram`}
          >
            {segment.text}
          </button>
        ) : (
          <span key={key}>{segment.text}</span>
        );
      })}
    </>
  );
}
