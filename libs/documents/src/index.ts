export * from './documents.module';
export * from './document.service';
export * from './document-history.service';
export * from './document.model';
export * from './document-events';
export { exportState } from './document-export';
export * from './collab/collab.service';
export * from './dto/document.dto';
