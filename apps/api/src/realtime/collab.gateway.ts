import { Inject } from '@nestjs/common';
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
import { APP_CONFIG, AppConfig, DomainError, ErrorCode, isUuid, notFound, validationFailed } from '@koers/core';
import { CollabService, CollabTransport } from '@koers/documents';
import { AuthService, SocketSessions } from '@koers/identity';
import {
  actorOf,
  assertSessionLive,
  requireAuthentication,
  trackSession,
  untrackSession,
  WRITE_SESSION_RECHECK_MS,
} from './socket-auth';
import { CollabBudgets } from './collab-budgets';
import { respond, SocketAck } from './socket-errors';

const room = (documentId: string) => `doc:${documentId}`;

/**
 * The /collab namespace: Yjs document sync and awareness (see docs/protocol.md). Thin: authenticates the
 * handshake, checks message shape and rate, and hands everything else to CollabService.
 */
@WebSocketGateway({ namespace: '/collab' })
export class CollabGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, CollabTransport {
  @WebSocketServer()
  private namespace: Namespace;
  /** Per connection, and per account over its connections on this instance: messages and bytes a second. */
  private readonly perConnection: CollabBudgets;
  private readonly perAccount: CollabBudgets;

  constructor(
    private readonly auth: AuthService,
    private readonly collab: CollabService,
    private readonly sessions: SocketSessions,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const { maxMessageBytes } = config.collab;
    this.perConnection = new CollabBudgets({
      messagesPerSecond: config.collab.rateLimitPerSecond,
      bytesPerSecond: config.collab.bytesPerSecond,
      maxMessageBytes,
    });
    this.perAccount = new CollabBudgets({
      messagesPerSecond: config.collab.accountRateLimitPerSecond,
      bytesPerSecond: config.collab.accountBytesPerSecond,
      maxMessageBytes,
    });
  }

  afterInit(namespace: Namespace): void {
    requireAuthentication(namespace, this.auth, this.sessions);
    this.collab.attach(this);
  }

  handleConnection(socket: Socket): void {
    trackSession(socket);
    // The hot path (every keystroke of every editor): handled here, not through Nest's per-message
    // pipeline, which builds an rxjs chain and an execution context per message that this handler never uses.
    socket.on('yjs', (...args: unknown[]) => {
      const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as (reply: SocketAck) => void) : null;
      void this.yjs(socket, args).then((reply) => ack?.(reply));
    });
  }

  handleDisconnect(socket: Socket): void {
    untrackSession(socket);
    this.perConnection.forget(socket.id);
    this.collab.disconnect(socket.id);
  }

  /**
   * Authorised before the socket enters the document's room: a refused socket never receives a byte of it.
   * The sync starts with messages sent to this connection only; room broadcasts go out in a later turn.
   */
  @SubscribeMessage('join')
  join(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown) {
    return respond(async () => {
      this.spend(socket, 0);
      const documentId = documentIdOf(body);
      await assertSessionLive(socket, this.auth);
      try {
        const joined = await this.collab.join(socket.id, actorOf(socket), documentId);
        await socket.join(room(documentId));
        return joined;
      } catch (err) {
        // Refused now: whatever this connection had of the document before goes too.
        this.collab.leave(socket.id, documentId);
        await socket.leave(room(documentId));
        throw err;
      }
    });
  }

  @SubscribeMessage('leave')
  leave(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown) {
    return respond(async () => {
      const documentId = documentIdOf(body);
      this.collab.leave(socket.id, documentId);
      await socket.leave(room(documentId));
      return {};
    });
  }

  /** (documentId, message): one y-protocols message. The ack comes once an update is stored. */
  private yjs(socket: Socket, args: unknown[]): Promise<SocketAck> {
    return respond(async () => {
      const raw = args[1];
      this.spend(socket, raw instanceof Uint8Array ? raw.byteLength : 0);
      if (args.length !== 2 || typeof args[0] !== 'string')
        throw validationFailed([{ field: 'yjs', messages: ['Verwacht (documentId, bericht).'] }]);
      const documentId = args[0];
      if (!isUuid(documentId)) throw notFound('Het document');
      if (!(raw instanceof Uint8Array))
        throw validationFailed([{ field: 'message', messages: ['Het bericht moet binair zijn.'] }]);
      await assertSessionLive(socket, this.auth, WRITE_SESSION_RECHECK_MS);
      await this.collab.receive(socket.id, documentId, raw);
      return {};
    });
  }

  sendTo(connectionId: string, documentId: string, message: Uint8Array): void {
    this.namespace.sockets.get(connectionId)?.emit('yjs', documentId, message);
  }

  broadcast(documentId: string, message: Uint8Array, exceptConnectionId?: string): void {
    // Local only: other instances get the update through the collab bus and send it to their own clients.
    const target = this.namespace.local.to(room(documentId));
    (exceptConnectionId ? target.except(exceptConnectionId) : target).emit('yjs', documentId, message);
  }

  signal(documentId: string, event: string, payload: object): void {
    this.namespace.local.to(room(documentId)).emit(event, payload);
  }

  revoke(connectionId: string, documentId: string): void {
    const socket = this.namespace.sockets.get(connectionId);
    if (!socket) return;
    void socket.leave(room(documentId));
    socket.emit('revoked', { documentId, message: 'U heeft geen toegang meer tot dit document.' });
  }

  /** One message of `size` bytes from this connection's and this account's budgets, or RATE_LIMITED. */
  private spend(socket: Socket, size: number) {
    const budgets: Array<[CollabBudgets, string]> = [
      [this.perConnection, socket.id],
      [this.perAccount, actorOf(socket).userId],
    ];
    if (!CollabBudgets.takeAll(budgets, size))
      throw new DomainError(ErrorCode.RateLimited, 'Te veel berichten. Even geduld.');
  }
}

function documentIdOf(body: unknown): string {
  const id = (body as { documentId?: unknown } | null)?.documentId;
  if (typeof id !== 'string') throw validationFailed([{ field: 'documentId', messages: ['Verwacht { documentId }.'] }]);
  if (!isUuid(id)) throw notFound('Het document');
  return id;
}
