import { IsBoolean, IsOptional, ValidateIf } from '@koers/core';

/** One setting or both; an empty change is refused (on `weeklyDigest`, as before there were two). */
export class UpdatePreferencesDto {
  /** Receive the weekly e-mail of what waits on me. */
  @ValidateIf((o: UpdatePreferencesDto) => o.weeklyDigest !== undefined || o.emailNotifications === undefined)
  @IsBoolean({ message: 'Gebruik true of false.' })
  weeklyDigest?: boolean;

  /** Receive the notifications that close a loop (reports, replies, mentions) also by e-mail. */
  @IsOptional()
  @IsBoolean({ message: 'Gebruik true of false.' })
  emailNotifications?: boolean;
}
