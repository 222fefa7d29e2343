import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '@koers/access';
import type { SearchResult } from '@koers/contracts';
import { CurrentActor } from '@koers/identity';
import { SearchQueryDto, SearchService } from '@koers/search';
import { RouteAccess } from './route-access';

/** The search over everything (docs/search.md): every signed-in user, who finds only what they may see. */
@ApiTags('search')
@Controller('search')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  /** Documents, actions, sessions (with agenda items and decisions), kennisbank, people, organisations. */
  @Get()
  @RouteAccess('region.read', { attempted: 'search' })
  find(@CurrentActor() actor: Actor, @Query() query: SearchQueryDto): Promise<SearchResult> {
    return this.search.search(actor, query);
  }
}
