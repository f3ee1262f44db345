import { z } from 'zod';

/** Decimals cross IPC and files as strings, never JSON numbers (design.md). */
export const DecimalString = z
  .string()
  .max(64)
  .regex(/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d{1,3})?$/, 'must be a decimal number written as a string, e.g. "1234.5"');

export const PositiveDecimalString = DecimalString.refine((s) => Number(s) > 0, 'must be greater than zero');
export const NonNegativeDecimalString = DecimalString.refine((s) => Number(s) >= 0, 'must not be negative');

/** A UTC calendar day. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'is not a real calendar date');

export const Id = z.string().min(1).max(128).regex(/^[A-Za-z0-9_.:-]+$/, 'may contain only letters, digits and _ . : -');
export const Name = z.string().trim().min(1).max(200);
export const AssetSymbol = z.string().min(1).max(20).regex(/^[A-Z0-9]+$/, 'must be an upper-case asset symbol such as BTC');
export const JobId = z.string().min(8).max(64).regex(/^[A-Za-z0-9-]+$/, 'must be a job id (letters, digits, -)');

/** A finite float64 (JSON has no NaN/Infinity; we reject them explicitly when values come from JS). */
export const Finite = z.number().refine(Number.isFinite, 'must be a finite number');

export const Empty = z.strictObject({});
export type Empty = z.infer<typeof Empty>;
