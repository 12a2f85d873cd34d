// The sentence shown for a timeline banner.
import type { ChatView, TimelineRow } from '../core/model';
import { t } from './i18n';
import { agentName, managerName } from './names';

type BannerInfo = Extract<TimelineRow, { kind: 'banner' }>['banner'];

export function bannerText(banner: BannerInfo, names: ChatView['names']): string {
  switch (banner.type) {
    case 'agentJoined':
      return t('agentJoined', { name: agentName(names, banner.participantId) });
    case 'agentLeft':
      return t('agentLeft', { name: agentName(names, banner.participantId) });
    case 'transferred':
      return banner.participantId === undefined
        ? t('transferred')
        : t('transferredTo', { name: agentName(names, banner.participantId) });
    case 'backToQueue':
      return t('backToQueue');
    case 'managerJoined':
      return t('managerJoined', { name: managerName(names, banner.participantId) });
    case 'conversationEnded':
      return banner.by === 'agent' ? t('endedByAgent') : banner.by === 'consumer' ? t('endedByConsumer') : t('endedBySystem');
    case 'surveyStarted':
      return t('surveyStarted');
  }
}
