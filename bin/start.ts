// `npm start`: the server on embedded defaults (in-process workers, PGlite under SOHOA_DATA_DIR),
// with the bundled sample scans processed on first start.
import { loadSettings } from '../core/settings.js';
import { serve } from './serve.js';

await serve(loadSettings(), { samples: true });
