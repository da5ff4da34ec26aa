/**
 * Azure Tables errors carry their code in `details.errorCode` and the HTTP status in `statusCode`; a failed
 * transaction (batch) carries its sub-response's code in `code` instead. These helpers read all of them, so
 * callers can branch on meaning rather than on SDK shapes.
 */
interface TablesRestError {
  statusCode?: number;
  code?: string;
  details?: { errorCode?: string };
}

const shape = (err: unknown): TablesRestError => (typeof err === 'object' && err !== null ? err : {});

export const tableErrorCode = (err: unknown): string | undefined =>
  shape(err).details?.errorCode ?? shape(err).code;
export const tableStatus = (err: unknown): number | undefined => shape(err).statusCode;

export const isNotFound = (err: unknown): boolean => tableStatus(err) === 404;
export const isAlreadyExists = (err: unknown): boolean =>
  tableStatus(err) === 409 || tableErrorCode(err) === 'EntityAlreadyExists';
/** A stale ETag: someone else wrote the entity since we read it. */
export const isPreconditionFailed = (err: unknown): boolean =>
  tableStatus(err) === 412 || tableErrorCode(err) === 'UpdateConditionNotSatisfied';

/** Raised when an ETag-conditional write loses to another writer. */
export class ConcurrencyError extends Error {
  constructor(readonly key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'ConcurrencyError';
  }
}
