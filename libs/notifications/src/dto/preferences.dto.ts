import { IsBoolean } from '@koers/core';

export class UpdatePreferencesDto {
  /** Receive the weekly e-mail of what waits on me. */
  @IsBoolean({ message: 'Gebruik true of false.' })
  weeklyDigest: boolean;
}
