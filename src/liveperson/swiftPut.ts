// The HTTP PUT of a file's bytes to its signed swift URL (protocol reference §7, step 4), with
// upload progress and abort. Browsers use XMLHttpRequest (fetch reports no upload progress);
// elsewhere (Node, in tests) fetch, which reports only the end.

export interface PutOptions {
  onProgress?: (loaded: number, total: number) => void;
  signal?: AbortSignal;
}

/** PUTs the bytes; resolves with the HTTP status (201 when stored), rejects on a network failure or abort. */
export type SwiftPut = (url: string, body: Blob, options: PutOptions) => Promise<number>;

export class UploadAbortedError extends Error {
  constructor() {
    super('The upload was cancelled');
    this.name = 'UploadAbortedError';
  }
}

export class UploadNetworkError extends Error {
  constructor(cause?: unknown) {
    super('The file storage could not be reached', { cause });
    this.name = 'UploadNetworkError';
  }
}

const xhrPut: SwiftPut = (url, body, { onProgress, signal }) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new UploadAbortedError());
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    xhr.upload.onprogress = (event) => onProgress?.(event.loaded, event.lengthComputable ? event.total : body.size);
    xhr.onload = () => resolve(xhr.status);
    xhr.onerror = () => reject(new UploadNetworkError());
    xhr.onabort = () => reject(new UploadAbortedError());
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    if (body.type) xhr.setRequestHeader('content-type', body.type);
    xhr.send(body);
  });

const fetchPut: SwiftPut = async (url, body, { onProgress, signal }) => {
  try {
    const response = await fetch(url, { method: 'PUT', body, ...(body.type ? { headers: { 'content-type': body.type } } : {}), ...(signal ? { signal } : {}) });
    await response.arrayBuffer().catch(() => undefined);
    if (response.ok) onProgress?.(body.size, body.size);
    return response.status;
  } catch (error) {
    throw signal?.aborted ? new UploadAbortedError() : new UploadNetworkError(error);
  }
};

/** The environment's PUT: XMLHttpRequest where there is one, else fetch. */
export function defaultSwiftPut(): SwiftPut {
  return typeof XMLHttpRequest === 'function' ? xhrPut : fetchPut;
}
