import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { CollabService } from '@koers/documents';
import { Public } from '@koers/identity';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly collab: CollabService,
  ) {}

  /**
   * Up when the database answers; 503 otherwise, so a load balancer takes the instance out. Redis down is
   * `degraded` but still 200: the instance keeps serving its own clients (and resyncs once Redis is back).
   * The database's kind is not named (no product details for strangers).
   */
  @Public()
  @Get()
  async health(@Res({ passthrough: true }) response: Response) {
    const database = { status: 'up' as 'up' | 'down' };
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      database.status = 'down';
      response.status(HttpStatus.SERVICE_UNAVAILABLE);
    }
    const redis = { status: this.collab.busStatus() };
    const status = database.status === 'up' && redis.status !== 'down' ? 'ok' : 'degraded';
    return { status, database, redis };
  }
}
