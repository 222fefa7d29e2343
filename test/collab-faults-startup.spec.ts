import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { databaseUrl, TestDatabase, withAdmin } from '@koers/testing';
import { createTestApp, TestApp } from './support/test-app';

const suite = process.env.TEST_DATABASE_URL ? describe : describe.skip;

suite('instances that start together on an empty database', () => {
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `koers_t_empty_${randomBytes(4).toString('hex')}`;
  const apps: TestApp[] = [];

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  });

  it('migrate one after the other under an advisory lock: both start at the first attempt, the schema once', async () => {
    await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
    const database: TestDatabase = {
      config: { kind: 'postgres', url: databaseUrl(adminUrl, name), poolSize: 5 },
      drop: async () => undefined,
    };
    const errors: string[] = [];
    const spy = jest.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => {
      errors.push(String(message));
    });
    try {
      apps.push(...(await Promise.all([createTestApp({}, { database }), createTestApp({}, { database })])));
    } finally {
      spy.mockRestore();
    }
    expect(errors).toEqual([]);
    const [{ n }] = await apps[0].app.get(DataSource).query('SELECT count(*)::int AS n FROM migrations');
    expect(n).toBe(apps[0].app.get(DataSource).migrations.length);
    for (const app of apps) await app.http().get('/api/health').expect(200);
  }, 120_000);
});
