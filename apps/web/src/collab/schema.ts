import { TaskItem, TaskList } from '@tiptap/extension-list';
import { TableKit } from '@tiptap/extension-table';
import type { Extensions } from '@tiptap/react';
import { StarterKit } from '@tiptap/starter-kit';

/**
 * The document schema: what the live editor and the read-only view of an old version both use, so an old
 * version looks exactly like the text did.
 */
export function documentSchema(): Extensions {
  return [
    StarterKit.configure({
      // Collaboration brings its own undo (only one's own changes are undone).
      undoRedo: false,
      heading: { levels: [1, 2, 3] },
      link: {
        openOnClick: false,
        autolink: true,
        defaultProtocol: 'https',
        HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: null },
      },
    }),
    TaskList,
    TaskItem.configure({
      nested: true,
      a11y: {
        checkboxLabel: (node, checked) =>
          `${checked ? 'Afgevinkt' : 'Niet afgevinkt'}: ${node.textContent || 'lege taak'}`,
      },
    }),
    TableKit.configure({ table: { resizable: false } }),
  ];
}
