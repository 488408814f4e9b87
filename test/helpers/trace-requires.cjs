// node --require this file: on exit, writes every module file the process loaded to $PM_RANK_TRACE.
const { writeFileSync } = require('node:fs');

process.on('exit', () => writeFileSync(process.env.PM_RANK_TRACE, Object.keys(require.cache).join('\n')));
