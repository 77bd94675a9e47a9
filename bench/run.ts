// `npm run bench`: every benchmark, each against a peer or an aim measured in the same run.
// `npm run bench -- ocr` (or text-layer, extraction, repair, queue, facts, load) runs one of them.
import { benchExtraction } from './extraction.js';
import { benchFacts } from './facts.js';
import { benchLoad } from './load.js';
import { benchOcr } from './ocr.js';
import { benchQueue } from './queue.js';
import { benchRepair } from './repair.js';
import { benchTextLayer } from './text-layer.js';

const benches: Record<string, () => void | Promise<void>> = {
  'text-layer': benchTextLayer,
  extraction: benchExtraction,
  repair: benchRepair,
  ocr: benchOcr,
  queue: benchQueue,
  facts: benchFacts,
  load: benchLoad,
};
const chosen = process.argv.slice(2);
for (const [name, bench] of Object.entries(benches)) {
  if (chosen.length === 0 || chosen.includes(name)) await bench();
}
