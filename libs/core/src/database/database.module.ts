import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { buildDataSourceOptions } from './database-options';

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
            autoLoadEntities: true,
          }),
        }),
      ],
    };
  }
}
