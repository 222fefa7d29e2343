import type { SsoSettings, SsoSettingsInput } from '@koers/contracts';
import { request } from '../../api';

/** The secretariat's routes for an organisation's single sign-on (docs/access.md). */
export const ssoApi = {
  /** null when the organisation has no provider set. */
  read: async (organisationId: string) =>
    (await request<SsoSettings | null>('GET', `/organisations/${encodeURIComponent(organisationId)}/sso`)) ?? null,
  save: (organisationId: string, input: SsoSettingsInput) =>
    request<SsoSettings>('PUT', `/organisations/${encodeURIComponent(organisationId)}/sso`, input),
  remove: (organisationId: string) =>
    request<void>('DELETE', `/organisations/${encodeURIComponent(organisationId)}/sso`),
};

/** "gemeente.nl, @politie.nl\nom.nl" → ['gemeente.nl', 'politie.nl', 'om.nl'] (the API checks each). */
export function parseDomains(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((d) => d.trim())
    .filter(Boolean);
}
