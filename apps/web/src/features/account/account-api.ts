import type {
  AccountEmail,
  AccountSession,
  EndedSessions,
  InvitationDelivery,
  MfaEnrolment,
  MfaPolicy,
  MfaRecoveryCodes,
  MfaStatus,
  PasswordResetRequested,
  SsoProviderSummary,
} from '@koers/contracts';
import { request } from '../../api';

export type { MfaStatus };

/** The account's own routes: invitations, forgotten and changed passwords. None may trigger a session refresh. */
export const accountApi = {
  resendInvitation: (userId: string) =>
    request<InvitationDelivery>('POST', `/users/${encodeURIComponent(userId)}/invitation`),
  acceptInvitation: (token: string, password: string) =>
    request<AccountEmail>('POST', '/invitations/accept', { token, password }, { noRefresh: true }),
  requestPasswordReset: (email: string) =>
    request<PasswordResetRequested>('POST', '/auth/password-reset', { email }, { noRefresh: true }),
  confirmPasswordReset: (token: string, password: string) =>
    request<AccountEmail>('POST', '/auth/password-reset/confirm', { token, password }, { noRefresh: true }),
  unlock: (token: string) => request<AccountEmail>('POST', '/auth/unlock', { token }, { noRefresh: true }),
  completeMfa: (challenge: string, code: string) =>
    request<unknown>('POST', '/auth/mfa', { challenge, code }, { noRefresh: true }),
  mfaStatus: () => request<MfaStatus>('GET', '/me/mfa'),
  ssoProviders: () => request<SsoProviderSummary[]>('GET', '/auth/oidc/providers', undefined, { noRefresh: true }),
  startMfa: () => request<MfaEnrolment>('POST', '/me/mfa/setup'),
  confirmMfa: (code: string) => request<MfaRecoveryCodes>('POST', '/me/mfa/confirm', { code }),
  resetMfa: (userId: string) => request<void>('POST', `/users/${encodeURIComponent(userId)}/mfa/reset`),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<void>('POST', '/me/password', { currentPassword, newPassword }),
  mfaPolicy: () => request<MfaPolicy>('GET', '/mfa-policy'),
  saveMfaPolicy: (policy: MfaPolicy) => request<MfaPolicy>('PUT', '/mfa-policy', policy),
  sessions: () => request<AccountSession[]>('GET', '/me/sessions'),
  endSession: (sessionId: string) => request<void>('DELETE', `/me/sessions/${encodeURIComponent(sessionId)}`),
  endOtherSessions: () => request<EndedSessions>('POST', '/me/sessions/end-others'),
};

/** The one-time token of a link like /uitnodiging#token=… (kept in the fragment: never sent to a server). */
export function tokenFromHash(hash: string): string {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
}

/** The full address of a link path the API returned, for the secretariat to hand over. */
export function absoluteLink(path: string): string {
  return window.location.origin + path;
}

export const PASSWORD_HINT =
  'Minstens 12 tekens. Niet uw e-mailadres en geen bekend wachtwoord. Een zin van een paar woorden werkt goed.';
