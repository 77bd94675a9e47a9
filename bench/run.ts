// `npm run bench`: every benchmark, each against a peer or an aim measured in the same run.
import { benchExtraction } from './extraction.js';
import { benchTextLayer } from './text-layer.js';

await benchTextLayer();
benchExtraction();
