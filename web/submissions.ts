// Documents this server has taken in and not yet seen stored: queued, being read, or failed, with
// the message the user is shown. Stored documents are read from the database instead.
import { InputError } from '../core/errors.js';
import type { DocumentStage } from '../core/progress.js';
import type { Settings } from '../core/settings.js';
import { admit, release } from '../pipeline/run.js';
import type { Intake } from '../workers/intake.js';

interface SubmissionState {
  sha256: string;
  filename: string;
  pages: number;
  pages_read: number;
  state: 'processing' | 'stored' | 'failed';
  /** while processing: waiting (null), reading its pages, extracting its records, or storing them */
  stage: DocumentStage | null;
  message: string | null;
  submitted_at: string;
}

type ChangeListener = (state: Readonly<SubmissionState>) => void;

export class Submissions {
  private readonly states = new Map<string, SubmissionState>();
  private readonly listeners = new Set<ChangeListener>();

  /** Tells of every change of a document's state (taken in, a page read, a stage, stored, failed); returns how to stop. */
  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(state: SubmissionState): void {
    for (const listener of this.listeners) listener(state);
  }

  constructor(
    private readonly intake: Intake,
    private readonly settings: Settings,
  ) {
    intake.onProgress((sha256, progress) => {
      const state = this.states.get(sha256);
      if (!state || state.state !== 'processing') return;
      if ('page' in progress) state.pages_read = Math.min(state.pages, state.pages_read + 1);
      else state.stage = progress.stage;
      this.changed(state);
    });
  }

  /**
   * Stores the original and hands it to the intake; returns at once with its state. A file that
   * is not a readable document throws an InputError (the caller answers 4xx), nothing is queued.
   */
  async submit(filename: string, bytes: Uint8Array, sha256?: string): Promise<SubmissionState> {
    const document = await admit({ filename, bytes }, this.settings, sha256);
    const { file, pages } = document;
    const existing = this.states.get(file.sha256);
    if (existing?.state === 'processing') {
      await release(document);
      return existing;
    }
    const state: SubmissionState = {
      sha256: file.sha256,
      filename: file.filename,
      pages,
      pages_read: 0,
      state: 'processing',
      stage: null,
      message: null,
      submitted_at: new Date().toISOString(),
    };
    this.states.set(file.sha256, state);
    this.changed(state);
    this.intake.submit(document).then(
      () => {
        state.state = 'stored';
        state.stage = null;
        state.pages_read = pages;
        this.changed(state);
      },
      (error: unknown) => {
        state.state = 'failed';
        state.message = error instanceof Error ? error.message : String(error);
        if (!(error instanceof InputError)) process.stderr.write(`sohoa serve: ${file.filename}: ${state.message}\n`);
        this.changed(state);
      },
    );
    return state;
  }

  /** newest first */
  list(): SubmissionState[] {
    return [...this.states.values()].sort((a, b) => b.submitted_at.localeCompare(a.submitted_at));
  }

  /** Forgets a document that is not being processed (deleted); whether it was known. */
  forget(sha256: string): boolean {
    return this.states.delete(sha256);
  }

  get(sha256: string): SubmissionState | undefined {
    return this.states.get(sha256);
  }
}
