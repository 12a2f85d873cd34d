// How the specs' conversations begin: the visitor writes first, then Dana accepts and answers.
import { expect } from '@playwright/test';
import type { AgentView, ConversationDetailView } from '../../server/control-client';
import type { Control } from './control';
import type { Widget } from './widget';

export class Chat {
  constructor(
    private readonly control: Control,
    private readonly widget: Widget,
  ) {}

  /**
   * The visitor loads the demo page with `query` (its extra settings), opens the window (with the
   * launcher, unless the query says open=1) and writes `text`, which the server stores (V).
   * Returns the account's only conversation.
   */
  async visitorStarts(text: string, query = '&open=1'): Promise<ConversationDetailView> {
    await this.widget.goto(this.control.account, query);
    if (!/[?&]open=1/.test(query)) await this.widget.open();
    await this.visitorSends(text);
    return this.control.onlyConversation();
  }

  /** The visitor starts with `text` on the demo page; Dana accepts and answers `reply`, which the visitor sees. */
  async danaAnswers(text: string, reply: string, query = '&open=1'): Promise<{ conversation: ConversationDetailView; agent: AgentView }> {
    await this.visitorStarts(text, query);
    return this.danaAcceptsAndSays(reply);
  }

  /**
   * In a window already open, on any page: the visitor writes `text` (stored, V); Dana accepts and
   * answers `reply`, which the visitor sees.
   */
  async danaAnswersInOpenWindow(text: string, reply: string): Promise<{ conversation: ConversationDetailView; agent: AgentView }> {
    await this.visitorSends(text);
    return this.danaAcceptsAndSays(reply);
  }

  private async visitorSends(text: string): Promise<void> {
    await this.widget.send(text);
    await expect(this.widget.receiptOf(text)).toHaveAttribute('data-receipt', 'sent');
  }

  private async danaAcceptsAndSays(reply: string): Promise<{ conversation: ConversationDetailView; agent: AgentView }> {
    const accepted = await this.control.acceptOnly('Dana');
    await this.control.say(accepted.conversation.id, accepted.agent.id, reply);
    await expect(this.widget.agentMessage(reply)).toBeVisible();
    return accepted;
  }
}
