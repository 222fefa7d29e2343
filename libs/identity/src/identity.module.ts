import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '@koers/access';
import { AuditModule } from '@koers/audit';
import { NotificationsModule } from '@koers/notifications';
import { AccountTokenRepository } from './accounts/account-token.repository';
import { InvitationService } from './accounts/invitation.service';
import { PasswordService } from './accounts/password.service';
import { MfaRepository } from './mfa/mfa.repository';
import { MfaService } from './mfa/mfa.service';
import { PasskeyRepository } from './passkeys/passkey.repository';
import { PasskeyService } from './passkeys/passkey.service';
import { SsoRepository } from './sso/sso.repository';
import { SsoService } from './sso/sso.service';
import { AuthSessionEntity } from './auth/auth-session.entity';
import { AuthSessionRepository } from './auth/auth-session.repository';
import { AuthGuard } from './auth/auth.guard';
import { AccountSessionsService } from './auth/account-sessions.service';
import { AuthService } from './auth/auth.service';
import { LoginThrottleRepository } from './auth/login-throttle.repository';
import { LoginThrottleService } from './auth/login-throttle.service';
import { SocketSessions } from './auth/socket-sessions';
import { FirstAdminService } from './bootstrap/first-admin.service';
import { ImportService } from './imports/import.service';
import { DistrictEntity, OrganisationEntity, RegionEntity } from './organisations/organisation.entity';
import { OrganisationRepository } from './organisations/organisation.repository';
import { OrganisationService } from './organisations/organisation.service';
import { DistrictService } from './region/district.service';
import { RegionRepository } from './region/region.repository';
import { RegionService } from './region/region.service';
import { UserFunctionService } from './region/user-function.service';
import { UserEntity } from './users/user.entity';
import { UserRepository } from './users/user.repository';
import { UserService } from './users/user.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([RegionEntity, DistrictEntity, OrganisationEntity, UserEntity, AuthSessionEntity]),
    // The secret and claims are passed per call from the validated config (see AuthService).
    JwtModule.register({}),
    AccessModule,
    AuditModule,
    // For the Mailer (account mails go out through the same SMTP transport as the digest).
    NotificationsModule,
  ],
  providers: [
    AccountTokenRepository,
    InvitationService,
    PasswordService,
    MfaRepository,
    MfaService,
    PasskeyRepository,
    PasskeyService,
    SsoRepository,
    SsoService,
    AuthSessionRepository,
    AuthService,
    AccountSessionsService,
    LoginThrottleRepository,
    LoginThrottleService,
    AuthGuard,
    SocketSessions,
    FirstAdminService,
    // Every HTTP route requires a valid login unless marked @Public().
    { provide: APP_GUARD, useExisting: AuthGuard },
    OrganisationRepository,
    OrganisationService,
    RegionRepository,
    RegionService,
    DistrictService,
    UserFunctionService,
    UserRepository,
    UserService,
    ImportService,
  ],
  exports: [
    AuthService,
    AccountSessionsService,
    LoginThrottleService,
    AuthGuard,
    SocketSessions,
    OrganisationService,
    UserService,
    RegionService,
    DistrictService,
    UserFunctionService,
    InvitationService,
    PasswordService,
    MfaService,
    ImportService,
    SsoService,
    PasskeyService,
  ],
})
export class IdentityModule {}
