import { z } from 'zod';

// The CSP forbids eval, so zod's probe for it (new Function) would be refused and
// reported as a violation on every start. Imported first by main.tsx, before any
// schema is built.
z.config({ jitless: true });
