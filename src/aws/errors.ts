// The plain facts of an SDK exception, for core/errors.ts to put into words.
import type { FailureFacts } from '../core/errors';

export function failureFacts(e: unknown): FailureFacts {
  if (typeof e !== 'object' || e === null) return { name: 'Error', message: String(e) };
  const err = e as { name?: string; message?: string; code?: string; $metadata?: { requestId?: string; httpStatusCode?: number }; cause?: { code?: string } };
  return {
    name: err.name ?? 'Error',
    message: err.message ?? String(e),
    requestId: err.$metadata?.requestId,
    httpStatus: err.$metadata?.httpStatusCode,
    code: err.code ?? err.cause?.code,
  };
}
