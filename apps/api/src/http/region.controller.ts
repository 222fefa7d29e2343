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
import { UuidParamPipe } from './validation';

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
  get(@CurrentActor() actor: Actor) {
    return this.region.get(actor);
  }

  @Patch('region')
  update(@CurrentActor() actor: Actor, @Body() body: UpdateRegionDto) {
    return this.region.update(actor, body);
  }

  @Get('districts')
  listDistricts(@CurrentActor() actor: Actor) {
    return this.districts.list(actor);
  }

  @Post('districts')
  createDistrict(@CurrentActor() actor: Actor, @Body() body: DistrictDto) {
    return this.districts.create(actor, body.name);
  }

  @Patch('districts/:id')
  renameDistrict(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: DistrictDto) {
    return this.districts.rename(actor, id, body.name);
  }

  @Delete('districts/:id')
  @HttpCode(204)
  removeDistrict(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string) {
    return this.districts.remove(actor, id);
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
