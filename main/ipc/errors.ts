import type { ApiError, ErrorCode } from '../../preload/contract';

const KNOWN: readonly ErrorCode[] = ['BAD_INPUT', 'NOT_FOUND', 'CONFLICT', 'CANCELLED', 'FORBIDDEN', 'STORE'];

/** Maps a thrown error to plain data. Only our own error classes carry a `code`; the rest are INTERNAL. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof Error) {
    const code = (err as Error & { code?: unknown }).code;
    if (typeof code === 'string' && (KNOWN as readonly string[]).includes(code)) {
      return { code: code as ErrorCode, message: err.message };
    }
    return { code: 'INTERNAL', message: `internal error: ${err.message}` };
  }
  return { code: 'INTERNAL', message: `internal error: ${String(err)}` };
}
