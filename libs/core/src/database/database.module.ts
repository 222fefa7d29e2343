import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { SecretBox, secretBoxOf, setMigrationSecretBox } from '../crypto/secret-box';
import { buildDataSourceOptions } from './database-options';
import { runMigrations } from './migrate';

/** Opens the database (PostgreSQL or embedded PGlite) and runs the migrations before the app serves. */
@Module({})
export class DatabaseModule {
  static forRoot(): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: async (config: AppConfig) => ({
            ...(await buildDataSourceOptions(config.database, [])),
            // Run below, under a lock: instances that start together must not race on the schema.
            migrationsRun: false,
            autoLoadEntities: true,
            kind: config.database.kind,
            secretBox: secretBoxOf(config.auth),
          }),
          dataSourceFactory: async (options) => {
            const { kind, secretBox, ...rest } = options as DataSourceOptions & {
              kind: 'postgres' | 'pglite';
              secretBox: SecretBox;
            };
            const dataSource = await new DataSource(rest).initialize();
            // The migration that encrypts existing TOTP secrets needs the key.
            setMigrationSecretBox(secretBox);
            await runMigrations(dataSource, kind);
            return dataSource;
          },
        }),
      ],
    };
  }
}
