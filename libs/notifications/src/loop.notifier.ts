import { Injectable, OnModuleInit } from '@nestjs/common';
import type { ActionView } from '@koers/actions';
import { BackgroundWork, DomainEvents, EventBus } from '@koers/core';
import { FollowEntity, FollowRepository } from './follow.repository';
import type { ReportLoopEvent } from './loop-events';
import { LoopRepository } from './loop.repository';
import { actionLink, commentLink, documentLink, NewNotification, reportLink, sessionLink } from './notification.model';
import { NotificationService } from './notification.service';

type SessionSummary = DomainEvents['session.updated']['session'];

/** Notifications that fail to be written are tried again: they are the only trace for the person. */
const RETRIES = 3;

/**
 * Closes the loops (issue 16): listens to committed changes on the event bus and tells the people who wait
 * for them. A report submitted reaches the secretariat, returned its writers (with the comment), accepted
 * the whole werkgroep; a reply in a comment thread its participants; a change or comment on a document,
 * action or session its followers. Nobody is told about their own change; someone already told in another
 * way (mentioned, newly the owner) is not told twice. Also makes creators and owners follow what they
 * create or own.
 */
@Injectable()
export class LoopNotifier implements OnModuleInit {
  private readonly background = new BackgroundWork();

  constructor(
    private readonly events: EventBus,
    private readonly notifications: NotificationService,
    private readonly loops: LoopRepository,
    private readonly follows: FollowRepository,
  ) {}

  onModuleInit(): void {
    const on = <K extends keyof DomainEvents>(event: K, work: (payload: DomainEvents[K]) => Promise<void>) =>
      this.events.on(event, 'loop notifications', (payload) => this.background.track(work(payload)), {
        retries: RETRIES,
      });
    on('progress_report.submitted', (e) => this.reportSubmitted(e));
    on('progress_report.reviewed', (e) => this.reportReviewed(e));
    on('document.commented', (e) => this.documentCommented(e));
    on('document.changed', (e) => this.documentChanged(e));
    on('action.created', (e) => this.actionCreated(e.action, e.actorId));
    on('action.updated', (e) => this.actionUpdated(e.action, e.actorId, e.previousOwnerId));
    on('action.commented', (e) => this.actionCommented(e));
    on('session.created', (e) => this.sessionCreated(e.session));
    on('session.updated', (e) => this.sessionUpdated(e.session));
  }

  /** Resolves when every notification started so far is written (tests and shutdown). */
  settled(): Promise<void> {
    return this.background.settled();
  }

  private async reportSubmitted(e: ReportLoopEvent) {
    await this.send(await this.loops.secretariat(), [e.actorId], {
      kind: 'rapportage_ingediend',
      title: `Voortgangsrapportage ingediend: ${e.workgroupName} – ${e.cycleTitle} (beoordelen)`,
      entityType: 'progress_report',
      entityId: e.reportId,
      workgroupId: e.workgroupId,
      link: reportLink(e.reportId),
      dedupeKey: `report:${e.reportId}:v${e.version}:ingediend`,
    });
    // The werkgroep learns that the secretariat submitted its report for it.
    if (e.onBehalf)
      await this.send(await this.loops.reportWriters(e.reportId, e.workgroupId), [e.actorId], {
        kind: 'rapportage_ingediend',
        title: `Voortgangsrapportage namens ${e.workgroupName} ingediend door het secretariaat – ${e.cycleTitle}`,
        entityType: 'progress_report',
        entityId: e.reportId,
        workgroupId: e.workgroupId,
        link: reportLink(e.reportId),
        dedupeKey: `report:${e.reportId}:v${e.version}:namens`,
      });
  }

  private async reportReviewed(e: DomainEvents['progress_report.reviewed']) {
    const returned = e.outcome === 'teruggestuurd';
    const recipients = returned
      ? await this.loops.reportWriters(e.reportId, e.workgroupId)
      : await this.loops.members(e.workgroupId);
    await this.send(recipients, [e.actorId], {
      kind: returned ? 'rapportage_teruggestuurd' : 'rapportage_geaccepteerd',
      title: returned
        ? `Voortgangsrapportage teruggestuurd: ${e.workgroupName} – ${e.cycleTitle}`
        : `Voortgangsrapportage geaccepteerd: ${e.workgroupName} – ${e.cycleTitle}`,
      detail: returned ? e.comment : null,
      entityType: 'progress_report',
      entityId: e.reportId,
      workgroupId: e.workgroupId,
      // The werkgroep reworks a returned report in its Voortgang tab; the report page shows the verdict.
      link: returned ? `/werkgroepen/${e.workgroupId}/voortgang` : reportLink(e.reportId),
      dedupeKey: `report:${e.reportId}:v${e.version}:${e.outcome}`,
    });
  }

  private async documentCommented(e: DomainEvents['document.commented']) {
    const reply = e.threadId !== e.commentId;
    const participants = reply ? await this.loops.threadParticipants(e.threadId) : [];
    const skip = [e.actorId, ...e.mentioned];
    const link = commentLink(e.documentId, e.threadId);
    await this.send(participants, skip, {
      kind: 'reactie',
      title: `${e.actorName} reageerde in een draad op ${e.documentTitle}`,
      entityType: 'document_comment',
      entityId: e.commentId,
      workgroupId: e.workgroupId,
      link,
      dedupeKey: `comment:${e.commentId}`,
    });
    await this.toFollowers('document', e.documentId, [...skip, ...participants], {
      kind: 'gevolgd',
      title: `${e.actorName} ${reply ? 'reageerde' : 'plaatste een opmerking'} op ${e.documentTitle}`,
      entityType: 'document_comment',
      entityId: e.commentId,
      workgroupId: e.workgroupId,
      link,
      dedupeKey: `comment:${e.commentId}`,
    });
  }

  private async documentChanged(e: DomainEvents['document.changed']) {
    await this.toFollowers('document', e.documentId, e.contributorIds, {
      kind: 'gevolgd',
      title: `Document gewijzigd: ${e.documentTitle}`,
      entityType: 'document',
      entityId: e.documentId,
      workgroupId: e.workgroupId,
      link: documentLink(e.documentId),
    });
  }

  private async actionCreated(action: ActionView, actorId: string) {
    for (const userId of new Set([actorId, action.ownerId]))
      if (userId) await this.follows.follow(userId, 'action', action.id, action.workgroupId);
  }

  private async actionUpdated(action: ActionView, actorId: string, previousOwnerId: string | null) {
    const newOwner = action.ownerId && action.ownerId !== previousOwnerId ? action.ownerId : null;
    // The new owner hears of it as "toegewezen"; the others who follow it as a change.
    await this.toFollowers('action', action.id, [actorId, ...(newOwner ? [newOwner] : [])], {
      kind: 'gevolgd',
      title: `${action.status === 'afgerond' ? 'Actie afgerond' : 'Actie gewijzigd'}: ${action.title}`,
      entityType: 'action',
      entityId: action.id,
      workgroupId: action.workgroupId,
      link: actionLink(action.workgroupId, action.id),
    });
    if (newOwner) await this.follows.follow(newOwner, 'action', action.id, action.workgroupId);
  }

  private async actionCommented(e: DomainEvents['action.commented']) {
    await this.toFollowers('action', e.actionId, [e.actorId], {
      kind: 'gevolgd',
      title: `${e.actorName} reageerde op de actie ${e.actionTitle}`,
      entityType: 'action',
      entityId: e.actionId,
      workgroupId: e.workgroupId,
      link: actionLink(e.workgroupId, e.actionId),
    });
  }

  private async sessionCreated(session: SessionSummary) {
    if (session.createdBy) await this.follows.follow(session.createdBy, 'session', session.id, session.workgroupId);
  }

  /**
   * Only changes an invitation carries (date, time, place, title: the session's `sequence` is raised) reach
   * the followers, once per sequence; attendance, agenda and minutes are worked on in the session itself.
   */
  private async sessionUpdated(session: SessionSummary) {
    if (session.sequence === 0) return;
    const changedBy = await this.loops.lastChangedBy('session', session.id);
    await this.toFollowers('session', session.id, changedBy ? [changedBy] : [], {
      kind: 'gevolgd',
      title: `Sessie gewijzigd: ${session.title}`,
      entityType: 'session',
      entityId: session.id,
      workgroupId: session.workgroupId,
      link: sessionLink(session.workgroupId, session.id),
      dedupeKey: `session:${session.id}:seq:${session.sequence}`,
    });
  }

  private async toFollowers(
    entity: FollowEntity,
    id: string,
    skip: string[],
    notification: Omit<NewNotification, 'userId'>,
  ) {
    await this.send(await this.follows.readingFollowers(entity, id), skip, notification);
  }

  /** One notification per recipient (minus `skip`), written in one transaction and pushed live after it. */
  private async send(recipients: string[], skip: string[], notification: Omit<NewNotification, 'userId'>) {
    const to = [...new Set(recipients)].filter((id) => !skip.includes(id));
    if (!to.length) return;
    await this.notifications.notifyAll(to.map((userId) => ({ ...notification, userId })));
  }
}
