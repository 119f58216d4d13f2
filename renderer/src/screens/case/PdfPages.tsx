import type { PDFDocumentLoadingTask, PDFDocumentProxy, RenderTask } from 'pdfjs-dist';
import { useEffect, useRef, useState } from 'react';
import { Alert } from '../../components/Alert';

/** The width a page is drawn at (CSS pixels): readable in the evidence pane at 1366 px. */
const PAGE_WIDTH = 640;

/**
 * One page of a PDF at a time, drawn by Mozilla's pdf.js into a canvas. The bytes
 * come from the backend (no URL of any kind, nothing written to disk); the parser
 * runs in its own worker with no fetching (no range requests, no standard-font,
 * character-map or wasm URLs) and no XFA forms. pdf.js 6 has no eval path, and the
 * CSP's script-src 'self' would refuse one.
 */
export function PdfPages({ base64, name }: { base64: string; name: string }) {
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [pageNumber, setPageNumber] = useState(1);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    let loading: PDFDocumentLoadingTask | null = null;
    const worker = new Worker(new URL('./pdfWorker.ts', import.meta.url), { type: 'module', name: 'pdf.js' });
    void (async () => {
      try {
        const pdfjs = await import('pdfjs-dist');
        const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        loading = pdfjs.getDocument({
          data,
          worker: pdfjs.PDFWorker.create({ port: worker }),
          disableAutoFetch: true,
          disableStream: true,
          disableRange: true,
          enableXfa: false,
          useWasm: false,
          stopAtErrors: false,
        });
        const opened = await loading.promise;
        if (!cancelled) setDoc(opened);
      } catch (e) {
        if (!cancelled) setError(pdfErrorText(e));
      }
    })();
    return () => {
      cancelled = true;
      void loading?.destroy();
      worker.terminate();
    };
  }, [base64]);

  useEffect(() => {
    if (doc === null) return;
    let cancelled = false;
    let task: RenderTask | null = null;
    void (async () => {
      try {
        const page = await doc.getPage(pageNumber);
        const canvas = canvasRef.current;
        if (cancelled || canvas === null) return;
        const viewport = page.getViewport({ scale: PAGE_WIDTH / page.getViewport({ scale: 1 }).width });
        canvas.width = Math.ceil(viewport.width);
        canvas.height = Math.ceil(viewport.height);
        task = page.render({ canvas, viewport });
        await task.promise;
        canvas.dataset['page'] = String(pageNumber);
      } catch (e) {
        if (!cancelled && !(e instanceof Error && e.name === 'RenderingCancelledException')) setError(pdfErrorText(e));
      }
    })();
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [doc, pageNumber]);

  if (error !== null) return <Alert as="p" kind="warn" role={null}>{error}</Alert>;
  if (doc === null) return <p className="muted">Drawing the first page…</p>;
  const pages = doc.numPages;
  return (
    <div className="stack">
      <div className="row">
        <button type="button" className="btn" disabled={pageNumber <= 1} onClick={() => setPageNumber((n) => Math.max(1, n - 1))}>
          Previous page
        </button>
        <span aria-live="polite">
          Page {pageNumber} of {pages}
        </span>
        <button type="button" className="btn" disabled={pageNumber >= pages} onClick={() => setPageNumber((n) => Math.min(pages, n + 1))}>
          Next page
        </button>
      </div>
      <canvas ref={canvasRef} className="evidence-canvas evidence-pdf-page" role="img" aria-label={`Page ${pageNumber} of ${name}`} />
    </div>
  );
}

/** pdf.js's failures in words an analyst can act on. */
function pdfErrorText(e: unknown): string {
  const name = e instanceof Error ? e.name : '';
  if (name === 'PasswordException') return 'This PDF is password-protected, so its pages cannot be drawn here. The facts below were read without opening it.';
  if (name === 'InvalidPDFException') return 'This PDF is damaged or not really a PDF, so its pages cannot be drawn. Its hash and custody log are kept; the facts below are what could be read.';
  return 'The pages of this PDF could not be drawn; it may be damaged or use features Offramp does not draw. The facts below are what could be read.';
}
