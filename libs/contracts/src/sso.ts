import type { Uuid } from './common';
/** Why a single sign-on login was refused: the code travels in the redirect to /inloggen?sso-fout=<code>. */
export const SSO_ERRORS = {
  not_invited:
    'U heeft nog geen account in Koers. Vraag het secretariaat om u uit te nodigen; daarna kunt u inloggen via uw organisatie.',
  inactive: 'Uw account in Koers is niet actief. Neem contact op met het secretariaat.',
  email_unverified:
    'Uw organisatie bevestigt uw e-mailadres niet. Inloggen via uw organisatie kan daarom niet; neem contact op met het secretariaat.',
  wrong_domain:
    'Uw e-mailadres hoort niet bij deze organisatie. Kies de juiste organisatie of log in met uw wachtwoord.',
  no_longer_linked:
    'U kunt niet meer inloggen via deze organisatie: uw account of uw e-mailadres hoort er niet (meer) bij. Log in met uw wachtwoord of neem contact op met het secretariaat.',
  expired: 'Deze inlogpoging is verlopen of al gebruikt. Probeer het opnieuw.',
  provider_error: 'Inloggen via uw organisatie is niet gelukt. Probeer het opnieuw of log in met uw wachtwoord.',
  unavailable:
    'Inloggen via uw organisatie is nu niet mogelijk. Probeer het later opnieuw of log in met uw wachtwoord.',
} as const;
export type SsoErrorCode = keyof typeof SSO_ERRORS;

/** GET /api/auth/oidc/providers: what the login page needs to offer "Inloggen met <naam>". */
export interface SsoProviderSummary {
  organisationId: Uuid;
  displayName: string;
  emailDomains: string[];
}

/** GET/PUT /api/organisations/:id/sso: an organisation's OpenID provider, never with the client secret. */
export interface SsoSettings {
  organisationId: Uuid;
  displayName: string;
  issuer: string;
  clientId: string;
  clientSecretSet: boolean;
  emailDomains: string[];
  allowNewAccounts: boolean;
  trustProviderMfa: boolean;
  enabled: boolean;
}

/** PUT /api/organisations/:id/sso: clientSecret left out keeps the stored one. */
export interface SsoSettingsInput {
  displayName: string;
  issuer: string;
  clientId: string;
  clientSecret?: string;
  emailDomains: string[];
  allowNewAccounts: boolean;
  trustProviderMfa: boolean;
  enabled: boolean;
}

/** POST /api/auth/logout: where the browser ends the session at the provider too (single sign-on), else null. */
export interface LogoutResult {
  endSessionUrl: string | null;
}
