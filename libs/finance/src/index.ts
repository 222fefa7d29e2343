export * from './finance.module';
export * from './finance.service';
export * from './dto/finance.dto';
