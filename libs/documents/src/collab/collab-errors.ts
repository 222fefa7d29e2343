import { DomainError, ErrorCode } from '@koers/core';

export const malformed = (detail: string) =>
  new DomainError(ErrorCode.ValidationFailed, `Ongeldig bericht: ${detail}.`);
export const tooLarge = (limit: number) =>
  new DomainError(ErrorCode.PayloadTooLarge, `Het bericht is groter dan ${Math.round(limit / 1024)} kB.`);
export const readOnly = () => new DomainError(ErrorCode.Forbidden, 'U kunt dit document alleen lezen.');
export const notJoined = () => new DomainError(ErrorCode.Forbidden, 'Open het document eerst (join).');
export const loadFailed = () =>
  new DomainError(ErrorCode.Internal, 'Het document kon niet worden geladen. Probeer het opnieuw.');
export const storageFailed = () =>
  new DomainError(ErrorCode.Unavailable, 'De wijziging kon niet worden opgeslagen. Probeer het opnieuw.');
export const permissionCheckTimedOut = () =>
  new DomainError(ErrorCode.Unavailable, 'Uw rechten konden niet worden gecontroleerd. Probeer het opnieuw.');
export const missingDependency = () =>
  new DomainError(ErrorCode.OutOfSync, 'De wijziging bouwt voort op wijzigingen die de server niet heeft.');
export const updateTooBig = (what: string) =>
  new DomainError(ErrorCode.PayloadTooLarge, `De wijziging is te groot: ${what}.`);
export const queueFull = () =>
  new DomainError(ErrorCode.RateLimited, 'Te veel wijzigingen wachten op verwerking. Even geduld.');
export const tooMuchWork = () =>
  new DomainError(ErrorCode.RateLimited, 'Te veel ingewikkelde wijzigingen achter elkaar. Even geduld.');
