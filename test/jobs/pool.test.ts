import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CancelledError, InputError } from '../../main/core/errors';
import { createJobPool, type JobProgress } from '../../main/jobs/pool';

const pool = createJobPool({ workerFile: join(__dirname, 'pool-worker.cjs'), maxThreads: 2 });
afterAll(() => pool.close());

describe('job pool', () => {
  it('runs a task in a worker thread and streams progress ending at 100%', async () => {
    const seen: JobProgress[] = [];
    const n = 200_000;
    const sum = await pool.run<number>('test:sumSquares', { n }, { jobId: 'job-sum-1', onProgress: (p) => seen.push(p) });
    // Σ i² = n(n+1)(2n+1)/6 (exact in float64 here: < 2^53)
    expect(sum).toBe((n * (n + 1) * (2 * n + 1)) / 6);
    expect(seen.at(-1)).toMatchObject({ jobId: 'job-sum-1', kind: 'test:sumSquares', done: n, total: n, message: 'done' });
    expect(pool.list()).toEqual([]);
  });

  it('cancels a task stuck in a tight loop, and the main thread stays responsive meanwhile', async () => {
    const started = Date.now();
    let progressed = false;
    const running = pool.run('test:forever', { never: false }, { jobId: 'job-forever', onProgress: () => { progressed = true; } });
    // The main event loop keeps ticking while the worker spins.
    await new Promise((r) => setTimeout(r, 300));
    expect(progressed).toBe(true);
    expect(pool.list().map((j) => j.jobId)).toEqual(['job-forever']);
    expect(pool.cancel('job-forever')).toBe(true);
    await expect(running).rejects.toBeInstanceOf(CancelledError);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(pool.cancel('job-forever')).toBe(false);
    // The pool still works after a cancel.
    await expect(pool.run<number>('test:sumSquares', { n: 10 }, { jobId: 'job-after' })).resolves.toBe(385);
  });

  it('keeps InputError as InputError across the thread boundary', async () => {
    const err = await pool.run('test:badInput', {}, { jobId: 'job-bad' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toBe('field "x" is wrong');
  });

  it('refuses a duplicate job id', async () => {
    const a = pool.run('test:sumSquares', { n: 3_000_000 }, { jobId: 'job-dup' });
    await expect(pool.run('test:sumSquares', { n: 1 }, { jobId: 'job-dup' })).rejects.toThrow(/already running/);
    await a;
  });
});
