/** The one JSON shape of every error and the status per code live in the wire contract (libs/contracts). */
export { HTTP_STATUS_BY_CODE } from '@koers/contracts';
export type { ErrorBody } from '@koers/contracts';
