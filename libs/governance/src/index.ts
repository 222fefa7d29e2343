export * from './governance.module';
export * from './governance.service';
export * from './governance.policy';
export * from './dto/governance.dto';
