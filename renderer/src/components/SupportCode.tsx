/** The internal code of a warning or event, kept out of the way in a details line for support. */
export function SupportCode({ code }: { code: string }) {
  return (
    <details className="support-code">
      <summary>Details for support</summary>
      <code>{code}</code>
    </details>
  );
}
