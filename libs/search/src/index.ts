export * from './search.module';
export * from './search.service';
export * from './document-text.indexer';
export * from './dto/search.dto';
