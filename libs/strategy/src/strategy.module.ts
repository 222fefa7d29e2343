import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '@koers/access';
import { AuditModule } from '@koers/audit';
import { FocusAreaEntity, StrategyEntity, ThemeEntity } from './strategy.entity';
import { StrategyRepository } from './strategy.repository';
import { StrategyService } from './strategy.service';
import { StrategyExportService } from './strategy-export.service';

@Module({
  imports: [TypeOrmModule.forFeature([StrategyEntity, ThemeEntity, FocusAreaEntity]), AccessModule, AuditModule],
  providers: [StrategyRepository, StrategyService, StrategyExportService],
  exports: [StrategyService, StrategyExportService],
})
export class StrategyModule {}
