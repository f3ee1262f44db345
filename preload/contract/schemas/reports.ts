import { z } from 'zod';
import { JobId } from './common';

/** Report sections in reading order (mirrors main/core/report SECTION_IDS; a test keeps them equal). */
export const ReportSection = z.enum(['summary', 'methodology', 'parameters', 'margin', 'calibration', 'backtest', 'stress', 'provenance', 'audit']);
export type ReportSection = z.infer<typeof ReportSection>;

export const ReportFormat = z.enum(['pdf', 'html', 'xlsx', 'csv']);
export type ReportFormat = z.infer<typeof ReportFormat>;

const RunIds = (max: number) => z.array(z.string().min(1).max(64)).min(1, 'choose at least one run').max(max);

/** report:preview — the committee report of stored runs as one self-contained HTML document. */
export const ReportPreviewInput = z.strictObject({
  runIds: RunIds(50),
  /** Default: every section. */
  sections: z.array(ReportSection).min(1).max(20).optional(),
  title: z.string().trim().min(1).max(200).optional(),
  preparer: z.string().trim().max(200).optional(),
});
export const ReportPreviewOutput = z.strictObject({ html: z.string() });

/**
 * report:export — renders and writes into the app's `<data dir>/exports/` folder (the window never
 * names a path). CSV writes a folder with one file per table; `path` is that folder.
 */
export const ReportExportInput = ReportPreviewInput.extend({ format: ReportFormat, jobId: JobId.optional() });
export const ExportedFile = z.strictObject({ fileName: z.string(), bytes: z.number().int().nonnegative(), path: z.string() });
export type ExportedFile = z.infer<typeof ExportedFile>;

/** audit:exportBundle — the runs with their input data as one JSON file in `<data dir>/exports/`. */
export const AuditExportBundleInput = z.strictObject({ runIds: RunIds(100) });
