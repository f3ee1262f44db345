import { z } from 'zod';
import { Finite, JobId } from './common';

export const AppInfoOutput = z.strictObject({
  name: z.string(),
  version: z.string(),
  /** Schema version of the open database (number of applied migrations). */
  schemaVersion: z.number().int(),
  /** The per-user data directory; the only place the app writes unless the user picks a file. */
  dataDir: z.string(),
});
export type AppInfoOutput = z.infer<typeof AppInfoOutput>;

export const CreateSampleInput = z.strictObject({
  /** Generator seed; the default reproduces the documented sample workspace. */
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(20260101),
  jobId: JobId.optional(),
});
export type CreateSampleInput = z.input<typeof CreateSampleInput>;

export const CreateSampleOutput = z.strictObject({
  synthetic: z.literal(true),
  seed: z.number().int(),
  datasetId: z.string(),
  bookId: z.string(),
  assets: z.array(z.string()),
  days: z.number().int(),
  firstDate: z.string(),
  lastDate: z.string(),
  accounts: z.number().int(),
  positions: z.number().int(),
  durationMs: Finite,
});
export type CreateSampleOutput = z.infer<typeof CreateSampleOutput>;
