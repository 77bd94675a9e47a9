// Bull Board at /admin/queues (admins only, web/auth.ts): the queues' jobs, waiting, running,
// failed with their reasons, to retry or clean. Only when documents go through Redis.
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';

export const QUEUE_BOARD = '/admin/queues';

export async function registerQueueBoard(app: FastifyInstance, queues: Queue[]): Promise<void> {
  const serverAdapter = new FastifyAdapter();
  createBullBoard({ queues: queues.map((queue) => new BullMQAdapter(queue)), serverAdapter, options: { uiConfig: { boardTitle: 'sohoa · hàng đợi' } } });
  serverAdapter.setBasePath(QUEUE_BOARD);
  await app.register(
    async (board) => {
      // its page asks Google for a font: an office server's pages ask nothing of other sites
      board.addHook('onSend', async (_request, _reply, payload) =>
        typeof payload === 'string' ? payload.replace(/<link[^>]*fonts\.googleapis\.com[^>]*>/gu, '') : payload,
      );
      await board.register(serverAdapter.registerPlugin());
    },
    { prefix: QUEUE_BOARD },
  );
}
