export * from './inventory.module';
export * from './inventory.service';
export * from './inventory.policy';
export * from './ranking';
export * from './dto/inventory.dto';
