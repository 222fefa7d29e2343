import { DomainError, ErrorCode } from '@koers/core';

export const malformed = (detail: string) =>
  new DomainError(ErrorCode.ValidationFailed, `Ongeldig bericht: ${detail}.`);
export const tooLarge = (limit: number) =>
  new DomainError(ErrorCode.PayloadTooLarge, `Het bericht is groter dan ${Math.round(limit / 1024)} kB.`);
export const readOnly = () => new DomainError(ErrorCode.Forbidden, 'U kunt dit document alleen lezen.');
export const notJoined = () => new DomainError(ErrorCode.Forbidden, 'Open het document eerst (join).');
export const loadFailed = () =>
  new DomainError(ErrorCode.Internal, 'Het document kon niet worden geladen. Probeer het opnieuw.');
export const rateLimited = () => new DomainError(ErrorCode.RateLimited, 'Te veel berichten. Even geduld.');
