// Attaching files, wherever they come from (the Attach button's picker, a drop onto the window, a
// paste into the message box): each is checked against the session's policy first (a clear error,
// nothing sent), an image gets its canvas thumbnail (both in a lazy chunk), then the session sends it.
import { useCallback, useState, useSyncExternalStore } from 'react';
import type { DragEvent } from 'react';
import type { FilePolicy, PickedFile } from '../../core/files';
import { failedAfterQueuing, sessionErrorKind } from '../../core/session';
import { useI18n } from '../i18n';
import { errorText } from '../text';
import { useSession } from '../useParleySession';

/** The most files one drop or paste sends. */
export const MAX_FILES_AT_ONCE = 10;
const noSubscribe = () => () => undefined;

export interface Attach {
  /** What may be sent; undefined: file sharing is off (no Attach button, drops ignored). */
  policy: FilePolicy | undefined;
  attach(files: readonly PickedFile[]): void;
  /** The last attach's error, as the composer shows it. */
  error: string | undefined;
  /** A file is being dragged over the window. */
  dragging: boolean;
  dropZone: {
    onDragOver(event: DragEvent): void;
    onDragLeave(event: DragEvent): void;
    onDrop(event: DragEvent): void;
  };
}

const mb = (bytes: number) => String(Math.round((bytes / (1024 * 1024)) * 10) / 10);
const carriesFiles = (event: DragEvent) => [...(event.dataTransfer?.types ?? [])].includes('Files');

export function useAttach(): Attach {
  const { t } = useI18n();
  const files = useSession().files;
  const policy = useSyncExternalStore(files?.subscribe ?? noSubscribe, () => files?.policy(), () => files?.policy());
  const [error, setError] = useState<string | undefined>(undefined);
  const [dragging, setDragging] = useState(false);

  const describe = useCallback(
    (name: string, cause: unknown, allowed: FilePolicy) => {
      const kind = sessionErrorKind(cause);
      if (kind === 'fileType') return t('fileTypeError', { name, types: allowed.types.join(', ') });
      if (kind === 'fileTooBig') return t('fileTooBigError', { name, max: t('fileSize', { size: mb(allowed.maxBytes) }) });
      return t('fileFailedError', { name, reason: errorText(t, cause) });
    },
    [t],
  );

  const attach = useCallback(
    (picked: readonly PickedFile[]) => {
      const allowed = files?.policy();
      if (!files || !allowed) return;
      setError(undefined);
      const refused = (file: PickedFile) => (cause: unknown) => {
        // A failure after the bubble showed is told there ("Not sent", Retry); so is a cancel.
        if (failedAfterQueuing(cause) || sessionErrorKind(cause) === 'cancelled') return;
        setError(describe(file.name, cause, allowed));
      };
      // One after the other as far as their bubbles go (in the order picked); the uploads run side by side.
      const sendOne = async (file: PickedFile) => {
        try {
          const { prepareFile } = await import('./attachFiles');
          files.send(file, await prepareFile(file, allowed)).catch(refused(file));
        } catch (cause) {
          refused(file)(cause);
        }
      };
      void picked.slice(0, MAX_FILES_AT_ONCE).reduce((previous, file) => previous.then(() => sendOne(file)), Promise.resolve());
    },
    [files, describe],
  );

  const dropZone = {
    onDragOver(event: DragEvent) {
      if (!policy || !carriesFiles(event)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
      setDragging(true);
    },
    onDragLeave(event: DragEvent) {
      if (event.currentTarget === event.target || !event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
    },
    onDrop(event: DragEvent) {
      setDragging(false);
      if (!policy || !carriesFiles(event)) return;
      event.preventDefault();
      attach([...event.dataTransfer.files]);
    },
  };

  return { policy, attach, error, dragging, dropZone };
}
