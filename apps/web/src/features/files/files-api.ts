import type { FileDetail, FileLimits, FileMeta, FileParentType, FieldError } from '@koers/contracts';
import { ApiError, refreshSession, request } from '../../api';

/** The API path segment of each kind of parent. */
const PARENT_PATHS: Record<FileParentType, string> = {
  workgroup: 'workgroups',
  session: 'sessions',
  agenda_item: 'agenda-items',
  knowledge_item: 'knowledge',
  action: 'actions',
  consultation_answer: 'consultation-answers',
};

export interface FileParent {
  type: FileParentType;
  id: string;
}

const parentPath = (parent: FileParent) => `/${PARENT_PATHS[parent.type]}/${encodeURIComponent(parent.id)}/files`;

let limits: Promise<FileLimits> | null = null;

export const filesApi = {
  list: (parent: FileParent) => request<FileMeta[]>('GET', parentPath(parent)),
  get: (id: string) => request<FileDetail>('GET', `/files/${encodeURIComponent(id)}`),
  archive: (id: string) => request<void>('DELETE', `/files/${encodeURIComponent(id)}`),
  /** The largest size and accepted kinds, asked once per page load. */
  limits: () => {
    limits ??= request<FileLimits>('GET', '/file-limits').catch((err: unknown) => {
      limits = null;
      throw err;
    });
    return limits;
  },
  contentUrl: (id: string, options: { version?: number; inline?: boolean } = {}) => {
    const search = new URLSearchParams();
    if (options.version) search.set('version', String(options.version));
    if (options.inline) search.set('inline', 'true');
    const text = search.toString();
    return `/api/files/${encodeURIComponent(id)}/content${text ? `?${text}` : ''}`;
  },
  upload: (parent: FileParent, file: File, onProgress: (fraction: number) => void) =>
    send('/api' + parentPath(parent), file, onProgress),
  uploadVersion: (id: string, file: File, onProgress: (fraction: number) => void) =>
    send(`/api/files/${encodeURIComponent(id)}/versions`, file, onProgress),
};

/**
 * Uploads one file as multipart/form-data with XMLHttpRequest, which (unlike fetch) reports upload progress.
 * On a 401 the session is refreshed once and the upload tried again.
 */
async function send(url: string, file: File, onProgress: (fraction: number) => void): Promise<FileMeta> {
  const attempt = () =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', url);
      xhr.withCredentials = true;
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable) onProgress(event.loaded / event.total);
      };
      xhr.onload = () => resolve({ status: xhr.status, text: xhr.responseText });
      xhr.onerror = () => reject(new Error('network'));
      xhr.onabort = () => reject(new Error('abort'));
      const form = new FormData();
      form.append('file', file, file.name);
      xhr.send(form);
    });
  let answer: { status: number; text: string };
  try {
    answer = await attempt();
    if (answer.status === 401 && (await refreshSession())) answer = await attempt();
  } catch {
    throw new ApiError(0, 'NETWORK', 'Het versturen is mislukt. Controleer uw verbinding en probeer het opnieuw.');
  }
  if (answer.status >= 200 && answer.status < 300) {
    onProgress(1);
    return JSON.parse(answer.text) as FileMeta;
  }
  let message = answer.status === 413 ? 'Het bestand is te groot.' : 'Het bestand kon niet worden opgeslagen.';
  let code = `HTTP_${answer.status}`;
  let fields: FieldError[] = [];
  try {
    const body = JSON.parse(answer.text) as { error?: { code?: string; message?: string; fields?: FieldError[] } };
    message = body.error?.message ?? message;
    code = body.error?.code ?? code;
    fields = body.error?.fields ?? [];
  } catch {
    // Not JSON: keep the fallback.
  }
  throw new ApiError(answer.status, code, message, fields);
}

/** "2,4 MB", "380 kB", "12 bytes". */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',')} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${bytes} bytes`;
}
