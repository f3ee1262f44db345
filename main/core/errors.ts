/**
 * Errors that cross layers as data. `InputError` is the user's fault (bad file, flag, payload):
 * the CLI exits 2 and IPC answers `{ ok: false, error: { code: 'BAD_INPUT' } }`. Its message names
 * the field, line or value. Anything else is an internal error (exit 1, code 'INTERNAL').
 */
export class InputError extends Error {
  readonly code = 'BAD_INPUT' as const;
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

export class NotFoundError extends Error {
  readonly code = 'NOT_FOUND' as const;
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

export class CancelledError extends Error {
  readonly code = 'CANCELLED' as const;
  constructor(message = 'cancelled') {
    super(message);
    this.name = 'CancelledError';
  }
}

/** Throw an InputError unless `condition` holds. */
export function require_(condition: boolean, message: string): asserts condition {
  if (!condition) throw new InputError(message);
}
