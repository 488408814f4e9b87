// The fast parser's floor: the file decoded as pm-rank decodes it, through CsvRecordParser with pm-rank's options, counting records.
// Run `npm run build` first; compare with bench/floor.js (csv-parse) side by side.
import { createReadStream } from 'node:fs';
import { CsvRecordParser } from '../dist/input/csv/csv-records.js';

let records = 0;
const parser = new CsvRecordParser({ delimiter: ',', maxRecordSize: 1 << 20, isFlat: true });
const onRecord = () => {
  records += 1;
};
const decoder = new TextDecoder('utf-8');
for await (const chunk of createReadStream(process.argv[2], { highWaterMark: 1 << 16 })) {
  parser.write(decoder.decode(chunk, { stream: true }), onRecord);
}
parser.write(decoder.decode(), onRecord);
parser.end(onRecord);
console.log(records);
