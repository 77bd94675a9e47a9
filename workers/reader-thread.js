// A document reader thread's entry: TypeScript through tsx (registered in this thread too: a thread
// does not inherit its parent's module hooks), then the reader itself.
import { register } from 'tsx/esm/api';

register();
await import('./reader-thread.ts');
