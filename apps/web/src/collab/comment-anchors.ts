/**
 * Comment anchors in the editor: the commented text is highlighted by a ProseMirror decoration computed
 * from the comment's Yjs relative positions, so the highlight follows the text while others edit it.
 * Local edits map the decorations; remote changes (and new anchors) recompute them from the relative
 * positions, the way y-tiptap's own caret plugin does.
 */
import { Extension, type Editor } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from '@tiptap/y-tiptap';
import * as Y from 'yjs';

export interface CommentAnchor {
  id: string;
  /** Base64 of Y.encodeRelativePosition, as the API stores them. */
  anchorStart: string;
  anchorEnd: string;
}

export interface AnchorRange {
  from: number;
  to: number;
}

interface DecodedAnchor {
  id: string;
  start: Y.RelativePosition;
  end: Y.RelativePosition;
}

interface AnchorsState {
  anchors: DecodedAnchor[];
  activeId: string | null;
  decorations: DecorationSet;
}

type AnchorsMeta = { anchors?: DecodedAnchor[]; activeId?: string | null };

const commentAnchorsKey = new PluginKey<AnchorsState>('commentAnchors');

const toBase64 = (bytes: Uint8Array) => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

interface SyncState {
  doc: Y.Doc;
  type: Y.XmlFragment;
  binding: { mapping: Map<Y.AbstractType<unknown>, unknown> } | null;
  isChangeOrigin?: boolean;
}

function syncState(state: EditorState): SyncState | null {
  const sync = ySyncPluginKey.getState(state) as SyncState | undefined;
  return sync?.binding && sync.binding.mapping.size > 0 ? sync : null;
}

/** Where an anchor is now; null when its text was deleted (or the document is not bound yet). */
function resolve(state: EditorState, anchor: DecodedAnchor): AnchorRange | null {
  const sync = syncState(state);
  if (!sync) return null;
  const from = relativePositionToAbsolutePosition(sync.doc, sync.type, anchor.start, sync.binding!.mapping as never);
  const to = relativePositionToAbsolutePosition(sync.doc, sync.type, anchor.end, sync.binding!.mapping as never);
  if (from === null || to === null || to <= from || to > state.doc.content.size) return null;
  return { from, to };
}

function decorate(state: EditorState, anchors: DecodedAnchor[], activeId: string | null): DecorationSet {
  const decorations: Decoration[] = [];
  for (const anchor of anchors) {
    const range = resolve(state, anchor);
    if (!range) continue;
    const active = anchor.id === activeId;
    decorations.push(
      Decoration.inline(
        range.from,
        range.to,
        { class: active ? 'comment-anchor comment-anchor-active' : 'comment-anchor', 'data-comment-id': anchor.id },
        { commentId: anchor.id },
      ),
    );
  }
  return DecorationSet.create(state.doc, decorations);
}

function decode(anchor: CommentAnchor): DecodedAnchor | null {
  try {
    return {
      id: anchor.id,
      start: Y.decodeRelativePosition(fromBase64(anchor.anchorStart)),
      end: Y.decodeRelativePosition(fromBase64(anchor.anchorEnd)),
    };
  } catch {
    return null;
  }
}

export interface CommentAnchorsOptions {
  /** A highlight was clicked: the thread it belongs to. */
  onActivate: (commentId: string) => void;
}

export const CommentAnchors = Extension.create<CommentAnchorsOptions>({
  name: 'commentAnchors',
  addOptions: () => ({ onActivate: () => undefined }),
  addProseMirrorPlugins() {
    const options = this.options;
    return [
      new Plugin<AnchorsState>({
        key: commentAnchorsKey,
        state: {
          init: (_, state) => ({ anchors: [], activeId: null, decorations: DecorationSet.create(state.doc, []) }),
          apply(tr: Transaction, previous: AnchorsState, _old: EditorState, state: EditorState): AnchorsState {
            const meta = tr.getMeta(commentAnchorsKey) as AnchorsMeta | undefined;
            const remote = (ySyncPluginKey.getState(state) as SyncState | undefined)?.isChangeOrigin === true;
            if (meta || remote) {
              const anchors = meta?.anchors ?? previous.anchors;
              const activeId = meta && 'activeId' in meta ? (meta.activeId ?? null) : previous.activeId;
              return { anchors, activeId, decorations: decorate(state, anchors, activeId) };
            }
            if (tr.docChanged) return { ...previous, decorations: previous.decorations.map(tr.mapping, tr.doc) };
            return previous;
          },
        },
        props: {
          decorations: (state) => commentAnchorsKey.getState(state)?.decorations,
          handleClick(view, pos) {
            const found = commentAnchorsKey.getState(view.state)?.decorations.find(pos, pos);
            const id = found?.[0]?.spec.commentId as string | undefined;
            if (id) options.onActivate(id);
            return false;
          },
        },
      }),
    ];
  },
});

/** Shows these anchors (replacing the previous ones) and marks one thread active. */
export function setCommentAnchors(editor: Editor, anchors: CommentAnchor[], activeId: string | null) {
  const decoded = anchors.map(decode).filter((a): a is DecodedAnchor => a !== null);
  editor.view.dispatch(
    editor.state.tr
      .setMeta(commentAnchorsKey, { anchors: decoded, activeId } satisfies AnchorsMeta)
      .setMeta('addToHistory', false),
  );
}

/** Where a comment's text is now, or null when it was deleted. */
export function resolveCommentAnchor(editor: Editor, anchor: CommentAnchor): AnchorRange | null {
  const decoded = decode(anchor);
  return decoded ? resolve(editor.state, decoded) : null;
}

/** The current selection as an anchor for a new comment (relative positions and the quoted text), or null if nothing is selected. */
export function selectionAnchor(editor: Editor): { anchorStart: string; anchorEnd: string; quote: string } | null {
  const { from, to, empty } = editor.state.selection;
  const sync = syncState(editor.state);
  if (empty || !sync) return null;
  const quote = editor.state.doc.textBetween(from, to, ' ').trim();
  if (!quote) return null;
  const mapping = sync.binding!.mapping as never;
  const start = absolutePositionToRelativePosition(from, sync.type, mapping);
  const end = absolutePositionToRelativePosition(to, sync.type, mapping);
  return {
    anchorStart: toBase64(Y.encodeRelativePosition(start)),
    anchorEnd: toBase64(Y.encodeRelativePosition(end)),
    quote: quote.slice(0, 2000),
  };
}
