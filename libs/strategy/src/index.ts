export * from './strategy.module';
export * from './strategy.service';
export * from './strategy-export.service';
export * from './strategy.entity';
export * from './dto/strategy.dto';
