/** The 56 × 64 drawing box every element symbol uses; terminals leave at the top and bottom edges. */
export function Svg({ children, title }: { children: React.ReactNode; title: string }) {
  return (
    <svg
      className="symbol"
      viewBox="0 0 56 64"
      width={56}
      height={64}
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      role="img"
      aria-label={title}
    >
      {children}
    </svg>
  );
}
