// Placeholder; the hardened main process follows.
export {};
