import { readPacketFile } from '../../electron/backend/packets/receive';

/**
 * Run in a child process by packetMemory.test.ts: reads (decrypts and checks) the
 * packet at argv[2] with the age identity argv[3], sampling the resident set size,
 * and prints one JSON line: the file's SHA-256 and size as read, the idle and peak
 * RSS in bytes.
 */
const [path, identity] = process.argv.slice(2);
const settle = () => new Promise((r) => setTimeout(r, 20));
async function main(): Promise<void> {
  await settle();
  const idle = process.memoryUsage.rss();
  let peak = idle;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 1);
  const read = await readPacketFile(path ?? '', { kind: 'identities', identities: [identity ?? ''] });
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage.rss());
  process.stdout.write(`${JSON.stringify({ packetSha256: read.packetSha256, packetBytes: read.packetBytes, files: read.packet.manifest.files.length, idle, peak })}\n`);
}
main().catch((error: unknown) => {
  process.stdout.write(`${JSON.stringify({ error: error instanceof Error ? error.message : String(error) })}\n`);
  process.exitCode = 1;
});
