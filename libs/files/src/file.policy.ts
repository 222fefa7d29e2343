import { Injectable } from '@nestjs/common';
import { Actor, AuthorizationService, SCOPE_NAMES } from '@koers/access';
import { AuditService } from '@koers/audit';
import type { FileParentType } from '@koers/contracts';
import { forbidden, isUuid, notFound } from '@koers/core';
import { KnowledgePolicy } from '@koers/knowledge';
import { FileRepository, ResolvedParent } from './file.repository';

/** How an answer names a parent that does not exist (or that the caller may not know exists). */
export const PARENT_NAMES: Record<FileParentType, string> = {
  workgroup: SCOPE_NAMES.workgroup,
  session: SCOPE_NAMES.session,
  agenda_item: SCOPE_NAMES.agenda_item,
  knowledge_item: 'Het item',
  action: SCOPE_NAMES.action,
};
const FILE = 'Het bestand';

export interface ParentRef {
  type: FileParentType;
  id: string;
}

/**
 * Who may see and add files: files follow their parent. Reading: whoever may read the parent (the
 * werkgroep's working material: `workgroup.content.read`; a kennisbank item: the kennisbank's readers).
 * Adding files, new versions and archiving: whoever may edit the parent (the werkgroep's Documenten:
 * `workgroup.content.write`, like its documents; a session or agenda item: `workgroup.actions.manage`; an
 * action: `workgroup.actions.manage`, or `workgroup.content.write` for its owner; a kennisbank item: the
 * kennisbank's editors). On the parent's routes the parent's answers apply (404 for outsiders, 403 for readers
 * who may not change it); a file addressed by its own id is "not found" for anyone who may not read its
 * parent, so file ids cannot be probed. Every refusal is audited.
 */
@Injectable()
export class FilePolicy {
  constructor(
    private readonly repository: FileRepository,
    private readonly authorization: AuthorizationService,
    private readonly knowledge: KnowledgePolicy,
    private readonly audit: AuditService,
  ) {}

  async canRead(actor: Actor, parent: ResolvedParent): Promise<boolean> {
    if (parent.type === 'knowledge_item') return this.knowledge.canRead(actor);
    return (
      parent.workgroupId !== null &&
      this.authorization.canInWorkgroup(actor, 'workgroup.content.read', parent.workgroupId)
    );
  }

  async canChange(actor: Actor, parent: ResolvedParent): Promise<boolean> {
    if (parent.type === 'knowledge_item')
      return parent.themeId !== null && this.knowledge.canChange(actor, parent.themeId);
    const workgroupId = parent.workgroupId;
    if (workgroupId === null) return false;
    if (parent.type === 'workgroup')
      return this.authorization.canInWorkgroup(actor, 'workgroup.content.write', workgroupId);
    if (await this.authorization.canInWorkgroup(actor, 'workgroup.actions.manage', workgroupId)) return true;
    return (
      parent.type === 'action' &&
      parent.ownerId === actor.userId &&
      this.authorization.canInWorkgroup(actor, 'workgroup.content.write', workgroupId)
    );
  }

  /** Listing a parent's files: the parent must exist and be readable (its own 404/403 answers). */
  async assertMayList(actor: Actor, ref: ParentRef): Promise<ResolvedParent> {
    const parent = await this.existing(ref);
    if (parent.type === 'knowledge_item') {
      await this.knowledge.assertRead(actor, 'file.list', { type: 'knowledge_item', id: parent.id });
      return parent;
    }
    await this.authorization.assertInWorkgroup(
      actor,
      'workgroup.content.read',
      parent.workgroupId!,
      'file.list',
      PARENT_NAMES[parent.type],
    );
    return parent;
  }

  /** Adding a file to a parent: readable (as above), then changeable (403 and audited otherwise). */
  async assertMayUpload(actor: Actor, ref: ParentRef): Promise<ResolvedParent> {
    const parent = await this.existing(ref);
    if (parent.type === 'knowledge_item') {
      await this.knowledge.assertRead(actor, 'file.upload', { type: 'knowledge_item', id: parent.id });
    } else {
      await this.authorization.assertInWorkgroup(
        actor,
        'workgroup.content.read',
        parent.workgroupId!,
        'file.upload',
        PARENT_NAMES[parent.type],
      );
    }
    if (await this.canChange(actor, parent)) return parent;
    await this.denied(actor, 'file.upload', parent, parent.type, parent.id);
    throw forbidden('U mag geen bestanden toevoegen aan dit onderdeel.');
  }

  /** A file by its id: its parent, if the caller may read it; "not found" otherwise (audited). */
  async assertMayRead(actor: Actor, fileId: string, attempted = 'file.read'): Promise<ResolvedParent> {
    const ref = isUuid(fileId) ? await this.repository.parentOfFile(fileId) : null;
    if (!ref) throw notFound(FILE);
    const parent = await this.repository.resolveParent(ref.type, ref.id);
    if (parent && (await this.canRead(actor, parent))) return parent;
    await this.denied(actor, attempted, parent, 'file', fileId);
    throw notFound(FILE);
  }

  /** A new version or archiving: readable by the caller, and its parent changeable (403 otherwise). */
  async assertMayChange(actor: Actor, fileId: string, attempted: string): Promise<ResolvedParent> {
    const parent = await this.assertMayRead(actor, fileId, attempted);
    if (await this.canChange(actor, parent)) return parent;
    await this.denied(actor, attempted, parent, 'file', fileId);
    throw forbidden('U mag dit bestand niet wijzigen.');
  }

  private async existing(ref: ParentRef): Promise<ResolvedParent> {
    const parent = isUuid(ref.id) ? await this.repository.resolveParent(ref.type, ref.id) : null;
    if (!parent || (parent.type !== 'knowledge_item' && parent.workgroupId === null))
      throw notFound(PARENT_NAMES[ref.type]);
    return parent;
  }

  private denied(
    actor: Actor,
    action: string,
    parent: ResolvedParent | null,
    entityType: string,
    entityId: string,
  ): Promise<void> {
    return this.audit.recordDenied(actor, {
      action,
      entityType,
      entityId,
      workgroupId: parent?.workgroupId ?? null,
      summary: parent ? { parentType: parent.type, parentId: parent.id } : {},
    });
  }
}
