/**
 * Every store that holds decrypted case data registers a reset here. Locking the
 * vault calls them all, so nothing decrypted stays in the renderer's memory.
 */
const resets = new Set<() => void>();

export function registerReset(reset: () => void): void {
  resets.add(reset);
}

export function resetAllStores(): void {
  for (const reset of resets) reset();
}
