// `npm run bench`: every benchmark, each against a peer measured in the same run.
import { benchTextLayer } from './text-layer.js';

await benchTextLayer();
