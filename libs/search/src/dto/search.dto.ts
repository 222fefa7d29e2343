import { SEARCH_KINDS, SEARCH_QUERY_MAX, SearchKind } from '@koers/contracts';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from '@koers/core';

const queryLength = {
  message: `Een zoekvraag heeft 2 tot ${SEARCH_QUERY_MAX} tekens.`,
};

/** GET /api/search?q=&type= */
export class SearchQueryDto {
  @IsString()
  @MinLength(2, queryLength)
  @MaxLength(SEARCH_QUERY_MAX, queryLength)
  q: string;

  @IsOptional()
  @IsIn(SEARCH_KINDS)
  type?: SearchKind;
}
