import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

/** Prefix of every sealed value; a column constraint refuses anything else (docs/access.md). */
export const SEALED_PREFIX = 'koers-aes-gcm:v1:';

interface Key {
  id: string;
  key: Buffer;
}

/** A 256-bit key from any secret of at least 32 characters, HKDF-SHA256 with a label per use. */
function deriveKey(material: string, purpose: string): Key {
  const key = Buffer.from(hkdfSync('sha256', material, 'koers', `koers/${purpose}`, 32));
  // The id names the key in each sealed value (so a rotation knows which key opens it); it reveals nothing.
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 12), key };
}

/**
 * Encryption at rest of small secrets (the TOTP secrets) with AES-256-GCM from node:crypto. A sealed value is
 * `koers-aes-gcm:v1:<key id>:<iv>:<tag>:<ciphertext>` (base64url). The context (e.g. `totp:<user id>`) is
 * bound as additional authenticated data, so a sealed value copied to another row does not open.
 * `previous` keys only open values; `seal` always uses the current one (key rotation, docs/access.md).
 */
export class SecretBox {
  private readonly current: Key;
  private readonly keys = new Map<string, Key>();

  constructor(currentMaterial: string, previousMaterial: string[] = [], purpose = 'totp-secret') {
    this.current = deriveKey(currentMaterial, purpose);
    for (const key of [this.current, ...previousMaterial.map((m) => deriveKey(m, purpose))]) this.keys.set(key.id, key);
  }

  static isSealed(value: string): boolean {
    return value.startsWith(SEALED_PREFIX);
  }

  seal(plain: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [SEALED_PREFIX + this.current.id, iv, cipher.getAuthTag(), ciphertext]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join(':');
  }

  /** The plain value; throws when the value is not sealed, its key is unknown, or it was altered or moved. */
  open(sealed: string, context: string): string {
    if (!SecretBox.isSealed(sealed)) throw new Error('Not a sealed value');
    const [keyId, iv, tag, ciphertext] = sealed.slice(SEALED_PREFIX.length).split(':');
    const key = this.keys.get(keyId);
    if (!key) throw new Error(`Sealed with an unknown key (${keyId}); set KOERS_SECRET_KEY_PREVIOUS`);
    const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** Whether a sealed value uses the current key (false: re-seal it after a rotation). */
  isCurrent(sealed: string): boolean {
    return sealed.startsWith(this.currentPrefix());
  }

  /** The start of every value sealed with the current key (for finding the others in SQL). */
  currentPrefix(): string {
    return SEALED_PREFIX + this.current.id + ':';
  }
}

/** The installation's box for TOTP secrets: KOERS_SECRET_KEY, or else derived from the JWT secret. */
export function secretBoxOf(auth: { secretKey: string; previousSecretKeys: string[] }): SecretBox {
  return new SecretBox(auth.secretKey, auth.previousSecretKeys);
}

let forMigrations: SecretBox | null = null;

/** Set by the DatabaseModule before migrations run: the migration that seals existing secrets needs the key. */
export function setMigrationSecretBox(box: SecretBox | null): void {
  forMigrations = box;
}

export function migrationSecretBox(): SecretBox {
  if (!forMigrations) throw new Error('No secret key for the migrations (DatabaseModule sets it from the config)');
  return forMigrations;
}
