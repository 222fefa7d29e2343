import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import * as Y from 'yjs';
import { Actor, AuthorizationService } from '@koers/access';
import type { DocumentPermissions } from '@koers/contracts';
import { AuditService } from '@koers/audit';
import { assertVersion, lockVersion, notFound, TransactionHost } from '@koers/core';
import { FollowService } from '@koers/notifications';
import { CollabService } from './collab/collab.service';
import { exportFile, ExportFormat, exportState } from './document-export';
import { stateBlocks } from './export/document-blocks';
import { DocumentFill, documentFill } from './export/document-sections';
import { renderDocumentPdf } from './export/document-pdf';
import { renderHtmlDocument } from './export/html-document';
import { contentCopyUpdate, DocumentKind, DocumentMeta, templateUpdate } from './document.model';
import { DocumentRepository } from './document.repository';

/** Document metadata over REST (content only travels through Yjs), and server-side export. */
@Injectable()
export class DocumentService {
  constructor(
    private readonly transactions: TransactionHost,
    private readonly repository: DocumentRepository,
    private readonly authorization: AuthorizationService,
    private readonly audit: AuditService,
    private readonly collab: CollabService,
    private readonly follows: FollowService,
  ) {}

  async list(actor: Actor, workgroupId: string, includeArchived: boolean): Promise<DocumentMeta[]> {
    await this.authorization.assertInWorkgroup(actor, 'workgroup.content.read', workgroupId, 'document.list');
    return this.repository.list(workgroupId, includeArchived);
  }

  /** The document with what the caller may do with it (the rules of the writing routes, told to the client). */
  async get(actor: Actor, id: string): Promise<DocumentMeta & { permissions: DocumentPermissions }> {
    const meta = await this.readable(actor, id, 'document.read');
    const writes = await this.authorization.canInWorkgroup(actor, 'workgroup.content.write', meta.workgroupId);
    return { ...meta, permissions: { edit: writes, comment: writes } };
  }

  /** A new document starts from the template of its kind, stored as its first update. */
  async create(actor: Actor, workgroupId: string, title: string, kind: DocumentKind): Promise<DocumentMeta> {
    await this.authorization.assertInWorkgroup(actor, 'workgroup.content.write', workgroupId, 'document.create');
    const id = await this.transactions.transaction((manager) =>
      this.createWithin(actor, workgroupId, title, kind, manager),
    );
    return (await this.repository.findMeta(id)) as DocumentMeta;
  }

  /**
   * Creates a document inside the caller's transaction, for a service that has already checked that the
   * actor may write in the werkgroep (a progress report creates its narrative document this way). It starts
   * from `content` (a `contentCopy`'s update) or else from the template of its kind.
   */
  async createWithin(
    actor: Actor,
    workgroupId: string,
    title: string,
    kind: DocumentKind,
    manager: EntityManager,
    content?: Uint8Array,
  ): Promise<string> {
    const id = await this.repository.insert(workgroupId, title, kind, actor.userId, manager);
    await this.repository.appendUpdates(
      [{ documentId: id, data: content ?? templateUpdate(kind), userId: actor.userId }],
      manager,
    );
    await this.audit.recordChange(
      actor,
      { action: 'document.create', entityType: 'document', entityId: id, workgroupId, summary: { title, kind } },
      manager,
    );
    // Whoever creates a document follows it.
    await this.follows.followWithin(manager, actor.userId, 'document', id, workgroupId);
    return id;
  }

  /**
   * The current content as plain text and HTML, including edits open editors made on this instance, for
   * a service that has already checked access (freezing a progress report's narrative on submit).
   */
  async currentContent(id: string): Promise<{ text: string; html: string }> {
    return exportState(await this.collab.currentState(id));
  }

  /**
   * The current content as the first update of a new document, with its plain text, for a service that has
   * already checked access (a new progress report's narrative starts from the last accepted one's).
   */
  async contentCopy(id: string): Promise<{ update: Uint8Array; text: string }> {
    const state = await this.collab.currentState(id);
    return { update: contentCopyUpdate(state), text: exportState(state).text };
  }

  /** Whether the document is still its bare template, and which sections are empty (for a service that checked access). */
  async fill(id: string): Promise<DocumentFill> {
    return documentFill(stateBlocks(await this.collab.currentState(id)));
  }

  /**
   * A document as its archive copies (a complete HTML page and a PDF/A), for a service that has already checked
   * access (the werkgroep's dossier).
   */
  async archiveCopies(id: string, title: string): Promise<{ html: string; pdf: Buffer }> {
    const blocks = stateBlocks(await this.collab.currentState(id));
    return { html: renderHtmlDocument(title, blocks), pdf: await renderDocumentPdf(title, blocks) };
  }

  /** With `expectedVersion` (If-Match or `version`) a rename or archive based on an older version is a 409. */
  async update(
    actor: Actor,
    id: string,
    changes: { title?: string; archived?: boolean },
    expectedVersion?: number,
  ): Promise<DocumentMeta> {
    const before = await this.readable(actor, id, 'document.update');
    await this.authorization.assertInWorkgroup(actor, 'workgroup.content.write', before.workgroupId, 'document.update');
    assertVersion(before, expectedVersion);
    await this.transactions.transaction(async (manager) => {
      await lockVersion(manager, 'documents', id, expectedVersion, () => this.repository.findMeta(id));
      if (changes.title !== undefined && changes.title !== before.title)
        await this.repository.rename(id, changes.title, manager);
      if (changes.archived !== undefined && changes.archived !== (before.archivedAt !== null))
        await this.repository.setArchived(id, changes.archived, manager);
      await this.audit.recordChange(
        actor,
        {
          action:
            changes.archived === undefined
              ? 'document.rename'
              : changes.archived
                ? 'document.archive'
                : 'document.restore',
          entityType: 'document',
          entityId: id,
          workgroupId: before.workgroupId,
          summary: { title: { from: before.title, to: changes.title ?? before.title }, archived: changes.archived },
        },
        manager,
      );
    });
    // Archived documents are read-only: editors who have it open find out on their next edit.
    if (changes.archived !== undefined) this.collab.expirePermissions(id);
    return (await this.repository.findMeta(id)) as DocumentMeta;
  }

  /** The current content rendered on the server from the stored updates. */
  async export(actor: Actor, id: string, format: ExportFormat): Promise<{ meta: DocumentMeta; body: string | Buffer }> {
    const meta = await this.readable(actor, id, 'document.export');
    const { snapshot, updates } = await this.repository.loadState(id);
    const doc = new Y.Doc();
    doc.transact(() => {
      if (snapshot) Y.applyUpdate(doc, snapshot);
      for (const update of updates) Y.applyUpdate(doc, update);
    });
    try {
      return { meta, body: await exportFile(doc, meta.title, format) };
    } finally {
      doc.destroy();
    }
  }

  private async readable(actor: Actor, id: string, attempted: string): Promise<DocumentMeta> {
    const meta = await this.repository.findMeta(id);
    if (!meta) throw notFound('Het document');
    await this.authorization.assertInWorkgroup(
      actor,
      'workgroup.content.read',
      meta.workgroupId,
      attempted,
      'Het document',
    );
    return meta;
  }
}
