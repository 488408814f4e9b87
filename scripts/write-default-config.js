// Validates scoring.example.yaml once at build time and writes dist/default-config.json, so
// `pm-rank score` on the default model starts without loading the YAML parser or the schema.
import { readFileSync, writeFileSync } from 'node:fs';
import { DEFAULT_CONFIG_JSON, DEFAULT_CONFIG_PATH, DEFAULT_CONFIG_SOURCE } from '../dist/input/load-config.js';
import { loadConfigText } from '../dist/input/parse-config.js';

const { config } = loadConfigText(readFileSync(DEFAULT_CONFIG_PATH, 'utf8'), DEFAULT_CONFIG_SOURCE, true);
writeFileSync(DEFAULT_CONFIG_JSON, `${JSON.stringify(config, null, 2)}\n`);
