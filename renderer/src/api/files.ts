/**
 * The path on disk of a file dropped on the window (Electron's webUtils, through
 * the preload; the test harness emulates it). Empty when there is none, e.g. a
 * file dragged from another application's memory.
 */
export async function pathForFile(file: File): Promise<string> {
  const bridge = window.offramp as { pathForFile?: (f: File) => string | Promise<string> } | undefined;
  if (bridge?.pathForFile === undefined) return '';
  const path = await Promise.resolve(bridge.pathForFile(file));
  return typeof path === 'string' ? path : '';
}
