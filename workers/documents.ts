// Putting documents on the queues and waiting for them: one flow per document, page jobs first,
// then assemble, then store. A file already in flight is waited for, not queued again; a file
// finished in the last day is stored again from its finished work (its rows replaced, never added
// to); a failed one, or one finished longer ago, is read again.
import { FlowProducer, Job, Queue, QueueEvents } from 'bullmq';
import type { Progress } from '../core/progress.js';
import type { StoredSummary } from './processors.js';
import { JOB_OPTIONS, jobIds, jobOf, QUEUES, redisConnection, type DocumentJob } from './queues.js';

export class DocumentQueue {
  private readonly flows: FlowProducer;
  private readonly store: Queue;
  private readonly storeEvents: QueueEvents;
  private readonly pageEvents: QueueEvents;
  private readonly documentEvents: QueueEvents;
  /** the queues of a document's earlier jobs, where the reason a child job failed is read */
  private readonly children: Record<'pages' | 'documents', Queue>;

  constructor(redisUrl: string, prefix: string) {
    this.flows = new FlowProducer({ connection: redisConnection(redisUrl), prefix });
    this.store = new Queue(QUEUES.store, { connection: redisConnection(redisUrl), prefix });
    this.storeEvents = new QueueEvents(QUEUES.store, { connection: redisConnection(redisUrl), prefix });
    this.pageEvents = new QueueEvents(QUEUES.pages, { connection: redisConnection(redisUrl), prefix });
    this.documentEvents = new QueueEvents(QUEUES.documents, { connection: redisConnection(redisUrl), prefix });
    this.children = {
      pages: new Queue(QUEUES.pages, { connection: redisConnection(redisUrl), prefix }),
      documents: new Queue(QUEUES.documents, { connection: redisConnection(redisUrl), prefix }),
    };
  }

  /** A round trip to Redis (the store queue's counts): throws or never settles when Redis is down. */
  async ping(): Promise<void> {
    await this.store.getJobCounts('waiting');
  }

  /** Queues a document of `pageCount` pages; returns the id of its store job. */
  async enqueue(document: DocumentJob, pageCount: number): Promise<string> {
    const id = jobIds.store(document.sha256);
    const existing = await this.store.getJob(id);
    if (existing) {
      const state = await existing.getState();
      // read before (and kept for a day): its pages and records are stored again, not read again
      if (state === 'completed') {
        await existing.retry('completed');
        return id;
      }
      if (state !== 'failed') return id;
      await existing.remove({ removeChildren: true });
    }
    const child = { ...JOB_OPTIONS, failParentOnFailure: true };
    await this.flows.add({
      name: 'store',
      queueName: QUEUES.store,
      data: document,
      opts: { ...JOB_OPTIONS, jobId: id },
      children: [
        {
          name: 'assemble',
          queueName: QUEUES.documents,
          data: document,
          opts: { ...child, jobId: jobIds.assemble(document.sha256) },
          children: Array.from({ length: pageCount }, (_, i) => ({
            name: 'page',
            queueName: QUEUES.pages,
            data: { ...document, page: i + 1 },
            opts: { ...child, jobId: jobIds.page(document.sha256, i + 1) },
          })),
        },
      ],
    });
    return id;
  }

  /** Resolves when the document is stored; rejects with the reason when it failed for good. */
  async finished(storeJobId: string): Promise<StoredSummary> {
    const job = await Job.fromId<DocumentJob, StoredSummary>(this.store, storeJobId);
    if (!job) throw new Error(`Không tìm thấy việc ${storeJobId}.`);
    try {
      return await job.waitUntilFinished(this.storeEvents);
    } catch (error) {
      throw new Error(await this.reasonOf((error as Error).message));
    }
  }

  /** A job failed because a child did (BullMQ: "child <queue key>:<job id> failed"): the failed child's own reason. */
  private async reasonOf(message: string): Promise<string> {
    for (let depth = 0; depth < 3; depth++) {
      const child = /^child .*:(pages|documents):([^:]+) failed$/u.exec(message);
      if (!child) break;
      const job = await Job.fromId(this.children[child[1] as 'pages' | 'documents'], child[2]!);
      if (!job?.failedReason) break;
      message = job.failedReason;
    }
    return message;
  }

  /** Tells, by document hash, of each stage a document's jobs enter and each page finished. */
  onProgress(listener: (sha256: string, progress: Progress) => void): void {
    const told = (events: QueueEvents, event: 'active' | 'completed', progress: (page: number | null) => Progress | null) =>
      events.on(event, ({ jobId }: { jobId: string }) => {
        const job = jobOf(jobId);
        const said = job && progress(job.page);
        if (said) listener(job.sha256, said);
      });
    told(this.pageEvents, 'active', () => ({ stage: 'reading' }));
    told(this.pageEvents, 'completed', (page) => (page === null ? null : { page }));
    told(this.documentEvents, 'active', () => ({ stage: 'extracting' }));
    told(this.storeEvents, 'active', () => ({ stage: 'storing' }));
  }

  async close(): Promise<void> {
    await Promise.all([
      this.flows.close(), this.store.close(), this.storeEvents.close(), this.pageEvents.close(), this.documentEvents.close(),
      this.children.pages.close(), this.children.documents.close(),
    ]);
  }
}
