import { Injectable } from '@nestjs/common';
import { Actor, AuthorizationService, SCOPE_NAMES } from '@koers/access';
import { AuditService } from '@koers/audit';
import type { FileParentType } from '@koers/contracts';
import { ConsultationPolicy } from '@koers/consultation';
import { conflict, forbidden, isUuid, notFound } from '@koers/core';
import { KnowledgePolicy } from '@koers/knowledge';
import { FileRepository, ResolvedParent } from './file.repository';

/** How an answer names a parent that does not exist (or that the caller may not know exists). */
export const PARENT_NAMES: Record<FileParentType, string> = {
  workgroup: SCOPE_NAMES.workgroup,
  session: SCOPE_NAMES.session,
  agenda_item: SCOPE_NAMES.agenda_item,
  knowledge_item: 'Het item',
  action: SCOPE_NAMES.action,
  consultation_answer: 'De reactie',
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
 * kennisbank's editors; a consultation answer: whoever may enter that answer, the secretariat or the asked
 * organisation's own users, while the consultation is open). A consultation answer is read by whoever may read its
 * consultation (the secretariat, the RVC, the asked organisations). On the parent's routes the parent's answers apply (404 for outsiders, 403 for readers
 * who may not change it); a file addressed by its own id is "not found" for anyone who may not read its
 * parent, so file ids cannot be probed. Every refusal is audited.
 */
@Injectable()
export class FilePolicy {
  constructor(
    private readonly repository: FileRepository,
    private readonly authorization: AuthorizationService,
    private readonly knowledge: KnowledgePolicy,
    private readonly consultations: ConsultationPolicy,
    private readonly audit: AuditService,
  ) {}

  async canRead(actor: Actor, parent: ResolvedParent): Promise<boolean> {
    if (parent.type === 'knowledge_item') return this.knowledge.canRead(actor);
    if (parent.type === 'consultation_answer') return this.consultations.canRead(actor, parent.consultationId!);
    return (
      parent.workgroupId !== null &&
      this.authorization.canInWorkgroup(actor, 'workgroup.content.read', parent.workgroupId)
    );
  }

  async canChange(actor: Actor, parent: ResolvedParent): Promise<boolean> {
    if (parent.type === 'knowledge_item')
      return parent.themeId !== null && this.knowledge.canChange(actor, parent.themeId);
    if (parent.type === 'consultation_answer')
      return (
        !parent.closed && (await this.consultations.canAnswerFor(actor, parent.consultationId!, parent.organisationId!))
      );
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

  /** The parent as the rules see it, or null when it does not exist (live updates decide per receiver). */
  resolve(ref: ParentRef): Promise<ResolvedParent | null> {
    return isUuid(ref.id) ? this.repository.resolveParent(ref.type, ref.id) : Promise.resolve(null);
  }

  /** Listing a parent's files: the parent must exist and be readable (its own 404/403 answers). */
  async assertMayList(actor: Actor, ref: ParentRef): Promise<ResolvedParent> {
    const parent = await this.existing(ref);
    await this.assertParentReadable(actor, parent, 'file.list');
    return parent;
  }

  /** Adding a file to a parent: readable (as above), then changeable (403 and audited otherwise). */
  async assertMayUpload(actor: Actor, ref: ParentRef): Promise<ResolvedParent> {
    const parent = await this.existing(ref);
    await this.assertParentReadable(actor, parent, 'file.upload');
    if (await this.canChange(actor, parent)) return parent;
    await this.denied(actor, 'file.upload', parent, parent.type, parent.id);
    await this.assertOpen(actor, parent);
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
    await this.assertOpen(actor, parent);
    throw forbidden('U mag dit bestand niet wijzigen.');
  }

  /** The parent's own answer to someone who may not read it: 404 (audited by the parent's policy). */
  private async assertParentReadable(actor: Actor, parent: ResolvedParent, attempted: string): Promise<void> {
    if (parent.type === 'knowledge_item') {
      await this.knowledge.assertRead(actor, attempted, { type: 'knowledge_item', id: parent.id });
      return;
    }
    if (parent.type === 'consultation_answer') {
      if (await this.consultations.canRead(actor, parent.consultationId!)) return;
      await this.denied(actor, attempted, parent, parent.type, parent.id);
      throw notFound(PARENT_NAMES.consultation_answer);
    }
    await this.authorization.assertInWorkgroup(
      actor,
      'workgroup.content.read',
      parent.workgroupId!,
      attempted,
      PARENT_NAMES[parent.type],
    );
  }

  /** A closed consultation's answers are fixed, attachments included (409 to who may answer, as for the answer). */
  private async assertOpen(actor: Actor, parent: ResolvedParent): Promise<void> {
    if (
      parent.type === 'consultation_answer' &&
      parent.closed &&
      (await this.consultations.canAnswerFor(actor, parent.consultationId!, parent.organisationId!))
    )
      throw conflict('Deze consultatie is gesloten; heropen haar om de bijlagen van een reactie te wijzigen.');
  }

  private async existing(ref: ParentRef): Promise<ResolvedParent> {
    const parent = isUuid(ref.id) ? await this.repository.resolveParent(ref.type, ref.id) : null;
    const ownRules = parent?.type === 'knowledge_item' || parent?.type === 'consultation_answer';
    if (!parent || (!ownRules && parent.workgroupId === null)) throw notFound(PARENT_NAMES[ref.type]);
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
