import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, PageQueryDto } from '@koers/core';

export class NotificationListQueryDto extends PageQueryDto {
  /** Only unread notifications (unread=true). */
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'Gebruik true of false.' })
  unread?: boolean;
}
