// A reader process's entry: TypeScript through tsx, then the reader itself.
import { register } from 'tsx/esm/api';

register();
await import('./reader-process.ts');
