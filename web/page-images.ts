// Page images for the document view, made from the stored original once and kept under
// SOHOA_DATA_DIR/page-images (a cache: removing it costs only their making again).
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../db/connection.js';
import { pageLayout } from '../db/queries.js';
import { readOriginal } from '../pages/ingest.js';
import { pageView, type Turn } from '../pages/page-view.js';

/** Wide enough to read a 300 DPI A4 page's small print on a desktop screen. */
const VIEW_WIDTH = 1600;

export class PageImages {
  private readonly dir: string;
  /** pages being made now, so that two requests for one page make it once */
  private readonly making = new Map<string, Promise<Buffer | null>>();

  constructor(
    private readonly db: Db,
    private readonly dataDir: string,
  ) {
    this.dir = path.join(dataDir, 'page-images');
  }

  /** The page's image as WebP, or null when the document or the page has none. */
  async get(sha256: string, page: number): Promise<Buffer | null> {
    const layout = await pageLayout(this.db, sha256, page);
    const turn: Turn = { quarterTurns: layout?.quarter_turns ?? 0, deskewDegrees: layout?.deskew_degrees ?? 0 };
    // named by how the page was turned too: a document read again may have been turned otherwise
    const key = `${sha256}-${page}-${turn.quarterTurns}-${turn.deskewDegrees}`;
    const file = path.join(this.dir, `${key}.webp`);
    const cached = await readFile(file).catch(() => null);
    if (cached) return cached;
    let made = this.making.get(key);
    if (!made) {
      made = this.make(sha256, page, turn, file).finally(() => this.making.delete(key));
      this.making.set(key, made);
    }
    return made;
  }

  private async make(sha256: string, page: number, turn: Turn, file: string): Promise<Buffer | null> {
    const original = await readOriginal(this.dataDir, sha256);
    if (!original) return null;
    const image = await pageView(original, page, turn, VIEW_WIDTH);
    if (!image) return null;
    await mkdir(this.dir, { recursive: true });
    await writeFile(file, image);
    return image;
  }

  /** Forgets a deleted document's images. */
  async forget(sha256: string): Promise<void> {
    const files = await readdir(this.dir).catch(() => [] as string[]);
    await Promise.all(files.filter((f) => f.startsWith(`${sha256}-`)).map((f) => rm(path.join(this.dir, f), { force: true })));
  }
}
