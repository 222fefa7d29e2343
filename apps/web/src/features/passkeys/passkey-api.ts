import type { LoginResult, PasskeySummary } from '@koers/contracts';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser';
import { startAuthentication, startRegistration } from '@simplewebauthn/browser';
import { ApiError, request } from '../../api';

/** The passkey routes (docs/access.md): Mijn instellingen, and the login's second step. */
export const passkeyApi = {
  list: () => request<PasskeySummary[]>('GET', '/me/passkeys'),
  remove: (id: string) => request<void>('DELETE', `/me/passkeys/${encodeURIComponent(id)}`),

  /** "Passkey toevoegen": the server's options, the browser's authenticator, the server's check. */
  async add(name: string): Promise<PasskeySummary> {
    const options = await request<PublicKeyCredentialCreationOptionsJSON>('POST', '/me/passkeys/options');
    let response: RegistrationResponseJSON;
    try {
      response = await startRegistration({ optionsJSON: options });
    } catch (err) {
      throw webAuthnError(err, 'add');
    }
    return request<PasskeySummary>('POST', '/me/passkeys', { name, response });
  },

  /** The login's second step with a passkey instead of a code. */
  async login(challenge: string): Promise<LoginResult> {
    const options = await request<PublicKeyCredentialRequestOptionsJSON>(
      'POST',
      '/auth/mfa/passkey/options',
      { challenge },
      { noRefresh: true },
    );
    let response: AuthenticationResponseJSON;
    try {
      response = await startAuthentication({ optionsJSON: options });
    } catch (err) {
      throw webAuthnError(err, 'login');
    }
    return request<LoginResult>('POST', '/auth/mfa/passkey', { challenge, response }, { noRefresh: true });
  },
};

/** What the browser's WebAuthn call refused, in Dutch (it names no cause: cancelled and not allowed look alike). */
function webAuthnError(err: unknown, during: 'add' | 'login'): ApiError {
  const name = err instanceof Error ? err.name : '';
  if (name === 'InvalidStateError')
    return new ApiError(0, 'PASSKEY_EXISTS', 'Deze passkey is al toegevoegd aan uw account.');
  if (name === 'NotAllowedError' || name === 'AbortError')
    return new ApiError(
      0,
      'PASSKEY_CANCELLED',
      during === 'add'
        ? 'Het toevoegen van de passkey is afgebroken of niet toegestaan. Probeer het opnieuw.'
        : 'Inloggen met de passkey is afgebroken of niet toegestaan. Probeer het opnieuw of gebruik een code.',
    );
  return new ApiError(0, 'PASSKEY_UNAVAILABLE', 'Deze browser of dit apparaat kan hier geen passkey gebruiken.');
}
