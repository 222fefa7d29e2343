import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '@koers/access';
import { asWire, FocusArea, Strategy, StrategyDetail, Theme } from '@koers/contracts';
import { CurrentActor } from '@koers/identity';
import {
  CreateFocusAreaDto,
  CreateStrategyDto,
  CreateThemeDto,
  StrategyExportQueryDto,
  StrategyExportService,
  StrategyService,
  UpdateFocusAreaDto,
  UpdateStrategyDto,
  UpdateThemeDto,
} from '@koers/strategy';
import { UuidParamPipe } from './validation';
import { ExpectedVersion, Versioned } from './versioning';
import { RouteAccess } from './route-access';

/** Strategy -> priorities (themes) -> focus areas. Read by everyone signed in; changed by the secretariat. */
@ApiTags('strategy')
@Controller()
export class StrategiesController {
  constructor(
    private readonly strategy: StrategyService,
    private readonly exports: StrategyExportService,
  ) {}

  @Get('strategies')
  async list(@CurrentActor() actor: Actor): Promise<Strategy[]> {
    return asWire<Strategy[]>(await this.strategy.list(actor));
  }

  @Get('strategies/:id')
  @Versioned()
  async get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<StrategyDetail> {
    return asWire<StrategyDetail>(await this.strategy.get(actor, id));
  }

  /** The strategy as one document, with its rich texts: `?format=docx` or `?format=pdf` (archival PDF). */
  @Get('strategies/:id/export')
  async export(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: StrategyExportQueryDto,
  ) {
    const { filename, data, contentType } = await this.exports.export(actor, id, query.format);
    return new StreamableFile(data, {
      type: contentType,
      disposition: `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`,
      length: data.length,
    });
  }

  @Post('strategies')
  @RouteAccess('region.manage', { attempted: 'strategy.create' })
  async create(@CurrentActor() actor: Actor, @Body() body: CreateStrategyDto): Promise<Strategy> {
    return asWire<Strategy>(await this.strategy.createStrategy(actor, body));
  }

  @Patch('strategies/:id')
  @RouteAccess('region.manage', { attempted: 'strategy.update' })
  @Versioned()
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: UpdateStrategyDto,
    @ExpectedVersion() version?: number,
  ): Promise<Strategy> {
    return asWire<Strategy>(await this.strategy.updateStrategy(actor, id, body, version));
  }

  @Delete('strategies/:id')
  @Versioned()
  @HttpCode(204)
  remove(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @ExpectedVersion() version?: number) {
    return this.strategy.deleteStrategy(actor, id, version);
  }

  /** Marks the strategy that counts when no adopted strategy covers today; answers with the list. */
  @Post('strategies/:id/current')
  @HttpCode(200)
  async markCurrent(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<Strategy[]> {
    return asWire<Strategy[]>(await this.strategy.markCurrent(actor, id));
  }

  @Post('strategies/:id/themes')
  @RouteAccess('region.manage', { attempted: 'theme.create' })
  async createTheme(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: CreateThemeDto,
  ): Promise<Theme> {
    return asWire<Theme>(await this.strategy.createTheme(actor, id, body));
  }

  @Patch('themes/:id')
  @RouteAccess('region.manage', { attempted: 'theme.update' })
  @Versioned()
  async updateTheme(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: UpdateThemeDto,
    @ExpectedVersion() version?: number,
  ): Promise<Theme> {
    return asWire<Theme>(await this.strategy.updateTheme(actor, id, body, version));
  }

  @Delete('themes/:id')
  @Versioned()
  @HttpCode(204)
  removeTheme(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @ExpectedVersion() version?: number,
  ) {
    return this.strategy.deleteTheme(actor, id, version);
  }

  @Post('themes/:id/focus-areas')
  @RouteAccess('region.manage', { attempted: 'focus_area.create' })
  async createFocusArea(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: CreateFocusAreaDto,
  ): Promise<FocusArea> {
    return asWire<FocusArea>(await this.strategy.createFocusArea(actor, id, body));
  }

  @Patch('focus-areas/:id')
  @RouteAccess('region.manage', { attempted: 'focus_area.update' })
  @Versioned()
  async updateFocusArea(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: UpdateFocusAreaDto,
    @ExpectedVersion() version?: number,
  ): Promise<FocusArea> {
    return asWire<FocusArea>(await this.strategy.updateFocusArea(actor, id, body, version));
  }

  @Delete('focus-areas/:id')
  @Versioned()
  @HttpCode(204)
  removeFocusArea(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @ExpectedVersion() version?: number,
  ) {
    return this.strategy.deleteFocusArea(actor, id, version);
  }
}
