// The visitor's files (protocol reference §7): checked first (type by name, MIME type and first
// bytes; size), shown at once as a bubble, then ms.GenerateURLForUploadFile, the PUT of the bytes to
// the signed swift URL (with progress; a 401, i.e. an expired URL, asks for a new URL and PUTs again
// once), then the hosted/file ContentEvent through the outbox (at most once, by ExternalId). Until
// it is handed to the outbox an upload can be cancelled (nothing is published) and, after a failure,
// retried. A 403 to GenerateURLForUploadFile is taken for file sharing switched off on the account
// [INF: LivePerson documents no code for it]: the policy becomes undefined and Attach goes.
// A lazy chunk of the session (visitorFiles.ts loads it with the first file).
import type { Clock } from '../core/clock';
import { checkFile, type FileType } from '../core/fileCheck';
import { isImageType, type FilePolicy, type PickedFile, type UploadProgress } from '../core/files';
import { sessionError, sessionErrorKind } from '../core/session';
import type { ChatStore } from '../core/store';
import type { Connection } from './connection';
import { classify, isRefused, RequestFailedError } from './errors';
import { HttpError, isRecord } from './http';
import type { Outbox } from './outbox';
import { defaultSwiftPut, UploadAbortedError, type SwiftPut } from './swiftPut';
import type { Uploads } from './visitorFiles';
import { RequestTypes } from './wire';

/** A preview must be a data:image URL under 30 KB (protocol reference §7). */
export const MAX_PREVIEW_CHARS = 30 * 1024;
const PREVIEW = /^data:image\/(png|jpeg|gif);base64,[A-Za-z0-9+/]+={0,2}$/;
/** A caption is the file's name, bounded. */
const MAX_CAPTION = 256;

export interface UploadsDeps {
  connection: Pick<Connection, 'request'>;
  store: ChatStore;
  outbox: Pick<Outbox, 'sendFile'>;
  clock: Pick<Clock, 'now'>;
  newClientId: () => string;
  swiftBase: () => Promise<string | undefined>;
  /** Default: XMLHttpRequest, or fetch where there is none. */
  put?: SwiftPut;
  isOnline: () => boolean;
  stopped: AbortSignal;
  /** What the site allows (config); undefined when file sharing is off. */
  policy: FilePolicy | undefined;
}

interface Upload {
  clientId: string;
  file: PickedFile;
  type: FileType;
  caption: string;
  preview?: string;
  createdAt: number;
  progress: UploadProgress;
  abort?: AbortController;
  waiting: boolean;
  resolve: () => void;
  reject: (error: Error) => void;
}

class FilesOffError extends Error {}

export function createUploads(deps: UploadsDeps): Uploads {
  const put = deps.put ?? defaultSwiftPut();
  const uploads = new Map<string, Upload>();
  const listeners = new Set<() => void>();
  let serverOff = false;
  const notify = () => {
    for (const listener of [...listeners]) listener();
  };
  const setProgress = (upload: Upload, progress: UploadProgress) => {
    upload.progress = progress;
    notify();
  };

  const uploadUrl = async (upload: Upload) => {
    // GenerateURLForUploadFile's schema has fileSize as a string (the examples send a number).
    const response = await deps.connection.request(RequestTypes.GenerateURLForUploadFile, { fileSize: String(upload.file.size), fileType: upload.type }).catch((error: unknown) => {
      if (error instanceof RequestFailedError && error.code === 403) throw new FilesOffError('File sharing is off for this account');
      if (error instanceof RequestFailedError && error.code === 413) throw sessionError('fileTooBig', 'The storage refused the size of the file');
      throw error;
    });
    const body = isRecord(response.body) ? response.body : undefined;
    const params = isRecord(body?.queryParams) ? body.queryParams : undefined;
    const path = body?.relativePath;
    const sig = params?.temp_url_sig;
    const expires = params?.temp_url_expires;
    if (typeof path !== 'string' || !/^\/(?!\/)[A-Za-z0-9_./-]{1,1024}$/.test(path) || path.includes('..') || typeof sig !== 'string' || (typeof expires !== 'string' && typeof expires !== 'number')) {
      throw sessionError('refused', 'The storage gave no usable upload URL');
    }
    const base = await deps.swiftBase();
    if (!base) throw sessionError('refused', 'The account names no file storage (swift)');
    return { path, url: `${base}${path}?temp_url_sig=${encodeURIComponent(sig)}&temp_url_expires=${encodeURIComponent(String(expires))}` };
  };

  /** The bytes in the storage: the relative path. An expired URL (401) is asked again once. */
  const putBytes = async (upload: Upload, signal: AbortSignal): Promise<string> => {
    for (let attempt = 1; ; attempt += 1) {
      const { path, url } = await uploadUrl(upload);
      if (signal.aborted) throw new UploadAbortedError();
      const status = await put(url, upload.file, {
        signal,
        onProgress: (loaded, total) => setProgress(upload, { phase: 'uploading', loaded: Math.min(loaded, total), total }),
      });
      if (status >= 200 && status < 300) return path;
      if (status === 401 && attempt < 2) continue;
      if (status === 413) throw sessionError('fileTooBig', 'The storage refused the size of the file');
      throw new HttpError(status, 'The upload to the storage'); // classify() says refused or retryable
    }
  };

  const failUpload = (upload: Upload, error: unknown) => {
    const off = error instanceof FilesOffError;
    if (off) {
      // It can never go: no "Not sent" bubble, only the error the UI shows (and Attach goes).
      serverOff = true;
      uploads.delete(upload.clientId);
      deps.store.dispatch([{ type: 'outboxCancelled', clientId: upload.clientId }]);
      upload.reject(sessionError('filesOff', 'File sharing is off for this account', { cause: error }));
      return notify();
    }
    const carried = sessionErrorKind(error);
    const kind = carried === 'fileTooBig' ? 'fileTooBig' : carried === 'refused' || isRefused(error) ? 'refused' : 'network';
    const reason = error instanceof Error ? error.message : 'unknown error';
    deps.store.dispatch([{ type: 'outboxFailed', clientId: upload.clientId, reason, at: deps.clock.now() }]);
    setProgress(upload, { ...upload.progress, phase: 'failed' });
    upload.reject(sessionError(kind, `File not sent: ${reason}`, { cause: error }));
  };

  const run = async (upload: Upload) => {
    if (!deps.isOnline()) {
      upload.waiting = true;
      return;
    }
    upload.waiting = false;
    const abort = new AbortController();
    upload.abort = abort;
    setProgress(upload, { phase: 'uploading', loaded: 0, total: upload.file.size });
    let relativePath: string;
    try {
      relativePath = await putBytes(upload, abort.signal);
    } catch (error) {
      if (abort.signal.aborted || uploads.get(upload.clientId) !== upload) return; // cancelled or stopped: settled there
      if (classify(error) === 'closed') {
        upload.waiting = true; // the socket went: started again by pump() once online
        return;
      }
      return failUpload(upload, error);
    }
    if (uploads.get(upload.clientId) !== upload) return;
    upload.abort = undefined;
    setProgress(upload, { phase: 'publishing', loaded: upload.file.size, total: upload.file.size });
    // From here the outbox owns it: at most once, Retry through the outbox when it fails.
    uploads.delete(upload.clientId);
    const file = { caption: upload.caption, relativePath, fileType: upload.type, ...(upload.preview ? { preview: upload.preview } : {}) };
    deps.outbox.sendFile({ clientId: upload.clientId, text: upload.caption, createdAt: upload.createdAt, file }).then(upload.resolve, upload.reject).finally(notify);
  };

  const start = (upload: Upload) =>
    new Promise<void>((resolve, reject) => {
      upload.resolve = resolve;
      upload.reject = reject;
      void run(upload);
    });

  deps.stopped.addEventListener('abort', () => {
    for (const upload of [...uploads.values()]) {
      uploads.delete(upload.clientId);
      upload.abort?.abort();
      upload.reject(sessionError('stopped', 'The chat session stopped'));
    }
  });

  const policy = () => (serverOff ? undefined : deps.policy);

  return {
    policy,
    async send(file, options = {}) {
      // Minted at once, before any await: a caller's preset id (the tab where the file was picked) is read now or never.
      const clientId = deps.newClientId();
      const allowed = policy();
      if (!allowed) throw sessionError('filesOff', 'File sharing is off');
      const type = await checkFile(file, allowed);
      if (deps.stopped.aborted) throw sessionError('stopped', 'The chat session stopped');
      const preview = isImageType(type) && options.preview !== undefined && options.preview.length < MAX_PREVIEW_CHARS && PREVIEW.test(options.preview) ? options.preview : undefined;
      const caption = (file.name.trim() || type).slice(0, MAX_CAPTION);
      const upload: Upload = {
        clientId,
        file,
        type,
        caption,
        ...(preview ? { preview } : {}),
        createdAt: deps.clock.now(),
        progress: { phase: 'uploading', loaded: 0, total: file.size },
        waiting: false,
        resolve: () => undefined,
        reject: () => undefined,
      };
      uploads.set(upload.clientId, upload);
      deps.store.dispatch([{ type: 'outboxAdded', clientId: upload.clientId, text: caption, createdAt: upload.createdAt, file: { name: file.name, caption, fileType: type, ...(preview ? { preview } : {}) } }]);
      return start(upload);
    },
    cancel(clientId) {
      const upload = uploads.get(clientId);
      if (!upload) return;
      uploads.delete(clientId);
      upload.abort?.abort();
      deps.store.dispatch([{ type: 'outboxCancelled', clientId }]);
      upload.reject(sessionError('cancelled', 'The visitor cancelled the file'));
      notify();
    },
    progress: (clientId) => uploads.get(clientId)?.progress,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    retry(clientId) {
      const upload = uploads.get(clientId);
      if (!upload || upload.progress.phase !== 'failed') return undefined;
      deps.store.dispatch([{ type: 'outboxRetried', clientId, at: deps.clock.now() }]);
      return start(upload);
    },
    pump() {
      for (const upload of uploads.values()) if (upload.waiting) void run(upload);
    },
  };
}
