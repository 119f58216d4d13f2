/**
 * The notice of the browser preview (`npm start` on a machine without Electron's
 * binary): the bridge there carries a read-only `preview` flag.
 */
export function inPreview(): boolean {
  const bridge = window.offramp as { preview?: unknown } | undefined;
  return bridge?.preview === true;
}

export function PreviewBanner() {
  return (
    <div className="preview-banner" role="region" aria-label="Preview notice">
      Preview in a browser — Electron is not installed on this machine. Printing and choosing files to import need the full app.
    </div>
  );
}
