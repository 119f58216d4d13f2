/**
 * Deleting every row of a disposed case, and emptying the write-ahead log after
 * it, are the embedded engine's work: they live in data/disposal.ts.
 */
export { checkpointTruncate, purgeCase, type PurgedCase } from '../data/disposal';
