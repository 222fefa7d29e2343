import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSecretBox, SEALED_PREFIX } from '../../crypto/secret-box';

/**
 * TOTP secrets encrypted at rest (AES-256-GCM, docs/access.md): the secrets already stored are sealed with
 * the installation's key, and a constraint refuses a plain secret in either column from now on. A database
 * with no secrets yet (a new installation, the test template) needs no key.
 */
export class EncryptTotpSecrets1765120000000 implements MigrationInterface {
  name = 'EncryptTotpSecrets1765120000000';

  async up(db: QueryRunner): Promise<void> {
    const rows: Array<{ id: string; secret: string | null; pending: string | null }> = await db.query(
      `SELECT id, mfa_secret AS secret, mfa_pending_secret AS pending FROM users
        WHERE mfa_secret IS NOT NULL OR mfa_pending_secret IS NOT NULL`,
    );
    if (rows.length) {
      const box = migrationSecretBox();
      const seal = (value: string | null, id: string) =>
        value === null || value.startsWith(SEALED_PREFIX) ? value : box.seal(value, `totp:${id}`);
      for (const row of rows)
        await db.query('UPDATE users SET mfa_secret = $2, mfa_pending_secret = $3 WHERE id = $1', [
          row.id,
          seal(row.secret, row.id),
          seal(row.pending, row.id),
        ]);
    }
    await db.query(`
      ALTER TABLE users ADD CONSTRAINT users_mfa_secret_sealed
        CHECK (mfa_secret IS NULL OR mfa_secret LIKE '${SEALED_PREFIX}%');
      ALTER TABLE users ADD CONSTRAINT users_mfa_pending_secret_sealed
        CHECK (mfa_pending_secret IS NULL OR mfa_pending_secret LIKE '${SEALED_PREFIX}%');
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE users DROP CONSTRAINT users_mfa_secret_sealed;
      ALTER TABLE users DROP CONSTRAINT users_mfa_pending_secret_sealed;
    `);
    const rows: Array<{ id: string; secret: string | null; pending: string | null }> = await db.query(
      `SELECT id, mfa_secret AS secret, mfa_pending_secret AS pending FROM users
        WHERE mfa_secret IS NOT NULL OR mfa_pending_secret IS NOT NULL`,
    );
    if (!rows.length) return;
    const box = migrationSecretBox();
    const open = (value: string | null, id: string) => (value === null ? null : box.open(value, `totp:${id}`));
    for (const row of rows)
      await db.query('UPDATE users SET mfa_secret = $2, mfa_pending_secret = $3 WHERE id = $1', [
        row.id,
        open(row.secret, row.id),
        open(row.pending, row.id),
      ]);
  }
}
