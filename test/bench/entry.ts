import { nodeIo } from '../../electron/backend/cli/nodeIo';
import { benchMain } from './main';

// Entry of the bundle build/bench.mjs runs. Exits through the event loop so stdout drains.
benchMain(process.argv.slice(2), nodeIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
