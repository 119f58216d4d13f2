import { runCli } from './main';
import { nodeIo } from './nodeIo';

// Entry of the `offramp` bin. Exits through the event loop so stdout drains.
runCli(process.argv.slice(2), nodeIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`offramp: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
