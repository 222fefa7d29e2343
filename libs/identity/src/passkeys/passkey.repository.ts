import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** A stored passkey: what verifying its next signature needs, and what Mijn instellingen shows. */
export interface StoredPasskey {
  id: string;
  userId: string;
  name: string;
  credentialId: string;
  publicKey: Uint8Array<ArrayBuffer>;
  counter: number;
  transports: string[];
  backedUp: boolean;
  createdAt: Date;
  lastUsedAt: Date | null;
}

interface PasskeyRow {
  id: string;
  user_id: string;
  name: string;
  credential_id: string;
  public_key: Buffer;
  counter: string;
  transports: string[];
  backed_up: boolean;
  created_at: Date;
  last_used_at: Date | null;
}

const toPasskey = (row: PasskeyRow): StoredPasskey => ({
  id: row.id,
  userId: row.user_id,
  name: row.name,
  credentialId: row.credential_id,
  publicKey: new Uint8Array(row.public_key),
  counter: Number(row.counter),
  transports: row.transports,
  backedUp: row.backed_up,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
});

/** passkeys and passkey_registrations (a registration in progress: one challenge per person, five minutes). */
@Injectable()
export class PasskeyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async listOf(userId: string): Promise<StoredPasskey[]> {
    const rows: PasskeyRow[] = await this.dataSource.query(
      'SELECT * FROM passkeys WHERE user_id = $1 ORDER BY created_at, id',
      [userId],
    );
    return rows.map(toPasskey);
  }

  async findOfUser(userId: string, credentialId: string): Promise<StoredPasskey | null> {
    const rows: PasskeyRow[] = await this.dataSource.query(
      'SELECT * FROM passkeys WHERE user_id = $1 AND credential_id = $2',
      [userId, credentialId],
    );
    return rows[0] ? toPasskey(rows[0]) : null;
  }

  async startRegistration(userId: string, challenge: string, expiresAt: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO passkey_registrations (user_id, challenge, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET challenge = $2, expires_at = $3`,
      [userId, challenge, expiresAt],
    );
  }

  /** The challenge of this person's registration in progress, taken once; null when none or expired. */
  async takeRegistration(userId: string): Promise<string | null> {
    const rows: Array<{ challenge: string; live: boolean }> = await this.dataSource.query(
      `WITH taken AS (DELETE FROM passkey_registrations WHERE user_id = $1 RETURNING challenge, expires_at > now() AS live)
       SELECT * FROM taken`,
      [userId],
    );
    return rows[0]?.live ? rows[0].challenge : null;
  }

  /** Stores a verified passkey; null when its credential id is already registered (to anyone). */
  async add(passkey: {
    userId: string;
    name: string;
    credentialId: string;
    publicKey: Uint8Array;
    counter: number;
    transports: string[];
    deviceType: string;
    backedUp: boolean;
  }): Promise<StoredPasskey | null> {
    const rows: PasskeyRow[] = await this.dataSource.query(
      `INSERT INTO passkeys (user_id, name, credential_id, public_key, counter, transports, device_type, backed_up)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (credential_id) DO NOTHING RETURNING *`,
      [
        passkey.userId,
        passkey.name,
        passkey.credentialId,
        Buffer.from(passkey.publicKey),
        passkey.counter,
        passkey.transports,
        passkey.deviceType,
        passkey.backedUp,
      ],
    );
    return rows[0] ? toPasskey(rows[0]) : null;
  }

  /**
   * Records a use with the authenticator's new signature counter, only if the counter moved on from the one
   * read before the check (or both are 0: authenticators without a counter); false for a concurrent use.
   */
  async used(id: string, previousCounter: number, newCounter: number): Promise<boolean> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `WITH used AS (
         UPDATE passkeys SET counter = $3, last_used_at = now()
          WHERE id = $1 AND counter = $2 RETURNING id)
       SELECT id FROM used`,
      [id, previousCounter, newCounter],
    );
    return rows.length === 1;
  }

  /** Removes one of the person's own passkeys; its name, or null when there is no such passkey of theirs. */
  async remove(userId: string, id: string): Promise<string | null> {
    const rows: Array<{ name: string }> = await this.dataSource.query(
      `WITH removed AS (DELETE FROM passkeys WHERE id = $1 AND user_id = $2 RETURNING name) SELECT name FROM removed`,
      [id, userId],
    );
    return rows[0]?.name ?? null;
  }
}
