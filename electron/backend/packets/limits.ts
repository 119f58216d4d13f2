import type { TarLimits } from './ustar';

/**
 * Bounds on what a packet may hold, checked before anything is allocated for it.
 * A packet is decrypted and checked as a stream (packets/receive.ts), so its size
 * bounds the time and vault space it can take, not memory;
 * the archive and manifest bounds stop a packet that declares more than it holds.
 */
export interface PacketLimits extends TarLimits {
  /** The encrypted packet file. */
  readonly maxPacketBytes: number;
  /** manifest.json, manifest.sig and signer.pem. */
  readonly maxManifestBytes: number;
  /** case.json and custody.json. */
  readonly maxJsonBytes: number;
}

const MiB = 1024 * 1024;

export const defaultPacketLimits: PacketLimits = {
  maxPacketBytes: 512 * MiB,
  maxEntries: 1_003,
  maxEntryBytes: 256 * MiB,
  maxTotalBytes: 512 * MiB,
  maxManifestBytes: 1 * MiB,
  maxJsonBytes: 64 * MiB,
};
