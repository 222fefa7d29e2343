import { Module } from '@nestjs/common';
import { AccessModule } from '@koers/access';
import { DocumentsModule } from '@koers/documents';
import { KnowledgeModule } from '@koers/knowledge';
import { DocumentTextIndexer } from './document-text.indexer';
import { SearchRepository } from './search.repository';
import { SearchService } from './search.service';

/** The search over everything, and the plain text of documents that it searches (docs/search.md). */
@Module({
  imports: [AccessModule, DocumentsModule, KnowledgeModule],
  providers: [SearchRepository, SearchService, DocumentTextIndexer],
  exports: [SearchService, DocumentTextIndexer],
})
export class SearchModule {}
