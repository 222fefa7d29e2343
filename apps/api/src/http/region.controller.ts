import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '@koers/access';
import {
  CreateFunctionDto,
  CurrentActor,
  DistrictDto,
  DistrictService,
  Public,
  RegionService,
  UpdateRegionDto,
  UserFunctionService,
} from '@koers/identity';
import { RouteAccess } from './route-access';
import { UuidParamPipe } from './validation';
import { ExpectedVersion, Versioned } from './versioning';

/** The region itself: its words, its districts and the list of functions. Read by all; changed by the secretariat. */
@ApiTags('region')
@Controller()
export class RegionController {
  constructor(
    private readonly region: RegionService,
    private readonly districts: DistrictService,
    private readonly functions: UserFunctionService,
  ) {}

  /** Before login: the region's words, and whether this is the demo (demo accounts on the login page). */
  @Public()
  @Get('region/public')
  publicInfo() {
    return this.region.publicInfo();
  }

  @Get('region')
  @Versioned()
  get(@CurrentActor() actor: Actor) {
    return this.region.get(actor);
  }

  @Patch('region')
  @RouteAccess('region.manage', { attempted: 'region.update' })
  @Versioned()
  update(@CurrentActor() actor: Actor, @Body() body: UpdateRegionDto, @ExpectedVersion() version?: number) {
    return this.region.update(actor, body, version);
  }

  @Get('districts')
  listDistricts(@CurrentActor() actor: Actor) {
    return this.districts.list(actor);
  }

  @Post('districts')
  @RouteAccess('region.manage', { attempted: 'district.create' })
  createDistrict(@CurrentActor() actor: Actor, @Body() body: DistrictDto) {
    return this.districts.create(actor, body.name);
  }

  @Patch('districts/:id')
  @RouteAccess('region.manage', { attempted: 'district.update' })
  @Versioned()
  renameDistrict(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: DistrictDto,
    @ExpectedVersion() version?: number,
  ) {
    return this.districts.rename(actor, id, body.name, version);
  }

  @Delete('districts/:id')
  @RouteAccess('region.manage', { attempted: 'district.delete' })
  @Versioned()
  @HttpCode(204)
  removeDistrict(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @ExpectedVersion() version?: number,
  ) {
    return this.districts.remove(actor, id, version);
  }

  @Get('functions')
  listFunctions(@CurrentActor() actor: Actor) {
    return this.functions.list(actor);
  }

  @Post('functions')
  createFunction(@CurrentActor() actor: Actor, @Body() body: CreateFunctionDto) {
    return this.functions.create(actor, body.label);
  }
}
