export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <p className="loading" aria-busy="true">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}
