import { generateIdentity, identityToRecipient } from 'age-encryption';
import { createHash } from 'node:crypto';
import { encryptPacketStream } from '../../electron/backend/packets/ageLayer';

/**
 * Run in a child process by packetMemory.test.ts, with a young generation too
 * large to fill here (so only buffers, not objects, could set off a collection):
 * encrypts argv[2] MiB, fed in 256 KiB pieces of one reused buffer, consuming
 * the ciphertext as the medium writer does (hash, then ask for the next), and
 * prints one JSON line: the growth of memory held in ArrayBuffers, at its peak.
 */
const MiB = 1024 * 1024;
async function main(): Promise<void> {
  const total = Number(process.argv[2] ?? 16) * MiB;
  const piece = Buffer.alloc(256 * 1024, 7);
  function* pieces(): Generator<Uint8Array> {
    for (let at = 0; at < total; at += piece.length) yield piece;
  }
  const recipient = await identityToRecipient(await generateIdentity());
  const before = process.memoryUsage().arrayBuffers;
  let peak = before;
  const { ciphertext, bytes } = await encryptPacketStream(pieces(), total, { kind: 'recipient', recipient });
  const hash = createHash('sha256');
  let written = 0;
  for (const data of ciphertext) {
    hash.update(data);
    written += data.length;
    peak = Math.max(peak, process.memoryUsage().arrayBuffers);
  }
  process.stdout.write(`${JSON.stringify({ bytes, written, growth: peak - before })}\n`);
}
main().catch((error: unknown) => {
  process.stdout.write(`${JSON.stringify({ error: error instanceof Error ? error.message : String(error) })}\n`);
  process.exitCode = 1;
});
