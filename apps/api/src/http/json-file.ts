import { StreamableFile } from '@nestjs/common';

/**
 * JSON sent as stored bytes (a sealed bundle, byte for byte), typed by what the bytes hold: the contract check
 * (scripts/contract-conformance.mjs) compares `T` with the web's type, and the OpenAPI document describes `T`.
 * The brand exists only for the compiler.
 */
export type JsonFile<T> = StreamableFile & { readonly __json?: T };

/** The bytes of a `T` as JSON (`application/json; charset=utf-8`). */
export function jsonFile<T>(bytes: Buffer): JsonFile<T> {
  return new StreamableFile(bytes, { type: 'application/json; charset=utf-8', length: bytes.length });
}
