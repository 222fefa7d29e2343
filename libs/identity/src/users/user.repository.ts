import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { UserEntity } from './user.entity';

export interface UserFilter {
  organisationId?: string;
  search?: string;
}

@Injectable()
export class UserRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager: EntityManager = this.dataSource.manager) {
    return manager.getRepository(UserEntity);
  }

  findById(id: string, manager?: EntityManager): Promise<UserEntity | null> {
    return this.repo(manager).findOneBy({ id });
  }

  /** The only read that includes the password hash: for checking a login. */
  findForLogin(email: string): Promise<UserEntity | null> {
    return this.repo()
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = lower(:email)', { email })
      .getOne();
  }

  findByEmail(email: string): Promise<UserEntity | null> {
    return this.repo().createQueryBuilder('u').where('lower(u.email) = lower(:email)', { email }).getOne();
  }

  /** Sets a password and lifts a lock (the person proved to be who they are through a link or their password). */
  async setPassword(id: string, passwordHash: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE users SET password_hash = $2, password_set_at = now(), failed_login_count = 0, locked_until = NULL,
              updated_at = now() WHERE id = $1`,
      [id, passwordHash],
    );
  }

  list(filter: UserFilter): Promise<UserEntity[]> {
    const qb = this.repo().createQueryBuilder('u');
    if (filter.organisationId) qb.andWhere('u.organisation_id = :org', { org: filter.organisationId });
    if (filter.search) {
      qb.andWhere(
        "(u.display_name ILIKE :q ESCAPE '\\' OR u.email ILIKE :q ESCAPE '\\' OR u.job_title ILIKE :q ESCAPE '\\')",
        {
          q: `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
        },
      );
    }
    return qb.orderBy('u.display_name', 'ASC').getMany();
  }

  async insert(
    values: Omit<
      UserEntity,
      'id' | 'createdAt' | 'updatedAt' | 'failedLoginCount' | 'lockedUntil' | 'passwordSetAt' | 'version'
    >,
    manager?: EntityManager,
  ): Promise<UserEntity> {
    const saved = await this.repo(manager).save(
      this.repo(manager).create({
        ...values,
        passwordSetAt: values.passwordHash ? new Date() : null,
        failedLoginCount: 0,
        lockedUntil: null,
        updatedAt: new Date(),
      }),
    );
    return (await this.findById(saved.id, manager)) as UserEntity;
  }

  async update(id: string, values: Partial<UserEntity>, manager?: EntityManager): Promise<void> {
    await this.repo(manager).update({ id }, { ...values, updatedAt: new Date() });
  }

  /** Counts a failed login; locks the account when the limit is reached. Returns the lock, if any. */
  async registerFailedLogin(id: string, maxFailures: number, lockMinutes: number): Promise<Date | null> {
    // A CTE, because TypeORM shapes the result of a bare UPDATE ... RETURNING as [rows, count].
    const rows: Array<{ locked_until: Date | null }> = await this.dataSource.query(
      `WITH counted AS (
         UPDATE users SET
           failed_login_count = CASE WHEN failed_login_count + 1 >= $2 THEN 0 ELSE failed_login_count + 1 END,
           locked_until = CASE WHEN failed_login_count + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
         WHERE id = $1
         RETURNING locked_until)
       SELECT locked_until FROM counted`,
      [id, maxFailures, lockMinutes],
    );
    const lockedUntil = rows[0]?.locked_until ?? null;
    return lockedUntil && lockedUntil > new Date() ? lockedUntil : null;
  }

  async clearFailedLogins(id: string): Promise<void> {
    await this.dataSource.query('UPDATE users SET failed_login_count = 0, locked_until = NULL WHERE id = $1', [id]);
  }
}
