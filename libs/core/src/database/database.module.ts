import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
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
          }),
          dataSourceFactory: async (options) => {
            const { kind, ...rest } = options as DataSourceOptions & { kind: 'postgres' | 'pglite' };
            const dataSource = await new DataSource(rest).initialize();
            await runMigrations(dataSource, kind);
            return dataSource;
          },
        }),
      ],
    };
  }
}
