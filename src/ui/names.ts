// Display names for participants, with the catalogue's fallbacks.
import type { ChatView } from '../core/model';
import { t } from './i18n';

export function agentName(names: ChatView['names'], participantId: string | undefined): string {
  const name = participantId === undefined ? undefined : names[participantId];
  return name && name.trim() !== '' ? name : t('agentFallback');
}

export function managerName(names: ChatView['names'], participantId: string): string {
  const name = names[participantId];
  return name && name.trim() !== '' ? name : t('managerFallback');
}
