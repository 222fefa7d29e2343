import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min } from '@koers/core';

/** `GET /api/files/:id/content`: which version (the newest by default), and whether to show it in the browser. */
export class FileContentQueryDto {
  /** A version number from the file's versions; the newest when absent. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  version?: number;

  /** inline=true shows a PDF or an image in the browser; any other type still downloads. */
  @IsOptional()
  @Transform(({ value }) => value === 'true' || value === true || value === '1')
  @IsBoolean()
  inline?: boolean;
}
