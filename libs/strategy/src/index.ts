export * from './strategy.module';
export * from './strategy.service';
export * from './strategy.entity';
export * from './dto/strategy.dto';
