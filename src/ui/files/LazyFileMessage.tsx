// A shared file in a bubble, through a lazy chunk (FileMessage, UploadStatus and their CSS, fetched
// when the first file appears): until it arrives the bubble says "File: caption", as FileMessage
// itself does until the session gives the file's URL.
import { useI18n } from '../i18n';
import { lazyPart } from '../lazyPart';
import type { FileMessageProps } from './FileMessage';

function FileCaption({ body }: FileMessageProps) {
  const { t } = useI18n();
  return <>{t('fileMessage', { caption: body.caption || body.fileType })}</>;
}

export const LazyFileMessage = lazyPart(() => import('./FileMessage').then((m) => m.FileMessage), FileCaption);
