import { exportRss } from './exportRss';

// Entry of the bundle build/benchExportRss.mjs runs: one JSON object on stdout.
exportRss().then(
  (figures) => process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`),
  (error: unknown) => {
    process.stderr.write(`bench export-rss: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
