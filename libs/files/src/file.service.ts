import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@koers/access';
import { AuditService } from '@koers/audit';
import type { FileDetail, FileMeta } from '@koers/contracts';
import { APP_CONFIG, AppConfig, EventBus, notFound, StaleVersionError, TransactionHost } from '@koers/core';
import { ClamavScan } from './clamav-scanner';
import { PREVIEWABLE_KINDS } from './content-type';
import './file-events';
import { StoredContent, takeIn } from './file-intake';
import { sanitiseFileName } from './file-name';
import { ByteRange, FILE_STORE, FileStore } from './file-store';
import { FilePolicy, ParentRef } from './file.policy';
import { FileRepository, StoredVersion } from './file.repository';

/** One file as it arrives: the name the client gave and the bytes as a stream. */
export interface IncomingFile {
  name: string;
  stream: AsyncIterable<Buffer>;
}

/**
 * Which part of a version to send, decided once its size and SHA-256 are known (an HTTP Range request): a
 * byte range, null for all of it, or 'unsatisfiable' (HTTP 416).
 */
export type RangeChoice = (sizeBytes: number, sha256: string) => ByteRange | null | 'unsatisfiable';

/** A version's bytes, ready to send. */
export interface FileContent {
  version: StoredVersion;
  /** PDF and images may be shown inline; everything else is an attachment. */
  previewable: boolean;
  stream: Readable;
  /** The part in `stream`, or null for all of it. */
  range: ByteRange | null;
}

/** A Range request for bytes the version does not have (HTTP 416). */
export interface UnsatisfiableRange {
  version: StoredVersion;
  stream: null;
}

/**
 * Attachments of werkgroepen, sessions, agenda items, kennisbank items and actions (docs/files.md).
 *
 * The public surface for other libraries (the dossier export) is the trio without an actor, for callers
 * that have decided access themselves: `listFiles(parent)`, `describe(fileId)` (metadata with every version
 * and its SHA-256) and `openContent(fileId, number?)` (the bytes as a stream). The methods with an actor are
 * the API's: they check the caller first (FilePolicy).
 */
@Injectable()
export class FileService {
  constructor(
    private readonly transactions: TransactionHost,
    private readonly repository: FileRepository,
    private readonly policy: FilePolicy,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    @Inject(FILE_STORE) private readonly store: FileStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The largest upload accepted, in bytes. */
  get maxBytes(): number {
    return this.config.files.maxBytes;
  }

  // --- for other libraries (access already decided by the caller)

  /** The live files of a parent, newest first. */
  async listFiles(parent: ParentRef): Promise<FileMeta[]> {
    const resolved = await this.repository.resolveParent(parent.type, parent.id);
    return this.repository.list(parent, resolved?.workgroupId ?? null);
  }

  /** A live file with every version (name, type, size, SHA-256, who and when), or null. */
  async describe(fileId: string): Promise<FileDetail | null> {
    const ref = await this.repository.parentOfFile(fileId);
    if (!ref) return null;
    const parent = await this.repository.resolveParent(ref.type, ref.id);
    const meta = await this.repository.meta(fileId, parent?.workgroupId ?? null);
    if (!meta) return null;
    return { ...meta, versions: await this.repository.versions(fileId) };
  }

  /** The bytes of a version (the newest without `number`), streamed from the store; null when unknown. */
  async openContent(fileId: string, number?: number): Promise<FileContent | null> {
    const content = await this.openPart(fileId, number);
    return content?.stream ? content : null;
  }

  /** As openContent, with the part chosen by `range` once the size is known (HTTP Range requests). */
  private async openPart(
    fileId: string,
    number?: number,
    range?: RangeChoice,
  ): Promise<FileContent | UnsatisfiableRange | null> {
    const version = await this.repository.storedVersion(fileId, number);
    if (!version) return null;
    if (version.store !== this.store.name) throw new Error(`File store "${version.store}" is not configured`);
    const chosen = range?.(version.sizeBytes, version.sha256);
    if (chosen === 'unsatisfiable') return { version, stream: null };
    return {
      version,
      previewable: PREVIEWABLE_KINDS.includes(version.kind),
      stream: this.store.read(version.storageKey, chosen ?? undefined),
      range: chosen ?? null,
    };
  }

  // --- for the API (checks the caller)

  async list(actor: Actor, parent: ParentRef): Promise<FileMeta[]> {
    const resolved = await this.policy.assertMayList(actor, parent);
    return this.repository.list(parent, resolved.workgroupId);
  }

  async get(actor: Actor, fileId: string): Promise<FileDetail> {
    await this.policy.assertMayRead(actor, fileId);
    const detail = await this.describe(fileId);
    if (!detail) throw notFound('Het bestand');
    return detail;
  }

  async content(
    actor: Actor,
    fileId: string,
    number?: number,
    range?: RangeChoice,
  ): Promise<FileContent | UnsatisfiableRange> {
    await this.policy.assertMayRead(actor, fileId, 'file.download');
    const content = await this.openPart(fileId, number, range);
    if (!content) throw notFound('De versie van het bestand');
    return content;
  }

  /** Stores a new file on the parent: checked, typed from its content, scanned, then recorded and audited. */
  async upload(actor: Actor, parent: ParentRef, incoming: IncomingFile): Promise<FileMeta> {
    const resolved = await this.policy.assertMayUpload(actor, parent);
    const name = sanitiseFileName(incoming.name);
    const content = await this.takeIn(incoming.stream, name);
    const id = await this.transactions
      .transaction(async (manager) => {
        const fileId = await this.repository.insertFile(parent, name, content, actor.userId, manager);
        await this.audit.recordChange(
          actor,
          {
            action: 'file.upload',
            entityType: 'file',
            entityId: fileId,
            workgroupId: resolved.workgroupId,
            summary: this.summary(parent, name, content),
          },
          manager,
        );
        return fileId;
      })
      .catch(async (err: unknown) => {
        await this.store.remove(content.storageKey);
        throw err;
      });
    const meta = (await this.repository.meta(id, resolved.workgroupId))!;
    this.events.publish('file.stored', { file: meta, actorId: actor.userId });
    return meta;
  }

  /** A new version of a file (a corrected PDF): the earlier versions stay readable. */
  async addVersion(actor: Actor, fileId: string, incoming: IncomingFile, expectedVersion?: number): Promise<FileMeta> {
    const parent = await this.policy.assertMayChange(actor, fileId, 'file.version');
    const before = await this.repository.meta(fileId, parent.workgroupId);
    if (!before) throw notFound('Het bestand');
    if (expectedVersion !== undefined && expectedVersion !== before.version) throw new StaleVersionError(before);
    const name = sanitiseFileName(incoming.name);
    const content = await this.takeIn(incoming.stream, name);
    await this.transactions
      .transaction(async (manager) => {
        const locked = await this.repository.lockFile(fileId, manager);
        if (!locked) throw notFound('Het bestand');
        if (expectedVersion !== undefined && locked.version !== expectedVersion) throw new StaleVersionError();
        const number = locked.lastNumber + 1;
        await this.repository.insertVersion(fileId, number, name, content, actor.userId, manager);
        await this.audit.recordChange(
          actor,
          {
            action: 'file.version',
            entityType: 'file',
            entityId: fileId,
            workgroupId: parent.workgroupId,
            summary: { ...this.summary(parent, name, content), number },
          },
          manager,
        );
      })
      .catch(async (err: unknown) => {
        await this.store.remove(content.storageKey);
        throw err;
      });
    const meta = (await this.repository.meta(fileId, parent.workgroupId))!;
    this.events.publish('file.stored', { file: meta, actorId: actor.userId });
    return meta;
  }

  /** Deleting is archiving: the file leaves every list and link, its versions and bytes are kept. */
  async archive(actor: Actor, fileId: string, expectedVersion?: number): Promise<void> {
    const parent = await this.policy.assertMayChange(actor, fileId, 'file.archive');
    const before = await this.repository.meta(fileId, parent.workgroupId);
    if (!before) throw notFound('Het bestand');
    if (expectedVersion !== undefined && expectedVersion !== before.version) throw new StaleVersionError(before);
    await this.transactions.transaction(async (manager) => {
      const locked = await this.repository.lockFile(fileId, manager);
      if (!locked) throw notFound('Het bestand');
      if (expectedVersion !== undefined && locked.version !== expectedVersion) throw new StaleVersionError();
      await this.repository.archive(fileId, actor.userId, manager);
      await this.audit.recordChange(
        actor,
        {
          action: 'file.archive',
          entityType: 'file',
          entityId: fileId,
          workgroupId: parent.workgroupId,
          summary: { parentType: parent.type, parentId: parent.id, name: before.name, sha256: before.sha256 },
        },
        manager,
      );
    });
    this.events.publish('file.archived', {
      fileId,
      parentType: parent.type,
      parentId: parent.id,
      actorId: actor.userId,
    });
  }

  private takeIn(stream: AsyncIterable<Buffer>, name: string): Promise<StoredContent> {
    const clamav = this.config.files.clamav;
    return takeIn(stream, {
      name,
      maxBytes: this.config.files.maxBytes,
      store: this.store,
      scan: clamav ? () => new ClamavScan(clamav.host, clamav.port, clamav.timeoutMs) : undefined,
    });
  }

  private summary(parent: ParentRef, name: string, content: StoredContent) {
    return {
      parentType: parent.type,
      parentId: parent.id,
      name,
      kind: content.kind,
      sizeBytes: content.sizeBytes,
      sha256: content.sha256,
    };
  }
}
