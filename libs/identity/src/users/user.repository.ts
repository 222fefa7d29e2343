import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EMAIL_KEY_SQL } from '../auth/login-throttle.repository';
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
      `WITH updated AS (
         UPDATE users SET password_hash = $2, password_set_at = now(), locked_until = NULL, updated_at = now()
          WHERE id = $1 RETURNING email)
       DELETE FROM login_failures WHERE email_hash IN (SELECT ${EMAIL_KEY_SQL('email')} FROM updated)`,
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
    values: Omit<UserEntity, 'id' | 'createdAt' | 'updatedAt' | 'lockedUntil' | 'passwordSetAt' | 'version'>,
    manager?: EntityManager,
  ): Promise<UserEntity> {
    const saved = await this.repo(manager).save(
      this.repo(manager).create({
        ...values,
        passwordSetAt: values.passwordHash ? new Date() : null,
        lockedUntil: null,
        updatedAt: new Date(),
      }),
    );
    return (await this.findById(saved.id, manager)) as UserEntity;
  }

  async update(id: string, values: Partial<UserEntity>, manager?: EntityManager): Promise<void> {
    await this.repo(manager).update({ id }, { ...values, updatedAt: new Date() });
  }

  /** The latest lock of any source (login-throttle), shown to the secretariat; logins never read it. */
  async setLockedUntil(id: string, lockedUntil: Date | null, manager: EntityManager = this.dataSource.manager) {
    await manager.query('UPDATE users SET locked_until = $2 WHERE id = $1', [id, lockedUntil]);
  }

  async setLockedUntilByEmail(email: string, lockedUntil: Date): Promise<void> {
    await this.dataSource.query('UPDATE users SET locked_until = $2 WHERE lower(email) = lower($1)', [
      email,
      lockedUntil,
    ]);
  }
}
