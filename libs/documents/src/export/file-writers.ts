import type { Block } from './document-blocks';

/**
 * The DOCX and ODT writers, with their libraries (docx ~1 MB, xmlbuilder2 and its DOM ~0.9 MB of code) loaded
 * at the first export, not at start: an idle server stays small (docs/benchmarks.md, "npm start").
 */
export async function renderDocx(title: string, blocks: Block[]): Promise<Buffer> {
  return (await import('./docx-export')).renderDocx(title, blocks);
}

export async function renderOdt(title: string, blocks: Block[]): Promise<Buffer> {
  return (await import('./odt-export')).renderOdt(title, blocks);
}
