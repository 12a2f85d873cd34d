// The session's file sharing (ChatSession.files): the policy from the configuration at once, and
// the uploader (uploads.ts, with the file check) loaded with the first file, so that a visitor who
// sends none never fetches it.
import { IMAGE_FILE_TYPES, type FilePolicy, type FileType, type VisitorFiles } from '../core/files';
import type { UploadsDeps } from './uploads';

/** LivePerson's documented limit per file (protocol reference §7, §11). */
export const MAX_UPLOAD_BYTES = 3 * 1024 * 1024;

export interface Uploads extends VisitorFiles {
  /** The upload started again when the failed message is an upload of this list; undefined otherwise. */
  retry(clientId: string): Promise<void> | undefined;
  /** Starts the uploads that waited for the connection (call whenever the session comes online). */
  pump(): void;
}

/** The policy from the configuration: on by default, images only unless the site allows more. */
export function filePolicyOf(config: { fileSharing?: boolean; fileTypes?: string[] }): FilePolicy | undefined {
  if (config.fileSharing === false) return undefined;
  const types = (config.fileTypes as FileType[] | undefined) ?? IMAGE_FILE_TYPES;
  return { types: [...new Set(types)], maxBytes: MAX_UPLOAD_BYTES };
}

export function createVisitorFiles(deps: UploadsDeps): Uploads {
  let uploads: Uploads | undefined;
  let loading: Promise<Uploads> | undefined;
  const listeners = new Set<() => void>();
  const load = () =>
    (loading ??= import('./uploads').then((m) => {
      const created = m.createUploads(deps);
      created.subscribe(() => {
        for (const listener of [...listeners]) listener();
      });
      uploads = created;
      return created;
    }));
  return {
    policy: () => (uploads ? uploads.policy() : deps.policy),
    send: (file, options) => load().then((u) => u.send(file, options)),
    cancel: (clientId) => uploads?.cancel(clientId),
    progress: (clientId) => uploads?.progress(clientId),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    retry: (clientId) => uploads?.retry(clientId),
    pump: () => uploads?.pump(),
  };
}
