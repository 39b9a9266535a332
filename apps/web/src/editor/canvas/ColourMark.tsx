/** A coloured figure next to an element's label: its worst duty, a bus's incident energy. */
export function ColourMark({
  testId,
  colour,
  title,
  children,
}: {
  testId: string;
  colour: string;
  title: string;
  children: React.ReactNode;
}) {
  return (
    <span className="duty-mark" style={{ background: colour }} data-testid={testId} title={title}>
      {children}
    </span>
  );
}
