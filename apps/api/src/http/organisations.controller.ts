import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '@koers/access';
import {
  CreateOrganisationDto,
  CurrentActor,
  OrganisationListQueryDto,
  OrganisationService,
  UpdateOrganisationDto,
} from '@koers/identity';
import { UuidParamPipe } from './validation';
import { ExpectedVersion, Versioned } from './versioning';
import { RouteAccess } from './route-access';

@ApiTags('organisations')
@Controller()
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationService) {}

  @Get('organisations')
  list(@CurrentActor() actor: Actor, @Query() query: OrganisationListQueryDto) {
    return this.organisations.list(actor, query);
  }

  @Post('organisations')
  @RouteAccess('region.manage', { attempted: 'organisation.create' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateOrganisationDto) {
    return this.organisations.create(actor, body);
  }

  @Patch('organisations/:id')
  @RouteAccess('region.manage', { attempted: 'organisation.update' })
  @Versioned()
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: UpdateOrganisationDto,
    @ExpectedVersion() version?: number,
  ) {
    return this.organisations.update(actor, id, body, version);
  }

  @Delete('organisations/:id')
  @Versioned()
  @HttpCode(204)
  remove(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @ExpectedVersion() version?: number) {
    return this.organisations.remove(actor, id, version);
  }
}
