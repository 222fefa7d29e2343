import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from './validation-rules';

/** The largest page any list answers; the action board reads a werkgroep's whole list in one page. */
export const MAX_PAGE_SIZE = 500;

/**
 * The one paging query (`?limit=&offset=`) of every paged list; list queries extend it. The offset is bounded
 * by the largest integer a number holds exactly, so `1e21` or `2^63` is a 400, never a database error.
 */
export class PageQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  offset?: number;
}
