/** class-transformer's metadata (the nested @Type of a DTO field) at its CommonJS path, typed by its own d.ts. */
declare module 'class-transformer/cjs/storage' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
