/** Every IPC call returns this shape; errors cross the boundary as plain data. */
export type ErrorCode = 'BAD_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'CANCELLED' | 'FORBIDDEN' | 'STORE' | 'INTERNAL';

export interface ApiError {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ApiError };
