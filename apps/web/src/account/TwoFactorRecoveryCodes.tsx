/** Recovery codes, shown once after they are made: each replaces the app for one log-in. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone(): void }) {
  return (
    <div className="secret" role="status">
      <p>
        <strong>Save these recovery codes now</strong>: they are shown only once. Each lets you log in once
        without your phone.
      </p>
      <ul className="recovery-codes" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <button
        type="button"
        className="small"
        onClick={() => navigator.clipboard?.writeText(codes.join("\n"))}
      >
        Copy
      </button>
      <button type="button" className="small" onClick={onDone}>
        I saved them
      </button>
    </div>
  );
}
