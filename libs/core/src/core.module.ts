import { DynamicModule, Global, Module } from '@nestjs/common';
import type { AppConfig } from './config/app-config';
import { APP_CONFIG } from './config/config.tokens';
import { DatabaseModule } from './database/database.module';
import { TransactionHost } from './database/transaction-host';
import { EventBus } from './events/event-bus';

/** Configuration and database, available to every feature module. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    const configProvider = { provide: APP_CONFIG, useValue: config };
    return {
      module: CoreModule,
      imports: [
        {
          module: ConfigHolderModule,
          providers: [configProvider],
          exports: [configProvider],
          global: true,
        },
        DatabaseModule.forRoot(),
      ],
      providers: [TransactionHost, EventBus],
      exports: [DatabaseModule, TransactionHost, EventBus],
    };
  }
}

@Module({})
class ConfigHolderModule {}
