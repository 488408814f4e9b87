#!/usr/bin/env node
// CommonJS (bin/package.json says so): an ES module entry would start Node's ESM loader, about 10 ms of every run.
const { enableCompileCache } = require('node:module');

// Node 22.1+ caches compiled code on disk between runs; Node 20 has no such API and skips it.
enableCompileCache?.();
// The bundle only defines the program, so tests can run it in-process; the bin runs it.
void require('../dist/bundle/cli.js').main();
