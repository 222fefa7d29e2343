import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@koers/access';
import { CurrentActor } from '@koers/identity';
import {
  CreateBudgetLineDto,
  CreateContributionDto,
  FinanceQueryDto,
  FinanceService,
  UpdateBudgetLineDto,
  UpdateContributionDto,
} from '@koers/finance';
import { RouteAccessBy } from './route-access';
import { UuidParamPipe } from './validation';
import { ExpectedVersion, Versioned } from './versioning';

const read = RouteAccessBy(FinanceService, (finance, actor) => finance.assertRead(actor));
const manage = (attempted: string) =>
  RouteAccessBy(FinanceService, (finance, actor) => finance.assertManage(actor, attempted));

/**
 * The financing of the bureau (docs/strategy-cycle.md): contributions per partner per year and budget lines,
 * in whole euro cents. The secretariat keeps them; RVC members read them; nobody else sees them (403).
 */
@ApiTags('finance')
@Controller()
export class FinanceController {
  constructor(private readonly finance: FinanceService) {}

  /** Contributions (of one year with ?year=), totals per partner type and year, and per year the balance. */
  @Get('contributions')
  @read
  list(@CurrentActor() actor: Actor, @Query() query: FinanceQueryDto) {
    return this.finance.list(actor, query.year);
  }

  @Post('contributions')
  @manage('finance.contribution.create')
  create(@CurrentActor() actor: Actor, @Body() body: CreateContributionDto) {
    return this.finance.createContribution(actor, body);
  }

  @Patch('contributions/:id')
  @manage('finance.contribution.update')
  @Versioned()
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: UpdateContributionDto,
    @ExpectedVersion() version?: number,
  ) {
    return this.finance.updateContribution(actor, id, body, version);
  }

  @Delete('contributions/:id')
  @manage('finance.contribution.delete')
  @Versioned()
  @HttpCode(204)
  async remove(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @ExpectedVersion() version?: number,
  ): Promise<void> {
    await this.finance.deleteContribution(actor, id, version);
  }

  @Get('budget-lines')
  @read
  budgetLines(@CurrentActor() actor: Actor, @Query() query: FinanceQueryDto) {
    return this.finance.budgetLines(actor, query.year);
  }

  @Post('budget-lines')
  @manage('finance.budget.create')
  createBudgetLine(@CurrentActor() actor: Actor, @Body() body: CreateBudgetLineDto) {
    return this.finance.createBudgetLine(actor, body);
  }

  @Patch('budget-lines/:id')
  @manage('finance.budget.update')
  @Versioned()
  updateBudgetLine(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: UpdateBudgetLineDto,
    @ExpectedVersion() version?: number,
  ) {
    return this.finance.updateBudgetLine(actor, id, body, version);
  }

  @Delete('budget-lines/:id')
  @manage('finance.budget.delete')
  @Versioned()
  @HttpCode(204)
  async removeBudgetLine(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @ExpectedVersion() version?: number,
  ): Promise<void> {
    await this.finance.deleteBudgetLine(actor, id, version);
  }

  /** Contributions, totals and budget lines as CSV (`;` separated, UTF-8 with BOM). */
  @Get('finance/export.csv')
  @RouteAccessBy(FinanceService, (finance, actor) => finance.assertRead(actor, 'finance.export'))
  async export(
    @CurrentActor() actor: Actor,
    @Query() query: FinanceQueryDto,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { filename, csv } = await this.finance.exportCsv(actor, query.year);
    response.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(Buffer.from(csv, 'utf8'), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${filename}"`,
    });
  }
}
