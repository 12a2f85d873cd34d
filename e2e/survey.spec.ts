// The post-conversation survey in Chromium: the agent closes with survey (control API), the survey
// bot asks with quick replies in the POST_SURVEY dialog, the visitor answers each question, the survey completes
// and the conversation ends. The click is published as protocol reference §5.5 says: an ACTION
// receipt on the question with the click's metadata, then the answer text with the same metadata.
import { eventFields } from '../server/control-client';
import { expect, test } from './support/fixtures';

test('the visitor answers the survey with a quick reply and the conversation ends', async ({ control, widget: w }) => {
  await w.goto(control.account);
  await w.open();
  await w.send('Thanks for the help');
  await expect(w.receiptOf('Thanks for the help')).toHaveAttribute('data-receipt', 'sent');
  const { conversation } = await control.acceptOnly('Dana');
  await expect(w.log.getByText(/Dana joined/)).toBeVisible();

  await control.close(conversation.id, true);
  const replies = w.dialog.getByRole('group', { name: 'Suggested replies' });
  await expect(replies.getByRole('button')).toHaveCount(5);
  await replies.getByRole('button', { name: '5', exact: true }).click();
  await expect(w.mine('5')).toHaveCount(1);
  // The bot's next questions (e2e/life.spec.ts follows them): a yes/no, then free text.
  await expect(w.log.getByText('Was your issue resolved?')).toBeVisible();
  await replies.getByRole('button', { name: 'Yes', exact: true }).click();
  await expect(w.log.getByText('Is there anything else you would like to tell us?')).toBeVisible();
  await w.send('No, thanks');

  await expect(replies).toHaveCount(0);
  await expect(w.log.getByText(/ended the conversation|conversation was closed/)).toBeVisible();
  await expect.poll(async () => (await control.conversation(conversation.id)).stage).toBe('CLOSE');

  const detail = await control.conversation(conversation.id);
  const survey = Object.keys(detail.transcript).find((dialogId) => dialogId !== conversation.id) as string;
  const events = detail.transcript[survey] ?? [];
  const question = events.find((e) => e.role !== 'CONSUMER' && e.event.type === 'ContentEvent');
  // The visitor's ACTION and answer to the first question (its ACCEPT/READ receipts of the question are there too).
  const fromVisitor = events.filter((e) => e.role === 'CONSUMER' && (e.event.type === 'ContentEvent' || eventFields(e).status === 'ACTION')).slice(0, 2);
  expect(fromVisitor.map((e) => [e.event.type, eventFields(e).status ?? eventFields(e).message])).toEqual([
    ['AcceptStatusEvent', 'ACTION'],
    ['ContentEvent', '5'],
  ]);
  expect(eventFields(fromVisitor[0]).sequenceList).toEqual([question?.sequence]);
  for (const e of fromVisitor) expect(e.metadata?.[0]).toMatchObject({ type: 'Answer', id: expect.stringMatching(/a5$/) });
  expect(fromVisitor[1]?.metadata?.some((m) => m.type === 'ExternalId')).toBe(true);
});
