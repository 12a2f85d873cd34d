// The check of a visitor's file before anything is uploaded: its type by name extension, MIME type
// and first bytes (magic), then its size. Loaded with the first file (uploads.ts, attachFiles.ts).
import type { FilePolicy, PickedFile } from './files';
import { sessionError } from './session';

/** A file type the widget knows: its name on the wire, MIME types, name extensions and magic bytes. */
interface FileKind {
  mime: readonly string[];
  extensions: readonly string[];
  /** The file starts with one of these byte strings (hex). */
  magic: readonly string[];
}

const ZIP = ['504b0304'];
export const FILE_KINDS = {
  JPG: { mime: ['image/jpeg'], extensions: ['jpg', 'jpeg'], magic: ['ffd8ff'] },
  PNG: { mime: ['image/png'], extensions: ['png'], magic: ['89504e470d0a1a0a'] },
  GIF: { mime: ['image/gif'], extensions: ['gif'], magic: ['474946383761', '474946383961'] },
  PDF: { mime: ['application/pdf'], extensions: ['pdf'], magic: ['25504446'] },
  DOCX: { mime: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'], extensions: ['docx'], magic: ZIP },
  XLSX: { mime: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], extensions: ['xlsx'], magic: ZIP },
  PPTX: { mime: ['application/vnd.openxmlformats-officedocument.presentationml.presentation'], extensions: ['pptx'], magic: ZIP },
} as const satisfies Record<string, FileKind>;

export type FileType = keyof typeof FILE_KINDS;

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

