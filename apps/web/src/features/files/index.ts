export * from './FileList';
export * from './files-api';
