import { Dated, DOCUMENT_KINDS, DocumentKind, DocumentMeta as WireDocumentMeta } from '@koers/contracts';
import * as Y from 'yjs';

export { DOCUMENT_KINDS };
export type { DocumentKind };

export type DocumentMeta = Dated<WireDocumentMeta, 'createdAt' | 'updatedAt' | 'archivedAt'>;

/** The editor (Tiptap's Collaboration extension) keeps the ProseMirror document in this XML fragment. */
export const EDITOR_FRAGMENT = 'default';

export type DocumentBlock = { type: 'heading'; level: number; text: string } | { type: 'paragraph'; text: string };

const TEMPLATES: Record<DocumentKind, DocumentBlock[]> = {
  plan_van_aanpak: [
    { type: 'heading', level: 1, text: 'Plan van aanpak' },
    { type: 'heading', level: 2, text: 'Aanleiding en doel' },
    { type: 'paragraph', text: '' },
    { type: 'heading', level: 2, text: 'Aanpak per onderdeel' },
    { type: 'paragraph', text: '' },
    { type: 'heading', level: 2, text: 'Betrokken partners en rolverdeling' },
    { type: 'paragraph', text: '' },
    { type: 'heading', level: 2, text: 'Planning en resultaten' },
    { type: 'paragraph', text: '' },
  ],
  verslag: [
    { type: 'heading', level: 1, text: 'Verslag' },
    { type: 'heading', level: 2, text: 'Aanwezig' },
    { type: 'paragraph', text: '' },
    { type: 'heading', level: 2, text: 'Besproken' },
    { type: 'paragraph', text: '' },
    { type: 'heading', level: 2, text: 'Besluiten' },
    { type: 'paragraph', text: '' },
    { type: 'heading', level: 2, text: 'Acties' },
    { type: 'paragraph', text: '' },
  ],
  notitie: [
    { type: 'heading', level: 1, text: 'Notitie' },
    { type: 'paragraph', text: '' },
  ],
  voortgangsrapportage: [
    { type: 'heading', level: 1, text: 'Voortgangsrapportage' },
    { type: 'heading', level: 2, text: 'Samenvatting' },
    { type: 'paragraph', text: '' },
    { type: 'heading', level: 2, text: 'Voortgang per onderdeel' },
    { type: 'paragraph', text: '' },
  ],
};

/** The first Yjs update of a new document: the template of its kind, in the editor's schema. */
export function templateUpdate(kind: DocumentKind): Uint8Array {
  return blocksUpdate(TEMPLATES[kind]);
}

/**
 * The content of one document's Yjs state as the first update of another: a fresh tree (new items, none of the
 * source's history or deleted text), with every node, attribute and text format as it was.
 */
export function contentCopyUpdate(state: Uint8Array): Uint8Array {
  const source = new Y.Doc();
  Y.applyUpdate(source, state);
  const copy = new Y.Doc();
  // The editor writes elements and text only (a hook would be another client's extension: left out).
  const nodes = source
    .getXmlFragment(EDITOR_FRAGMENT)
    .toArray()
    .filter((node): node is Y.XmlElement | Y.XmlText => node instanceof Y.XmlElement || node instanceof Y.XmlText);
  copy.getXmlFragment(EDITOR_FRAGMENT).insert(
    0,
    nodes.map((node) => node.clone()),
  );
  const update = Y.encodeStateAsUpdate(copy);
  source.destroy();
  copy.destroy();
  return update;
}

/** A Yjs update that writes headings and paragraphs in the editor's schema (templates, demo content). */
export function blocksUpdate(blocks: DocumentBlock[]): Uint8Array {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(EDITOR_FRAGMENT);
  const nodes = blocks.map((block) => {
    const element = new Y.XmlElement(block.type);
    if (block.type === 'heading') element.setAttribute('level', block.level as unknown as string);
    if (block.text) element.insert(0, [new Y.XmlText(block.text)]);
    return element;
  });
  fragment.insert(0, nodes);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
