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
import { EventBus, isUuid, notFound, validationFailed } from '@koers/core';
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

function workgroupIdOf(body: unknown): string {
  const id = (body as { workgroupId?: unknown } | null)?.workgroupId;
  if (typeof id !== 'string')
    throw validationFailed([{ field: 'workgroupId', messages: ['Verwacht { workgroupId }.'] }]);
  if (!isUuid(id)) throw notFound('De werkgroep');
  return id;
}
