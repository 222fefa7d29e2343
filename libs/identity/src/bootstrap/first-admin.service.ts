import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@koers/core';
import { hashPassword } from '../auth/auth.service';
import { bureauOrganisationName } from '../region/region.service';

/**
 * A new installation without demo data has nobody who can log in. With KOERS_ADMIN_EMAIL and
 * KOERS_ADMIN_PASSWORD set, an empty database gets its region, its bureau organisation and one
 * secretariat account, who then sets up everything else in the web client. Does nothing once any
 * region exists (and so never competes with the demo seed).
 */
@Injectable()
export class FirstAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Bootstrap');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const bootstrap = this.config.bootstrap;
    if (!bootstrap) return;
    const passwordHash = await hashPassword(bootstrap.adminPassword);
    const created = await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('koers:demo-seed'))`);
      const [{ n }] = await manager.query('SELECT count(*) AS n FROM regions');
      if (n > 0) return false;
      const [region] = await manager.query('INSERT INTO regions (name) VALUES ($1) RETURNING id', [
        bootstrap.regionName,
      ]);
      // Named from the region's words (their defaults now); it follows them when the secretariat changes them.
      const [words] = await manager.query('SELECT bureau_name AS "bureauName" FROM regions WHERE id = $1', [region.id]);
      const [bureau] = await manager.query(
        `INSERT INTO organisations (region_id, name, type) VALUES ($1, $2, 'bureau') RETURNING id`,
        [region.id, bureauOrganisationName({ bureauName: words.bureauName, regionName: bootstrap.regionName })],
      );
      const [user] = await manager.query(
        `INSERT INTO users (email, display_name, job_title, function, organisation_id, platform_role, password_hash)
         VALUES ($1, 'Beheerder secretariaat', 'Secretariaat', 'secretariaat', $2, 'secretariaat', $3) RETURNING id`,
        [bootstrap.adminEmail.toLowerCase(), bureau.id, passwordHash],
      );
      await manager.query(
        `INSERT INTO audit_log (action, entity_type, entity_id, outcome, summary) VALUES ('bootstrap.first_admin', 'user', $1, 'success', $2::jsonb)`,
        [user.id, JSON.stringify({ region: bootstrap.regionName, email: bootstrap.adminEmail })],
      );
      return true;
    });
    if (created)
      this.logger.log(`Created region "${bootstrap.regionName}" and secretariat account ${bootstrap.adminEmail}`);
  }
}
