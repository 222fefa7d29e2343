import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import * as Y from 'yjs';
import { Actor, AuthorizationService, isSecretariat } from '@koers/access';
import { AuditService } from '@koers/audit';
import {
  assertVersion,
  conflict,
  EventBus,
  forbidden,
  lockVersion,
  notFound,
  TransactionHost,
  validationFailed,
} from '@koers/core';
import { commentLink, InsertedNotification, NotificationService } from '@koers/notifications';
import { CollabService } from './collab/collab.service';
import { exportDocument, TextExportFormat } from './document-export';
import { CommentRow, DocumentHistoryRepository } from './document-history.repository';
import { DocumentMeta, EDITOR_FRAGMENT } from './document.model';
import { DocumentRepository } from './document.repository';

export interface NewComment {
  body: string;
  /** Yjs relative positions (base64 of Y.encodeRelativePosition) of the commented selection. */
  anchorStart?: string;
  anchorEnd?: string;
  /** The selected text when the comment was made: stays readable if the text is deleted. */
  quote?: string;
  mentions?: string[];
}

export type CommentThread = CommentRow & { replies: CommentRow[] };

/** Version history (named and automatic versions, view, restore as a new change) and comment threads. */
@Injectable()
export class DocumentHistoryService implements OnModuleInit {
  private readonly logger = new Logger(DocumentHistoryService.name);

  constructor(
    private readonly transactions: TransactionHost,
    private readonly documents: DocumentRepository,
    private readonly repository: DocumentHistoryRepository,
    private readonly collab: CollabService,
    private readonly authorization: AuthorizationService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
    private readonly events: EventBus,
  ) {}

  onModuleInit(): void {
    // An automatic version when everyone has left a document they changed: a meaningful point.
    this.collab.onDocumentIdle((documentId) => void this.autoVersion(documentId));
  }

  async listVersions(actor: Actor, documentId: string) {
    await this.readable(actor, documentId, 'document.versions');
    return this.repository.listVersions(documentId);
  }

  async createVersion(actor: Actor, documentId: string, name: string) {
    const meta = await this.writable(actor, documentId, 'document.version.create');
    const state = await this.collab.currentState(documentId);
    const id = await this.transactions.transaction(async (manager) => {
      const versionId = await this.repository.insertVersion(
        documentId,
        { name, kind: 'handmatig', state, createdBy: actor.userId },
        manager,
      );
      await this.audit.recordChange(
        actor,
        {
          action: 'document.version.create',
          entityType: 'document',
          entityId: documentId,
          workgroupId: meta.workgroupId,
          summary: { versionId, name },
        },
        manager,
      );
      return versionId;
    });
    this.collab.signal(documentId, 'versions', { documentId });
    const created = (await this.repository.listVersions(documentId)).find((v) => v.id === id);
    // Versions are never deleted: only a document removed in between could take it away.
    if (!created) throw notFound('Het document');
    return created;
  }

  /** An old version, read-only, rendered like an export. */
  async viewVersion(actor: Actor, documentId: string, versionId: string, format: TextExportFormat): Promise<string> {
    await this.readable(actor, documentId, 'document.version.read');
    const state = await this.repository.versionState(documentId, versionId);
    if (!state) throw notFound('De versie');
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    const body = exportDocument(doc, format);
    doc.destroy();
    return body;
  }

  /**
   * Restoring is a new change on top of the current content, never a rewrite of history: the current state
   * is kept as a version first, then the old content replaces the current one as an ordinary update.
   */
  async restore(actor: Actor, documentId: string, versionId: string) {
    const meta = await this.writable(actor, documentId, 'document.version.restore');
    const old = await this.repository.versionState(documentId, versionId);
    if (!old) throw notFound('De versie');
    const current = await this.collab.currentState(documentId);
    const working = new Y.Doc();
    Y.applyUpdate(working, current);
    const before = Y.encodeStateVector(working);
    const oldDoc = new Y.Doc();
    Y.applyUpdate(oldDoc, old);
    working.transact(() => {
      const fragment = working.getXmlFragment(EDITOR_FRAGMENT);
      fragment.delete(0, fragment.length);
      fragment.insert(
        0,
        oldDoc
          .getXmlFragment(EDITOR_FRAGMENT)
          .toArray()
          .map((node) => (node as Y.XmlElement | Y.XmlText).clone()),
      );
    });
    const change = Y.encodeStateAsUpdate(working, before);
    working.destroy();
    oldDoc.destroy();
    await this.transactions.transaction(async (manager) => {
      await this.repository.insertVersion(
        documentId,
        { name: 'Voor herstel', kind: 'herstel', state: current, createdBy: actor.userId },
        manager,
      );
      await this.audit.recordChange(
        actor,
        {
          action: 'document.version.restore',
          entityType: 'document',
          entityId: documentId,
          workgroupId: meta.workgroupId,
          summary: { versionId },
        },
        manager,
      );
    });
    await this.collab.applyServerUpdate(documentId, change, actor.userId);
    this.collab.signal(documentId, 'versions', { documentId });
    return this.repository.listVersions(documentId);
  }

  async listComments(actor: Actor, documentId: string): Promise<CommentThread[]> {
    await this.readable(actor, documentId, 'document.comments');
    return threads(await this.repository.listComments(documentId));
  }

  async comment(actor: Actor, documentId: string, input: NewComment): Promise<CommentThread[]> {
    const meta = await this.writable(actor, documentId, 'document.comment.create');
    const anchorStart = decodeAnchor(input.anchorStart, 'anchorStart');
    const anchorEnd = decodeAnchor(input.anchorEnd, 'anchorEnd');
    const mentions = await this.checkMentions(meta, input.mentions ?? []);
    const mentioned = await this.transactions.transaction(async (manager) => {
      const id = await this.repository.insertComment(
        {
          documentId,
          parentId: null,
          authorId: actor.userId,
          body: input.body,
          anchorStart,
          anchorEnd,
          quote: input.quote ?? '',
          mentions,
        },
        manager,
      );
      await this.audit.recordChange(
        actor,
        {
          action: 'document.comment.create',
          entityType: 'document_comment',
          entityId: id,
          workgroupId: meta.workgroupId,
          summary: { documentId, mentions },
        },
        manager,
      );
      this.commented(actor, meta, id, id, mentions);
      return this.notifyMentions(actor, meta, id, mentions, manager);
    });
    await this.notifications.announce(mentioned);
    return this.changedComments(documentId);
  }

  async reply(actor: Actor, commentId: string, body: string, mentionIds: string[] = []): Promise<CommentThread[]> {
    const { comment, meta } = await this.commentFor(actor, commentId, 'document.comment.reply');
    if (comment.parentId)
      throw validationFailed([{ field: 'commentId', messages: ['Reageer op het eerste bericht van de draad.'] }]);
    const mentions = await this.checkMentions(meta, mentionIds);
    const mentioned = await this.transactions.transaction(async (manager) => {
      const id = await this.repository.insertComment(
        {
          documentId: meta.id,
          parentId: commentId,
          authorId: actor.userId,
          body,
          anchorStart: null,
          anchorEnd: null,
          quote: '',
          mentions,
        },
        manager,
      );
      await this.audit.recordChange(
        actor,
        {
          action: 'document.comment.reply',
          entityType: 'document_comment',
          entityId: id,
          workgroupId: meta.workgroupId,
          summary: { documentId: meta.id, parentId: commentId, mentions },
        },
        manager,
      );
      this.commented(actor, meta, id, commentId, mentions);
      return this.notifyMentions(actor, meta, id, mentions, manager);
    });
    await this.notifications.announce(mentioned);
    return this.changedComments(meta.id);
  }

  async setResolved(actor: Actor, commentId: string, resolved: boolean): Promise<CommentThread[]> {
    const { comment, meta } = await this.commentFor(
      actor,
      commentId,
      resolved ? 'document.comment.resolve' : 'document.comment.reopen',
    );
    if (comment.parentId)
      throw validationFailed([{ field: 'commentId', messages: ['Alleen een hele draad kan worden afgerond.'] }]);
    await this.transactions.transaction(async (manager) => {
      await this.repository.setResolved(commentId, resolved ? actor.userId : null, manager);
      await this.audit.recordChange(
        actor,
        {
          action: resolved ? 'document.comment.resolve' : 'document.comment.reopen',
          entityType: 'document_comment',
          entityId: commentId,
          workgroupId: meta.workgroupId,
          summary: { documentId: meta.id },
        },
        manager,
      );
    });
    return this.changedComments(meta.id);
  }

  /** Only the author edits a comment; the author or the secretariat deletes one. */
  async edit(
    actor: Actor,
    commentId: string,
    body: string,
    mentionIds: string[] = [],
    expectedVersion?: number,
  ): Promise<CommentThread[]> {
    const { comment, meta } = await this.commentFor(actor, commentId, 'document.comment.edit');
    if (comment.authorId !== actor.userId)
      await this.refuse(
        actor,
        'document.comment.edit',
        commentId,
        meta,
        'U kunt alleen uw eigen opmerkingen wijzigen.',
      );
    const mentions = await this.checkMentions(meta, mentionIds);
    assertVersion(comment, expectedVersion);
    const mentioned = await this.transactions.transaction(async (manager) => {
      await lockVersion(manager, 'document_comments', commentId, expectedVersion);
      await this.repository.editComment(commentId, body, mentions, manager);
      await this.audit.recordChange(
        actor,
        {
          action: 'document.comment.edit',
          entityType: 'document_comment',
          entityId: commentId,
          workgroupId: meta.workgroupId,
          summary: { documentId: meta.id },
        },
        manager,
      );
      return this.notifyMentions(actor, meta, commentId, mentions, manager);
    });
    await this.notifications.announce(mentioned);
    return this.changedComments(meta.id);
  }

  async remove(actor: Actor, commentId: string, expectedVersion?: number): Promise<CommentThread[]> {
    const { comment, meta } = await this.commentFor(actor, commentId, 'document.comment.delete');
    if (comment.authorId !== actor.userId && !isSecretariat(actor))
      await this.refuse(
        actor,
        'document.comment.delete',
        commentId,
        meta,
        'U kunt alleen uw eigen opmerkingen verwijderen.',
      );
    assertVersion(comment, expectedVersion);
    await this.transactions.transaction(async (manager) => {
      await lockVersion(manager, 'document_comments', commentId, expectedVersion);
      await this.repository.deleteComment(commentId, manager);
      await this.audit.recordChange(
        actor,
        {
          action: 'document.comment.delete',
          entityType: 'document_comment',
          entityId: commentId,
          workgroupId: meta.workgroupId,
          // The text itself is not kept (it can be erased on request): a fingerprint proves which text it was.
          summary: { documentId: meta.id, bodySha256: createHash('sha256').update(comment.body).digest('hex') },
        },
        manager,
      );
    });
    return this.changedComments(meta.id);
  }

  private async autoVersion(documentId: string): Promise<void> {
    try {
      if (!(await this.repository.hasContributionsSinceLastVersion(documentId))) return;
      const state = await this.collab.currentState(documentId);
      await this.transactions.transaction(async (manager) => {
        const contributorIds = await this.repository.contributorIds(documentId, manager);
        await this.repository.insertVersion(
          documentId,
          { name: null, kind: 'automatisch', state, createdBy: null },
          manager,
        );
        const meta = await this.documents.findMeta(documentId);
        // Its followers hear that the text changed, once its editors have left (not on every keystroke).
        if (meta)
          this.events.publish('document.changed', {
            documentId,
            documentTitle: meta.title,
            workgroupId: meta.workgroupId,
            contributorIds,
          });
      });
    } catch (err) {
      this.logger.warn(`Automatic version of ${documentId} failed: ${(err as Error).message}`);
    }
  }

  /** Announced after the commit: the thread's participants and the document's followers hear of it. */
  private commented(actor: Actor, meta: DocumentMeta, commentId: string, threadId: string, mentioned: string[]) {
    this.events.publish('document.commented', {
      documentId: meta.id,
      documentTitle: meta.title,
      workgroupId: meta.workgroupId,
      commentId,
      threadId,
      actorId: actor.userId,
      actorName: actor.displayName,
      mentioned,
    });
  }

  /**
   * "Vermelding": tells each mentioned member (not the author, not inactive accounts) in the comment's own
   * transaction. Keyed per comment, so editing a comment only notifies the people it newly mentions.
   */
  private async notifyMentions(
    actor: Actor,
    meta: DocumentMeta,
    commentId: string,
    mentions: string[],
    manager: EntityManager,
  ): Promise<InsertedNotification[]> {
    const recipients = await this.repository.activeUsersAmong(
      mentions.filter((id) => id !== actor.userId),
      manager,
    );
    return this.notifications.insertWithin(
      manager,
      recipients.map((userId) => ({
        userId,
        kind: 'vermelding' as const,
        title: `${actor.displayName} noemde u in een reactie op ${meta.title}`,
        entityType: 'document_comment',
        entityId: commentId,
        workgroupId: meta.workgroupId,
        link: commentLink(meta.id, commentId),
        dedupeKey: `mention:${commentId}`,
      })),
    );
  }

  private async changedComments(documentId: string): Promise<CommentThread[]> {
    this.collab.signal(documentId, 'comments', { documentId });
    return threads(await this.repository.listComments(documentId));
  }

  private async checkMentions(meta: DocumentMeta, mentions: string[]): Promise<string[]> {
    const unique = [...new Set(mentions)];
    const members = await this.repository.membersAmong(meta.workgroupId, unique);
    if (members.length !== unique.length)
      throw validationFailed([{ field: 'mentions', messages: ['U kunt alleen leden van de werkgroep noemen.'] }]);
    return unique;
  }

  /** A refusal on someone else's comment is audited like every other refusal. */
  private async refuse(
    actor: Actor,
    attempted: string,
    commentId: string,
    meta: DocumentMeta,
    message: string,
  ): Promise<never> {
    await this.audit.recordDenied(actor, {
      action: attempted,
      entityType: 'document_comment',
      entityId: commentId,
      workgroupId: meta.workgroupId,
      summary: { documentId: meta.id, reason: 'not_author' },
    });
    throw forbidden(message);
  }

  private async commentFor(actor: Actor, commentId: string, attempted: string) {
    const comment = await this.repository.findComment(commentId);
    if (!comment) throw notFound('De opmerking');
    const meta = await this.writable(actor, comment.documentId, attempted, 'De opmerking');
    return { comment, meta };
  }

  /** `asked` names what was asked for when it is reached through the document (a comment). */
  private async readable(
    actor: Actor,
    documentId: string,
    attempted: string,
    asked = 'Het document',
  ): Promise<DocumentMeta> {
    const meta = await this.documents.findMeta(documentId);
    if (!meta) throw notFound(asked);
    await this.authorization.assertInWorkgroup(actor, 'workgroup.content.read', meta.workgroupId, attempted, asked);
    return meta;
  }

  /** May write, and the document is not archived: an archived document is read-only everywhere. */
  private async writable(actor: Actor, documentId: string, attempted: string, asked?: string): Promise<DocumentMeta> {
    const meta = await this.readable(actor, documentId, attempted, asked);
    await this.authorization.assertInWorkgroup(actor, 'workgroup.content.write', meta.workgroupId, attempted);
    if (meta.archivedAt !== null) {
      await this.audit.recordDenied(actor, {
        action: attempted,
        entityType: 'document',
        entityId: meta.id,
        workgroupId: meta.workgroupId,
        summary: { reason: 'archived' },
      });
      throw conflict('Dit document is gearchiveerd en kan niet meer worden gewijzigd.');
    }
    return meta;
  }
}

function threads(rows: CommentRow[]): CommentThread[] {
  return rows
    .filter((r) => !r.parentId)
    .map((root) => ({ ...root, replies: rows.filter((r) => r.parentId === root.id) }));
}

function decodeAnchor(value: string | undefined, field: string): Uint8Array | null {
  if (value === undefined) return null;
  const bytes = new Uint8Array(Buffer.from(value, 'base64'));
  try {
    Y.decodeRelativePosition(bytes);
  } catch {
    throw validationFailed([{ field, messages: ['Geen geldige positie in het document.'] }]);
  }
  return bytes;
}
