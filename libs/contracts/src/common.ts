/** A moment as an ISO 8601 string in UTC, e.g. '2026-11-24T09:30:00.000Z' (a `Date` on the server). */
export type IsoDateTime = string;
/** A Dutch calendar day as 'YYYY-MM-DD'. */
export type IsoDate = string;

/** One page of a longer list. */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/**
 * What the server may hand to JSON for a wire type `T`: the same shape, where any string may still be a
 * `Date` (JSON turns it into the ISO string). Lets the server keep `Date` in its models while TypeScript
 * checks that what it sends is what the contract says.
 */
export type Serializable<T> = T extends string
  ? T | Date
  : T extends number | boolean | null | undefined
    ? T
    : T extends ReadonlyArray<infer E>
      ? ReadonlyArray<Serializable<E>>
      : T extends object
        ? { [K in keyof T]: Serializable<T[K]> }
        : T;

/** Marks a server value as the wire type it serialises to (no runtime work: JSON does the conversion). */
export function asWire<T>(value: Serializable<T>): T {
  return value as T;
}

/**
 * A wire type as the server holds it before JSON: the named date-time fields as `Date` (nullable stays
 * nullable). `Dated<Action, 'createdAt'>` is the server's model of the contract's `Action`.
 */
export type Dated<T, K extends keyof T> = Omit<T, K> & { [P in K]: null extends T[P] ? Date | null : Date };

/** A database id: a UUID string (`format: uuid` in the OpenAPI document). */
export type Uuid = string;
