// The visitor's file sharing, backend-neutral: which files may be sent (a policy of file types and
// a size limit), the check made before anything is uploaded (the type by name, MIME type and the
// file's first bytes, then the size), and the contract a backend offers the UI (VisitorFiles).
import { sessionError } from './session';

/** A file type the widget knows: its name on the wire, MIME types, name extensions and magic bytes. */
interface FileKind {
  mime: readonly string[];
  extensions: readonly string[];
  /** The file starts with one of these byte strings (hex). */
  magic: readonly string[];
  image: boolean;
}

const ZIP = ['504b0304'];
export const FILE_KINDS = {
  JPG: { mime: ['image/jpeg'], extensions: ['jpg', 'jpeg'], magic: ['ffd8ff'], image: true },
  PNG: { mime: ['image/png'], extensions: ['png'], magic: ['89504e470d0a1a0a'], image: true },
  GIF: { mime: ['image/gif'], extensions: ['gif'], magic: ['474946383761', '474946383961'], image: true },
  PDF: { mime: ['application/pdf'], extensions: ['pdf'], magic: ['25504446'], image: false },
  DOCX: { mime: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'], extensions: ['docx'], magic: ZIP, image: false },
  XLSX: { mime: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], extensions: ['xlsx'], magic: ZIP, image: false },
  PPTX: { mime: ['application/vnd.openxmlformats-officedocument.presentationml.presentation'], extensions: ['pptx'], magic: ZIP, image: false },
} as const satisfies Record<string, FileKind>;

export type FileType = keyof typeof FILE_KINDS;
export const IMAGE_FILE_TYPES: readonly FileType[] = ['JPG', 'PNG', 'GIF'];
export const DOCUMENT_FILE_TYPES: readonly FileType[] = ['PDF', 'DOCX', 'XLSX', 'PPTX'];

export const isFileType = (v: unknown): v is FileType => typeof v === 'string' && Object.hasOwn(FILE_KINDS, v);
export const isImageType = (type: string): boolean => isFileType(type) && FILE_KINDS[type].image;

/** What the visitor may send. */
export interface FilePolicy {
  types: readonly FileType[];
  maxBytes: number;
}

/** A file the visitor picked (a browser File; a Blob with a name elsewhere). */
export type PickedFile = Blob & { readonly name: string };

/** The picker's `accept`: MIME types and extensions of the allowed types. */
export function acceptOf(policy: FilePolicy): string {
  return policy.types.flatMap((type) => [...FILE_KINDS[type].mime, ...FILE_KINDS[type].extensions.map((e) => `.${e}`)]).join(',');
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

async function headHex(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.slice(0, 16).arrayBuffer());
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The file's type when the policy allows it and its name, MIME type and first bytes agree on it;
 * otherwise rejects with a sessionError: 'fileType' (also for an empty file) or 'fileTooBig'.
 */
export async function checkFile(file: PickedFile, policy: FilePolicy): Promise<FileType> {
  const ext = extensionOf(file.name);
  const mime = file.type.toLowerCase();
  const type = policy.types.find((t) => (FILE_KINDS[t].extensions as readonly string[]).includes(ext) && (mime === '' || (FILE_KINDS[t].mime as readonly string[]).includes(mime)));
  if (!type || file.size === 0) throw sessionError('fileType', `Only ${policy.types.join(', ')} files can be sent`);
  if (file.size > policy.maxBytes) throw sessionError('fileTooBig', `Files can be at most ${policy.maxBytes} bytes`);
  const head = await headHex(file);
  if (!FILE_KINDS[type].magic.some((m) => head.startsWith(m))) throw sessionError('fileType', `The file is not a ${type} file`);
  return type;
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
