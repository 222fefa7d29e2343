import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { MembershipRole } from './actor';

/** The one query authorisation needs: the caller's role in a werkgroep, if any. */
@Injectable()
export class MembershipReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async roleOf(userId: string, workgroupId: string): Promise<MembershipRole | null> {
    const rows: Array<{ role: MembershipRole }> = await this.dataSource.query(
      'SELECT role FROM workgroup_members WHERE user_id = $1 AND workgroup_id = $2',
      [userId, workgroupId],
    );
    return rows[0]?.role ?? null;
  }

  async workgroupIdsOf(userId: string): Promise<string[]> {
    const rows: Array<{ workgroup_id: string }> = await this.dataSource.query(
      'SELECT workgroup_id FROM workgroup_members WHERE user_id = $1',
      [userId],
    );
    return rows.map((row) => row.workgroup_id);
  }
}
