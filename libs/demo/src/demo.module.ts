import { Module } from '@nestjs/common';
import { DemoRegionRepository } from './demo-region.repository';
import { DemoSeederService } from './demo-seeder.service';

/** Loaded only in demo mode (KOERS_DEMO, on by default outside production). */
@Module({ providers: [DemoRegionRepository, DemoSeederService] })
export class DemoModule {}
