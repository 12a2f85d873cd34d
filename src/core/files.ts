// The visitor's file sharing, backend-neutral: the file types, the policy of what may be sent
// (types and a size limit), and the contract a backend offers the UI (VisitorFiles). The check made
// before anything is uploaded is in fileCheck.ts (lazy: loaded with the first file).
import type { FileType } from './fileCheck';

export type { FileType } from './fileCheck';
export const FILE_TYPES = ['JPG', 'PNG', 'GIF', 'PDF', 'DOCX', 'XLSX', 'PPTX'] as const satisfies readonly FileType[];
export const IMAGE_FILE_TYPES: readonly FileType[] = ['JPG', 'PNG', 'GIF'];

export const isFileType = (v: unknown): v is FileType => typeof v === 'string' && (FILE_TYPES as readonly string[]).includes(v);
export const isImageType = (type: string): boolean => (IMAGE_FILE_TYPES as readonly string[]).includes(type);

/** What the visitor may send. */
export interface FilePolicy {
  types: readonly FileType[];
  maxBytes: number;
}

/** A file the visitor picked (a browser File; a Blob with a name elsewhere). */
export type PickedFile = Blob & { readonly name: string };

/** The picker's `accept`: the allowed types' name extensions. */
export function acceptOf(policy: FilePolicy): string {
  return policy.types.map((type) => (type === 'JPG' ? '.jpg,.jpeg' : `.${type.toLowerCase()}`)).join(',');
}

/** Where one of the visitor's files is: uploading (bytes so far), publishing, or failed (Retry). */
export interface UploadProgress {
  phase: 'uploading' | 'publishing' | 'failed';
  loaded: number;
  total: number;
}

/** A backend's file sharing for the visitor (ChatSession.files). */
export interface VisitorFiles {
  /** What may be sent now; undefined when file sharing is off (no Attach). */
  policy(): FilePolicy | undefined;
  /**
   * Checks the file, shows its bubble at once, uploads it and publishes it (at most once).
   * `preview` is a data:image thumbnail (under 30 KB) the UI made for an image. Resolves when the
   * server stored it; rejects with 'fileType', 'fileTooBig' or 'filesOff' before anything is shown,
   * with 'cancelled' after cancel(), and with 'refused' or 'network' when it failed (Retry in the bubble).
   */
  send(file: PickedFile, options?: { preview?: string }): Promise<void>;
  /** Stops an upload (before it is published): nothing is sent and the bubble goes. */
  cancel(clientId: string): void;
  progress(clientId: string): UploadProgress | undefined;
  /** Called after every change of a progress or of the policy; returns an unsubscribe function. */
  subscribe(listener: () => void): () => void;
}
