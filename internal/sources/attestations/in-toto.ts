// In-toto statements (github.com/in-toto/attestation spec/v1/statement.md), bare or wrapped in a
// DSSE envelope (github.com/secure-systems-lab/dsse envelope.md) as cosign and GitHub attach them.
// Signatures are not verified here: this source shows what the publisher claims, it does not gate.
import { isRecord } from '../../oci/manifest.js';
import { ATTESTATION_MEDIA_TYPES } from './types.js';

export interface Statement {
  readonly predicateType: string;
  readonly predicate: unknown;
}

/** Thrown for bytes that are no statement; the caller names the blob. */
export class StatementShapeError extends Error {
  override readonly name = 'StatementShapeError';
}

export function parseStatement(bytes: Uint8Array): Statement {
  const document = parseJson(new TextDecoder().decode(bytes));
  const statement =
    isRecord(document) && document.payloadType === ATTESTATION_MEDIA_TYPES.inToto
      ? parseJson(Buffer.from(String(document.payload), 'base64').toString('utf8'))
      : document;
  if (!isRecord(statement) || typeof statement.predicateType !== 'string') {
    throw new StatementShapeError('it is not an in-toto statement (no "predicateType")');
  }
  return { predicateType: statement.predicateType, predicate: statement.predicate };
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new StatementShapeError('it is not JSON', { cause });
  }
}
