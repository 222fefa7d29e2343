import { Injectable, Logger } from '@nestjs/common';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type {
  AuthenticationResponseJSON,
  AuthenticatorTransportFuture,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { createHash } from 'node:crypto';
import type { Actor } from '@koers/access';
import { AuditService } from '@koers/audit';
import type { PasskeySummary } from '@koers/contracts';
import { conflict, notFound, validationFailed } from '@koers/core';
import { AuthService, ClientInfo, IssuedTokens } from '../auth/auth.service';
import { MfaRepository } from '../mfa/mfa.repository';
import { PasskeyRepository, StoredPasskey } from './passkey.repository';

/** Where Koers is opened: the WebAuthn relying party (its host name) and the origin the browser signs. */
export interface RelyingParty {
  id: string;
  origin: string;
}

/** A ceremony (registration, or the login's second step) must be finished within this time. */
const CEREMONY_TIMEOUT_MS = 5 * 60_000;
const MAX_PASSKEYS = 10;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

const summaryOf = (passkey: StoredPasskey): PasskeySummary => ({
  id: passkey.id,
  name: passkey.name,
  createdAt: passkey.createdAt.toISOString(),
  lastUsedAt: passkey.lastUsedAt?.toISOString() ?? null,
  backedUp: passkey.backedUp,
});

const notVerified = () =>
  validationFailed(
    [{ field: 'response', messages: ['Deze passkey kon niet worden gecontroleerd. Probeer het opnieuw.'] }],
    'Deze passkey kon niet worden gecontroleerd.',
  );

/**
 * Passkeys (WebAuthn) as a second factor beside the authenticator app (docs/access.md), with
 * @simplewebauthn/server: registered in Mijn instellingen, used at the login's second step. Only the
 * credential's id, public key, counter and transports are stored; no attestation is asked (`none`).
 */
@Injectable()
export class PasskeyService {
  private readonly logger = new Logger(PasskeyService.name);

  constructor(
    private readonly passkeys: PasskeyRepository,
    private readonly mfa: MfaRepository,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor): Promise<PasskeySummary[]> {
    return (await this.passkeys.listOf(actor.userId)).map(summaryOf);
  }

  /** "Passkey toevoegen": the options for the browser's navigator.credentials.create(). */
  async registrationOptions(actor: Actor, rp: RelyingParty): Promise<PublicKeyCredentialCreationOptionsJSON> {
    const existing = await this.passkeys.listOf(actor.userId);
    if (existing.length >= MAX_PASSKEYS)
      throw conflict(`U heeft al ${MAX_PASSKEYS} passkeys. Verwijder er eerst een die u niet meer gebruikt.`);
    const options = await generateRegistrationOptions({
      rpName: 'Koers',
      rpID: rp.id,
      userName: actor.email,
      userDisplayName: actor.displayName,
      // The same user handle for every passkey of the account: its id, not the e-mail address.
      userID: Buffer.from(actor.userId.replace(/-/g, ''), 'hex'),
      attestationType: 'none',
      excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: transportsOf(p) })),
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
      timeout: CEREMONY_TIMEOUT_MS,
    });
    await this.passkeys.startRegistration(actor.userId, options.challenge, new Date(Date.now() + CEREMONY_TIMEOUT_MS));
    return options;
  }

  /** Checks what the authenticator made against the registration's challenge and stores the passkey. */
  async add(actor: Actor, name: string, response: Record<string, unknown>, rp: RelyingParty): Promise<PasskeySummary> {
    const expectedChallenge = await this.passkeys.takeRegistration(actor.userId);
    const refuse = async (reason: string) =>
      this.audit.recordFailed(actor, {
        action: 'passkey.add',
        entityType: 'user',
        entityId: actor.userId,
        summary: { reason },
      });
    if (!expectedChallenge) {
      await refuse('no_registration');
      throw validationFailed(
        [{ field: 'response', messages: ['Het toevoegen duurde te lang of is al afgerond. Probeer het opnieuw.'] }],
        'Het toevoegen van de passkey is verlopen.',
      );
    }
    let registration: Awaited<ReturnType<typeof verifyRegistrationResponse>> | null = null;
    try {
      registration = await verifyRegistrationResponse({
        response: response as unknown as RegistrationResponseJSON,
        expectedChallenge,
        expectedOrigin: rp.origin,
        expectedRPID: rp.id,
        requireUserVerification: false,
      });
    } catch (err) {
      this.logger.warn(`Passkey registration of ${actor.userId} refused: ${(err as Error).message}`);
    }
    if (!registration?.verified || !registration.registrationInfo) {
      await refuse('not_verified');
      throw notVerified();
    }
    const { credential, credentialDeviceType, credentialBackedUp } = registration.registrationInfo;
    const saved = await this.passkeys.add({
      userId: actor.userId,
      name: name.trim(),
      credentialId: credential.id,
      publicKey: credential.publicKey,
      counter: credential.counter,
      transports: credential.transports ?? [],
      deviceType: credentialDeviceType,
      backedUp: credentialBackedUp,
    });
    if (!saved) {
      await refuse('already_registered');
      throw conflict('Deze passkey is al toegevoegd.');
    }
    await this.audit.recordChange(actor, {
      action: 'passkey.add',
      entityType: 'passkey',
      entityId: saved.id,
      summary: { name: saved.name, backedUp: saved.backedUp },
    });
    return summaryOf(saved);
  }

  async remove(actor: Actor, id: string): Promise<void> {
    const name = await this.passkeys.remove(actor.userId, id);
    if (name === null) {
      await this.audit.recordDenied(actor, { action: 'passkey.remove', entityType: 'passkey', entityId: id });
      throw notFound('De passkey');
    }
    await this.audit.recordChange(actor, {
      action: 'passkey.remove',
      entityType: 'passkey',
      entityId: id,
      summary: { name },
    });
  }

  /** The login's second step with a passkey: the options for navigator.credentials.get(), tied to the challenge. */
  async loginOptions(
    challenge: string,
    rp: RelyingParty,
    ip: string | null,
  ): Promise<PublicKeyCredentialRequestOptionsJSON> {
    const userId = await this.auth.challengedUser(challenge, ip);
    const passkeys = await this.passkeys.listOf(userId);
    if (!passkeys.length)
      throw conflict('Voor uw account is geen passkey ingesteld. Gebruik de code uit uw authenticator-app.');
    const options = await generateAuthenticationOptions({
      rpID: rp.id,
      allowCredentials: passkeys.map((p) => ({ id: p.credentialId, transports: transportsOf(p) })),
      userVerification: 'preferred',
      timeout: CEREMONY_TIMEOUT_MS,
    });
    await this.mfa.setWebauthnChallenge(sha256(challenge), options.challenge);
    return options;
  }

  /**
   * Completes the login with what the passkey signed. A wrong or replayed signature counts toward the
   * challenge's and this source's limits like a wrong code (AuthService.completeSecondFactor).
   */
  completeLogin(
    challenge: string,
    response: Record<string, unknown>,
    rp: RelyingParty,
    client: ClientInfo,
  ): Promise<IssuedTokens> {
    return this.auth.completeSecondFactor(
      challenge,
      client,
      async (userId) => {
        const expectedChallenge = await this.mfa.webauthnChallenge(sha256(challenge));
        if (!expectedChallenge) return { reason: 'passkey_without_options' };
        const passkey = typeof response.id === 'string' ? await this.passkeys.findOfUser(userId, response.id) : null;
        if (!passkey) return { reason: 'passkey_unknown' };
        try {
          const verification = await verifyAuthenticationResponse({
            response: response as unknown as AuthenticationResponseJSON,
            expectedChallenge,
            expectedOrigin: rp.origin,
            expectedRPID: rp.id,
            credential: {
              id: passkey.credentialId,
              publicKey: passkey.publicKey,
              counter: passkey.counter,
              transports: transportsOf(passkey),
            },
            requireUserVerification: false,
          });
          if (!verification.verified) return { reason: 'passkey_not_verified' };
          // Only once per signature counter: a concurrent use of the same signature loses.
          if (!(await this.passkeys.used(passkey.id, passkey.counter, verification.authenticationInfo.newCounter)))
            return { reason: 'passkey_replayed' };
          return { method: 'passkey' };
        } catch (err) {
          this.logger.warn(`Passkey login of ${userId} refused: ${(err as Error).message}`);
          return { reason: 'passkey_not_verified' };
        }
      },
      'Deze passkey kon niet worden gecontroleerd. Probeer het opnieuw of gebruik de code uit uw authenticator-app.',
    );
  }
}

const transportsOf = (passkey: StoredPasskey) => passkey.transports as AuthenticatorTransportFuture[];
