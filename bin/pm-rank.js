#!/usr/bin/env node
import module from 'node:module';

// Node 22.1+ caches compiled code on disk between runs; Node 20 has no such API and skips it.
module.enableCompileCache?.();
await import('../dist/bundle/cli.js');
