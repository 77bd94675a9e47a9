// samples/manifest.json: one entry per sample scan.
import { z } from 'zod';

const ManifestEntrySchema = z.object({
  file: z.string(),
  seed: z.array(z.string()),
  variant: z.enum(['clean', 'office', 'stripped-layer', 'rotated', 'multi']),
  pages: z.number().int().positive(),
  dpi: z.number().int().positive(),
  /** clockwise turn of each page as scanned; a reader must turn it back */
  rotation: z.array(z.number().int()),
  /** the seed and page (1-based) whose drawn text each PDF page shows */
  truth: z.array(z.object({ seed: z.string(), page: z.number().int().positive() })),
  /** the seed whose text lies invisibly over the scan, if any */
  text_layer: z.string().nullable(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const ManifestSchema = z.array(ManifestEntrySchema);
export type ManifestEntry = z.infer<typeof ManifestEntrySchema>;
