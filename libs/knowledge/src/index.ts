export * from './knowledge.module';
export * from './knowledge.service';
export * from './knowledge.model';
export * from './dto/knowledge.dto';
export * from './knowledge.policy';
