// Publishes the config's JSON Schema from the same zod definition the loader validates with.
import { mkdirSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { configSchema } from '../dist/core/model.js';

const schema = {
  ...z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }),
  title: 'pm-rank scoring model',
};
mkdirSync(new URL('../schema/', import.meta.url), { recursive: true });
writeFileSync(new URL('../schema/scoring.schema.json', import.meta.url), `${JSON.stringify(schema, null, 2)}\n`);
