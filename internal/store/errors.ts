// Typed failures of the SQLite store. Every message names the database file and says what to do;
// the SQLite error is the `cause`. Messages never echo stored values (a cache key or setting could
// carry something private), only the names of the inputs that were wrong.
import { messageOf } from '../model/message-of.js';

export type StoreErrorCode =
  /** The file is not a SQLite database, or its pages are damaged. */
  | 'corrupt'
  /** Another process holds the write lock longer than the busy timeout. */
  | 'locked'
  /** The file was migrated by a newer build than this one. */
  | 'too-new'
  /** The file or its directory cannot be opened (permissions, disk full, read-only medium). */
  | 'cannot-open'
  /** A migration file is missing, misnumbered or failed to apply. */
  | 'migration-failed'
  /** The caller passed something the store cannot save or query. */
  | 'invalid-input'
  /** The store was closed. */
  | 'closed'
  /** An SQLite failure none of the above explains. */
  | 'unexpected';

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  /** The database file (or `:memory:`). */
  readonly path: string;

  constructor(code: StoreErrorCode, path: string, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'StoreError';
    this.code = code;
    this.path = path;
  }
}

/** better-sqlite3's SqliteError carries the (extended) result code name, e.g. `SQLITE_BUSY_SNAPSHOT`. */
function sqliteCode(error: unknown): string | undefined {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code;
  return undefined;
}

/** Maps whatever better-sqlite3 threw to a StoreError that names the file; StoreErrors pass through. */
export function toStoreError(path: string, error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  const code = sqliteCode(error) ?? '';
  const file = `the store database ${path}`;
  if (code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT')) {
    return new StoreError(
      'corrupt',
      path,
      `${file} is not a SQLite database or is damaged (${code}); move the file aside so a fresh one is created, or restore it from a backup`,
      error,
    );
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new StoreError(
      'locked',
      path,
      `${file} is locked by another process (${code}); close the other Cupdate Desktop instance using it, or use another database file`,
      error,
    );
  }
  if (
    code.startsWith('SQLITE_CANTOPEN') ||
    code.startsWith('SQLITE_READONLY') ||
    code.startsWith('SQLITE_FULL') ||
    code.startsWith('SQLITE_IOERR') ||
    code.startsWith('SQLITE_PERM')
  ) {
    return new StoreError(
      'cannot-open',
      path,
      `${file} cannot be opened or written (${code}); check that its directory exists, is writable and the disk is not full`,
      error,
    );
  }
  if (error instanceof TypeError && /database connection is not open/i.test(error.message)) {
    return new StoreError('closed', path, `${file} was closed; open the store again before using it`, error);
  }
  if (code.startsWith('SQLITE_CONSTRAINT')) {
    return new StoreError(
      'invalid-input',
      path,
      `${file} refused a write that breaks a rule of its schema (${code}: ${messageOf(error)}); this is a bug in the caller, report it`,
      error,
    );
  }
  const reason = messageOf(error);
  return new StoreError(
    'unexpected',
    path,
    `${file} failed: ${reason}; report this with the file attached`,
    error,
  );
}
