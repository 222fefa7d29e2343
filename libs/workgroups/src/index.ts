export * from './workgroups.module';
export * from './workgroup.service';
export * from './composition';
export * from './dto/workgroup.dto';
