// The plain text shown for a message body. Everything from the server is rendered as text.
import type { MessageBody } from '../core/model';
import { t } from './i18n';

export function bodyText(body: MessageBody): string {
  switch (body.kind) {
    case 'text':
      return body.text;
    case 'file':
      return t('fileMessage', { caption: body.caption || body.fileType });
    case 'rich':
      return body.fallbackText.trim() !== '' ? body.fallbackText : t('unsupportedMessage');
    case 'unsupported':
      return t('unsupportedMessage');
  }
}

/** Whether the body is shown as the generic "unsupported message" bubble. */
export function isUnsupported(body: MessageBody): boolean {
  return body.kind === 'unsupported' || (body.kind === 'rich' && body.fallbackText.trim() === '');
}
