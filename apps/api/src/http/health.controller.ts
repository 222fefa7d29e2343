import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@koers/core';
import { Public } from '@koers/identity';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Up when the database answers; 503 otherwise, so a load balancer takes the instance out. */
  @Public()
  @Get()
  async health(@Res({ passthrough: true }) response: Response) {
    const database = { kind: this.config.database.kind, status: 'up' as 'up' | 'down' };
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      database.status = 'down';
      response.status(HttpStatus.SERVICE_UNAVAILABLE);
    }
    return { status: database.status === 'up' ? 'ok' : 'degraded', database };
  }
}
