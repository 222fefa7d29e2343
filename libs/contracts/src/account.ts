/** Whether I have a second factor, and whether the policy requires one (GET /api/me/mfa). */
export interface MfaStatus {
  /** The authenticator app (TOTP) is on. */
  enabled: boolean;
  required: boolean;
  recoveryCodesLeft: number;
  /** How many passkeys the person has (each is a second factor too). */
  passkeys: number;
}

/** A passkey in Mijn instellingen (GET /api/me/passkeys): never its key or credential id. */
export interface PasskeySummary {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  /** Synced by the device's platform (e.g. a password manager), so it survives a lost device. */
  backedUp: boolean;
}

/** A new TOTP secret to enrol, with its otpauth URI and QR code as SVG (POST /api/me/mfa/setup). */
export interface MfaEnrolment {
  secret: string;
  otpauthUri: string;
  qrSvg: string;
}

/** The ten recovery codes, shown once when enrolment is confirmed (POST /api/me/mfa/confirm). */
export interface MfaRecoveryCodes {
  recoveryCodes: string[];
}

/** The account a one-time link was for: accepted invitation, new password, lifted lock. */
export interface AccountEmail {
  email: string;
}

/** The same answer whether the address is known or not (POST /api/auth/password-reset). */
export interface PasswordResetRequested {
  message: string;
}

/** How many of my other sessions were ended (POST /api/me/sessions/end-others). */
export interface EndedSessions {
  ended: number;
}
