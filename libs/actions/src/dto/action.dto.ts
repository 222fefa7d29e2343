import { PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  PageQueryDto,
} from '@koers/core';
import { ACTION_LIST_VIEWS, ActionListView } from '@koers/contracts';
import {
  ACTION_ORIGINS,
  ACTION_PRIORITIES,
  ACTION_SORTS,
  ACTION_STATUSES,
  ActionOrigin,
  ActionPriority,
  ActionSort,
  ActionStatus,
} from '../action.model';

const dateMessage = { message: 'Gebruik een datum als 2026-01-31.' };
const nullable = (_: object, value: unknown) => value !== null;

export class CreateActionDto {
  @IsString()
  @MinLength(3, { message: 'Een actie heeft een titel van minstens 3 tekens.' })
  @MaxLength(300)
  title: string;

  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  description?: string;

  @IsOptional()
  @ValidateIf(nullable)
  @IsUUID()
  focusAreaId?: string | null;

  @IsOptional()
  @ValidateIf(nullable)
  @IsUUID()
  ownerId?: string | null;

  @IsOptional()
  @ValidateIf(nullable)
  @IsUUID()
  ownerOrganisationId?: string | null;

  @IsOptional()
  @ValidateIf(nullable)
  @IsISO8601({ strict: true }, dateMessage)
  dueDate?: string | null;

  @IsOptional()
  @IsIn(ACTION_STATUSES)
  status?: ActionStatus;

  @IsOptional()
  @ValidateIf(nullable)
  @IsString()
  @MaxLength(2000)
  statusReason?: string | null;

  @IsOptional()
  @IsIn(ACTION_PRIORITIES)
  priority?: ActionPriority;

  @IsOptional()
  @IsIn(ACTION_ORIGINS)
  origin?: ActionOrigin;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  originNote?: string;
}

/** Every field of an action may be changed; none is required. */
export class UpdateActionDto extends PartialType(CreateActionDto, { skipNullProperties: false }) {}

export class ActionListQueryDto extends PageQueryDto {
  @IsOptional()
  @IsIn(ACTION_LIST_VIEWS)
  view?: ActionListView;

  /** Comma-separated, e.g. status=open,in_uitvoering */
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value))
  @IsIn(ACTION_STATUSES, { each: true })
  status?: ActionStatus[];

  @IsOptional()
  @IsUUID()
  focusAreaId?: string;

  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @IsOptional()
  @IsIn(ACTION_SORTS)
  sort?: ActionSort;

  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(90)
  dueWithinDays?: number;
}

export class ActionCommentDto {
  @IsString()
  @MinLength(1, { message: 'Een reactie mag niet leeg zijn.' })
  @MaxLength(4000)
  body: string;
}
