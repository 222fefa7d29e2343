import { DynamicModule, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { AccessModule } from '@koers/access';
import { ActionsModule } from '@koers/actions';
import { AuditModule } from '@koers/audit';
import { AppConfig, CoreModule } from '@koers/core';
import { DemoModule } from '@koers/demo';
import { DocumentsModule } from '@koers/documents';
import { IdentityModule } from '@koers/identity';
import { KnowledgeModule } from '@koers/knowledge';
import { NotificationsModule } from '@koers/notifications';
import { SessionsModule } from '@koers/sessions';
import { StrategyModule } from '@koers/strategy';
import { WorkgroupsModule } from '@koers/workgroups';
import { ReportingModule } from '@koers/reporting';
import { SearchModule } from '@koers/search';
import { InventoryModule } from '@koers/inventory';
import { FinanceModule } from '@koers/finance';
import { DossierModule } from '@koers/dossier';
import { FilesModule } from '@koers/files';
import { ConsultationModule } from '@koers/consultation';
import { GovernanceModule } from '@koers/governance';
import { AdoptionController } from './http/adoption.controller';
import { BodiesController } from './http/bodies.controller';
import { ConsultationsController } from './http/consultations.controller';
import { ActionsController } from './http/actions.controller';
import { DossierController } from './http/dossier.controller';
import { FilesController } from './http/files.controller';
import { AuditController } from './http/audit.controller';
import { AuthController } from './http/auth.controller';
import { DocumentsController } from './http/documents.controller';
import { HealthController } from './http/health.controller';
import { InvitationsController } from './http/invitations.controller';
import { MfaPolicyController } from './http/mfa-policy.controller';
import { PasskeysController } from './http/passkeys.controller';
import { SsoController } from './http/sso.controller';
import { KnowledgeController } from './http/knowledge.controller';
import { NotificationsController } from './http/notifications.controller';
import { FollowsController } from './http/follows.controller';
import { SessionsController } from './http/sessions.controller';
import { MeController } from './http/me.controller';
import { OrganisationsController } from './http/organisations.controller';
import { RegionController } from './http/region.controller';
import { StrategiesController } from './http/strategies.controller';
import { UsersController } from './http/users.controller';
import { WorkgroupsController } from './http/workgroups.controller';
import { CollabGateway } from './realtime/collab.gateway';
import { LiveGateway } from './realtime/live.gateway';
import { DashboardController } from './http/dashboard.controller';
import { InventoriesController } from './http/inventories.controller';
import { FinanceController } from './http/finance.controller';
import { ImportsController } from './http/imports.controller';
import { RegionCompositionController } from './http/region-composition.controller';
import { ReportingCyclesController } from './http/reporting-cycles.controller';
import { ReportingIndicatorsController } from './http/reporting-indicators.controller';
import { ReportingProgressReportsController } from './http/reporting-progress-reports.controller';
import { SearchController } from './http/search.controller';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config),
        ThrottlerModule.forRoot([
          // Per client address (the connection's, or a trusted proxy's X-Forwarded-For)...
          { name: 'login', ttl: 60_000, limit: config.http.loginRateLimitPerMinute },
          // ...and per account, so guessing one account's password from many addresses is slow too.
          {
            name: 'login-account',
            ttl: 60_000,
            limit: config.http.loginAccountRateLimitPerMinute,
            skipIf: (context) => loginEmail(context.switchToHttp().getRequest()) === null,
            getTracker: (request: Record<string, unknown>) => `account:${loginEmail(request)}`,
          },
        ]),
        AuditModule,
        AccessModule,
        IdentityModule,
        StrategyModule,
        WorkgroupsModule,
        ActionsModule,
        DocumentsModule,
        KnowledgeModule,
        NotificationsModule,
        SessionsModule,
        ReportingModule,
        SearchModule,
        InventoryModule,
        FinanceModule,
        FilesModule,
        ConsultationModule,
        GovernanceModule,
        DossierModule,
        ...(config.demo ? [DemoModule] : []),
      ],
      controllers: [
        HealthController,
        AuthController,
        InvitationsController,
        MfaPolicyController,
        SsoController,
        PasskeysController,
        MeController,
        OrganisationsController,
        RegionController,
        UsersController,
        StrategiesController,
        WorkgroupsController,
        ActionsController,
        DocumentsController,
        AuditController,
        KnowledgeController,
        NotificationsController,
        FollowsController,
        SessionsController,
        ReportingCyclesController,
        ReportingIndicatorsController,
        ReportingProgressReportsController,
        FilesController,
        DossierController,
        DashboardController,
        SearchController,
        InventoriesController,
        FinanceController,
        ImportsController,
        RegionCompositionController,
        ConsultationsController,
        AdoptionController,
        BodiesController,
      ],
      providers: [CollabGateway, LiveGateway],
    };
  }
}

/** The account a login attempt is for (normalised as login looks it up), or null for other throttled routes. */
function loginEmail(request: Record<string, unknown>): string | null {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email.trim().toLowerCase() : null;
}
