import { execFileSync } from 'node:child_process';

/** Facts about a PDF from poppler's pdfinfo: page count and the first page's size in points. */
export function pdfInfo(path: string): { pages: number; width: number; height: number } {
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? NaN);
  const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info);
  return { pages, width: Number(size?.[1] ?? NaN), height: Number(size?.[2] ?? NaN) };
}

/** The text of each page, laid out as on paper (pdftotext -layout), without blank lines. */
export function pdfPageLines(path: string): string[][] {
  const { pages } = pdfInfo(path);
  return Array.from({ length: pages }, (_, i) =>
    execFileSync('pdftotext', ['-layout', '-f', String(i + 1), '-l', String(i + 1), path, '-'], { encoding: 'utf8' })
      .split('\n')
      .map((line) => line.trimEnd())
      .filter((line) => line.trim() !== ''),
  );
}

/** Renders every page to PNG (pdftoppm), to be looked at: `${prefix}-1.png`, … */
export function renderPages(path: string, prefix: string, dpi = 60): void {
  execFileSync('pdftoppm', ['-png', '-r', String(dpi), path, prefix]);
}

interface Word {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  text: string;
}

function pageWords(path: string, page: number): { width: number; words: Word[] } {
  const xml = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), path, '-'], { encoding: 'utf8' });
  const width = Number(/<page width="([\d.]+)"/.exec(xml)?.[1] ?? NaN);
  const words = [...xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    x0: Number(m[1]),
    y0: Number(m[2]),
    x1: Number(m[3]),
    y1: Number(m[4]),
    text: m[5] ?? '',
  }));
  return { width, words };
}

const pageNumbers = (path: string) => Array.from({ length: pdfInfo(path).pages }, (_, i) => i + 1);

/**
 * Per page, the glyphs taller than `minHeight` points (a watermark's, not body
 * text), left to right. pdftotext splits rotated text into letters, so they are
 * joined without spaces: a watermark "Dana Whitfield" reads "DanaWhitfield".
 */
export function pdfLargeText(path: string, minHeight = 25): string[] {
  return pageNumbers(path).map((page) =>
    pageWords(path, page)
      .words.filter((w) => w.y1 - w.y0 > minHeight)
      .sort((a, b) => a.x0 - b.x0)
      .map((w) => w.text)
      .join(''),
  );
}

/**
 * Layout faults a reader would see: text outside the page's left and right
 * margins (cut off or overflowing; 2 pt allowed for glyph metrics), and words drawn over other words (overlapping
 * banners, cells spilling into their neighbours). Watermark glyphs are ignored.
 */
export function pdfLayoutProblems(path: string, marginPt: number, minHeight = 25): string[] {
  const problems: string[] = [];
  for (const page of pageNumbers(path)) {
    const { width, words } = pageWords(path, page);
    const text = words.filter((w) => w.y1 - w.y0 <= minHeight);
    for (const w of text) if (w.x0 < marginPt - 2 || w.x1 > width - marginPt + 2) problems.push(`page ${page}: "${w.text}" reaches into the side margin`);
    for (let i = 0; i < text.length; i += 1) {
      for (let j = i + 1; j < text.length; j += 1) {
        const a = text[i];
        const b = text[j];
        if (a === undefined || b === undefined) continue;
        const dx = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
        const dy = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
        if (dx > 1 && dy > 1) problems.push(`page ${page}: "${a.text}" overlaps "${b.text}"`);
      }
    }
  }
  return problems;
}
