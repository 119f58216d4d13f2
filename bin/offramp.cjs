#!/usr/bin/env node
'use strict';
// The `offramp` command. The CLI is bundled by `npm run build:cli` (run by `npm ci`
// through the prepare script) into dist/cli; this shim only loads it.
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', 'dist', 'cli', 'offramp.cjs');
if (!fs.existsSync(bundle)) {
  process.stderr.write('offramp: the command is not built yet. Run "npm run build:cli" in the repository.\n');
  process.exit(1);
}
require(bundle);
