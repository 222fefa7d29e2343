import type { Editor } from '@tiptap/react';
import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { CollabEditor } from '../../collab/CollabEditor';
import { selectionAnchor } from '../../collab/comment-anchors';
import type { CollabDocument } from '../../collab/provider';
import { CommentsPanel, CommentStart } from './CommentsPanel';
import type { Member } from './MentionField';
import { VersionsPanel } from './VersionsPanel';

export interface DocumentWorkspaceProps {
  documentId: string;
  title: string;
  document: CollabDocument;
  editable: boolean;
  me: { id: string; displayName: string };
  mayDeleteAnyComment: boolean;
  members: Member[];
}

/**
 * The editor with its comments and versions panels: everything on the document page that needs Tiptap and
 * ProseMirror. A chunk of its own (DocumentPage loads it lazily), so the page's heading and facts are drawn
 * before these 450 KiB have arrived and been evaluated.
 */
export function DocumentWorkspace({
  documentId,
  title,
  document,
  editable,
  me,
  mayDeleteAnyComment,
  members,
}: DocumentWorkspaceProps) {
  const [editor, setEditor] = useState<Editor | null>(null);
  const [searchParams] = useSearchParams();
  const [commentStart, setCommentStart] = useState<CommentStart | null>(null);
  const [activeThread, setActiveThread] = useState<string | null>(null);
  // Wide screens show both panels beside the text; on a tablet they sit below it, closed until needed.
  const wide = useMemo(() => window.matchMedia?.('(min-width: 64rem)').matches ?? true, []);
  const [commentsOpen, setCommentsOpen] = useState(wide || searchParams.has('reactie'));
  const [versionsOpen, setVersionsOpen] = useState(wide);

  const startComment = useCallback(() => {
    setCommentStart({ anchor: editor ? selectionAnchor(editor) : null, key: Date.now() });
    setCommentsOpen(true);
  }, [editor]);
  const activateThread = useCallback((id: string | null) => {
    setActiveThread(id);
    if (id) setCommentsOpen(true);
  }, []);

  return (
    <div className="document-workspace">
      <div className="document-text">
        <CollabEditor
          document={document}
          editable={editable}
          userName={me.displayName}
          label={`Inhoud van ${title}`}
          onReady={setEditor}
          onComment={editable ? startComment : undefined}
          onCommentActivated={activateThread}
        />
      </div>
      <div className="document-panels">
        <CommentsPanel
          documentId={documentId}
          collab={document}
          editor={editor}
          canComment={editable}
          meId={me.id}
          mayDeleteAny={mayDeleteAnyComment}
          members={members}
          start={commentStart}
          onStartDone={() => setCommentStart(null)}
          onStartComment={startComment}
          activeId={activeThread}
          onActivate={activateThread}
          openId={searchParams.get('reactie')}
          open={commentsOpen}
          onToggle={setCommentsOpen}
        />
        <VersionsPanel
          documentId={documentId}
          collab={document}
          canWrite={editable}
          open={versionsOpen}
          onToggle={setVersionsOpen}
        />
      </div>
    </div>
  );
}
