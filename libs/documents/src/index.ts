export * from './documents.module';
export * from './document.service';
export * from './document-history.service';
export * from './document.model';
export * from './document-events';
export { exportState } from './document-export';
export * from './collab/collab.service';
export * from './dto/document.dto';
// Rendering other texts (a strategy's rich text) as documents: the same blocks and file formats.
export type { Block, Inline } from './export/document-blocks';
export { htmlBlocks } from './export/html-blocks';
export { renderDocx } from './export/file-writers';
export { renderDocumentPdf } from './export/document-pdf';
