/** A store problem the user can act on (newer database, read-only file, full disk, locked). */
export class StoreError extends Error {
  readonly code = 'STORE' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
  }
}

/** Turns SQLite's terse codes into messages that say what to do. Other errors pass through. */
export function explainSqliteError(err: unknown, dbPath: string): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return err;
  const detail = (err as Error).message;
  if (code.startsWith('SQLITE_FULL')) return new StoreError(`the disk holding ${dbPath} is full; nothing was saved (${detail})`, { cause: err });
  if (code.startsWith('SQLITE_READONLY')) return new StoreError(`${dbPath} is read-only; nothing was saved (${detail})`, { cause: err });
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new StoreError(`${dbPath} is busy: another process is writing it; try again (${detail})`, { cause: err });
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new StoreError(`${dbPath} is not a valid Margin Workbench database (${detail})`, { cause: err });
  }
  if (code === 'SQLITE_IOERR_WRITE' || code === 'SQLITE_IOERR_FSYNC' || code === 'SQLITE_IOERR_TRUNCATE') {
    // A write refused by the OS: ENOSPC is reported as SQLITE_FULL, but EFBIG (a file-size limit,
    // `ulimit -f`) and device errors arrive here.
    return new StoreError(`cannot write ${dbPath}: the disk is full, a file-size limit was reached or the disk failed; nothing was saved (${detail})`,
      { cause: err });
  }
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) {
    return new StoreError(`cannot read or write ${dbPath}: ${detail}`, { cause: err });
  }
  if (code.startsWith('SQLITE_CONSTRAINT')) return new StoreError(`store constraint violated: ${detail}`, { cause: err });
  return new StoreError(`database error on ${dbPath}: ${detail}`, { cause: err });
}
