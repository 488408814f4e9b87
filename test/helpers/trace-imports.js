// node --import this file: appends every module URL the process resolves to $PM_RANK_TRACE.
import { register } from 'node:module';

register('./trace-hooks.js', import.meta.url);
