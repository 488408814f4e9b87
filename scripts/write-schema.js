// Publishes the config's JSON Schema from the same zod definition the loader validates with.
// Run `npm run schema` after changing src/core/model.ts; test/schema.test.ts fails until you do.
import { mkdirSync, writeFileSync } from 'node:fs';
import { toConfigJsonSchema } from '../dist/core/config/schema.js';

mkdirSync(new URL('../schema', import.meta.url), { recursive: true });
writeFileSync(new URL('../schema/scoring.schema.json', import.meta.url), `${JSON.stringify(toConfigJsonSchema(), null, 2)}\n`);
