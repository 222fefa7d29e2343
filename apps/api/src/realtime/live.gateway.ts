import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { AuthorizationService } from '@koers/access';
import { ACTION_EVENTS } from '@koers/actions';
import { FILE_PARENT_TYPES } from '@koers/contracts';
import type { FileParentType, LiveEventName, LiveEvents } from '@koers/contracts';
import { EventBus, isUuid, notFound, validationFailed } from '@koers/core';
import { FilePolicy, PARENT_NAMES, ParentRef } from '@koers/files';
import { AuthService, SocketSessions } from '@koers/identity';
import { SESSION_EVENTS } from '@koers/sessions';
import {
  actorOf,
  assertSessionLive,
  AuthenticatedSocketData,
  requireAuthentication,
  trackSession,
  untrackSession,
  userRoom,
} from './socket-auth';
import { respond } from './socket-errors';

const room = (workgroupId: string) => `workgroup:${workgroupId}`;
const filesRoom = (parent: ParentRef) => `files:${parent.type}:${parent.id}`;

/**
 * The /live namespace: live updates of a werkgroep's lists (actions, sessions). `subscribe` is checked like reading
 * the list over REST; events go to the werkgroep's room on every instance (Socket.IO Redis adapter).
 */
@WebSocketGateway({ namespace: '/live' })
export class LiveGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  @WebSocketServer()
  private namespace: Namespace;

  constructor(
    private readonly auth: AuthService,
    private readonly authorization: AuthorizationService,
    private readonly events: EventBus,
    private readonly sessions: SocketSessions,
    private readonly filePolicy: FilePolicy,
  ) {}

  afterInit(namespace: Namespace): void {
    requireAuthentication(namespace, this.auth, this.sessions);
    for (const type of ACTION_EVENTS)
      this.events.on(
        type,
        'live lists',
        (event) => void namespace.to(room(event.workgroupId)).emit(type, event.action),
      );
    for (const type of SESSION_EVENTS)
      this.events.on(
        type,
        'live lists',
        (event) => void namespace.to(room(event.workgroupId)).emit(type, event.session),
      );
    this.events.on('file.stored', 'live file lists', ({ file }) =>
      this.toFileReaders({ type: file.parentType, id: file.parentId }, 'file.stored', file),
    );
    this.events.on('file.archived', 'live file lists', ({ fileId, parentType, parentId }) =>
      this.toFileReaders({ type: parentType, id: parentId }, 'file.archived', { fileId, parentType, parentId }),
    );
    this.events.on('membership.changed', 'live lists', ({ workgroupId, userId }) => this.recheck(workgroupId, userId));
    this.events.on('notification', 'notification bell', ({ userId, ...payload }) => {
      namespace.to(userRoom(userId)).emit('notification', payload);
    });
    this.events.on('notifications.read', 'notification bell', ({ userId, ...payload }) => {
      namespace.to(userRoom(userId)).emit('notifications.read', payload);
    });
  }

  /** Joins the user's own room (notifications) and the session's, and closes at the token's expiry. */
  handleConnection(socket: Socket): void {
    trackSession(socket);
  }

  handleDisconnect(socket: Socket): void {
    untrackSession(socket);
  }

  @SubscribeMessage('subscribe')
  subscribe(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown) {
    return respond(async () => {
      const workgroupId = workgroupIdOf(body);
      await assertSessionLive(socket, this.auth);
      await this.authorization.assertInWorkgroup(
        actorOf(socket),
        'workgroup.content.read',
        workgroupId,
        'workgroup.subscribe',
      );
      await socket.join(room(workgroupId));
      return {};
    });
  }

  @SubscribeMessage('unsubscribe')
  unsubscribe(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown) {
    return respond(async () => {
      await socket.leave(room(workgroupIdOf(body)));
      return {};
    });
  }

  /**
   * Follow one parent's file list (werkgroep, session, agenda item, kennisbank item, action, consultation answer):
   * checked (and refused, audited) like listing its files over REST.
   */
  @SubscribeMessage('files.subscribe')
  subscribeFiles(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown) {
    return respond(async () => {
      const parent = fileParentOf(body);
      await assertSessionLive(socket, this.auth);
      await this.filePolicy.assertMayList(actorOf(socket), parent);
      await socket.join(filesRoom(parent));
      return {};
    });
  }

  @SubscribeMessage('files.unsubscribe')
  unsubscribeFiles(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown) {
    return respond(async () => {
      await socket.leave(filesRoom(fileParentOf(body)));
      return {};
    });
  }

  /**
   * A file list changed: sent to the sockets following that parent that may read it now (access is checked
   * again per event, so someone who lost access since subscribing hears nothing), on every instance.
   */
  private async toFileReaders<E extends LiveEventName>(parentRef: ParentRef, event: E, payload: LiveEvents[E]) {
    try {
      const sockets = await this.namespace.in(filesRoom(parentRef)).fetchSockets();
      if (sockets.length === 0) return;
      const parent = await this.filePolicy.resolve(parentRef);
      if (!parent) return;
      for (const socket of sockets) {
        const actor = (socket.data as AuthenticatedSocketData).actor;
        if (await this.filePolicy.canRead(actor, parent)) socket.emit(event, payload);
        else socket.leave(filesRoom(parentRef));
      }
    } catch {
      // A live update is a courtesy: the list is right on the next load.
    }
  }

  /** A removed member stops receiving the werkgroep's events at once, on whichever instance they are. */
  private async recheck(workgroupId: string, userId: string) {
    const sockets = await this.namespace.in(room(workgroupId)).fetchSockets();
    for (const socket of sockets) {
      const actor = (socket.data as AuthenticatedSocketData).actor;
      if (actor.userId !== userId) continue;
      if (await this.authorization.canInWorkgroup(actor, 'workgroup.content.read', workgroupId)) continue;
      socket.leave(room(workgroupId));
      socket.emit('revoked', { workgroupId, message: 'U heeft geen toegang meer tot deze werkgroep.' });
    }
  }
}

function fileParentOf(body: unknown): ParentRef {
  const { parentType, parentId } = (body ?? {}) as { parentType?: unknown; parentId?: unknown };
  if (typeof parentType !== 'string' || !FILE_PARENT_TYPES.includes(parentType as FileParentType))
    throw validationFailed([{ field: 'parentType', messages: [`Kies een van: ${FILE_PARENT_TYPES.join(', ')}.`] }]);
  if (typeof parentId !== 'string')
    throw validationFailed([{ field: 'parentId', messages: ['Verwacht { parentType, parentId }.'] }]);
  const type = parentType as FileParentType;
  if (!isUuid(parentId)) throw notFound(PARENT_NAMES[type]);
  return { type, id: parentId };
}

function workgroupIdOf(body: unknown): string {
  const id = (body as { workgroupId?: unknown } | null)?.workgroupId;
  if (typeof id !== 'string')
    throw validationFailed([{ field: 'workgroupId', messages: ['Verwacht { workgroupId }.'] }]);
  if (!isUuid(id)) throw notFound('De werkgroep');
  return id;
}
