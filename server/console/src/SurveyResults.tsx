// What the consumer answered: each survey-bot question of the POST_SURVEY dialog with the consumer's
// next message as its answer, and the legacy CSAT rating.
import type { ConversationDetail } from './types';
import { isContent } from './receipts';

interface Answer {
  question: string;
  answer?: string;
}

export function surveyAnswers(detail: ConversationDetail): Answer[] {
  const out: Answer[] = [];
  for (const dialog of detail.transcript) {
    if (dialog.dialogType !== 'POST_SURVEY') continue;
    let open: Answer | undefined;
    for (const e of dialog.entries.filter(isContent)) {
      if (e.event.kind !== 'text') continue;
      if (e.role !== 'CONSUMER') {
        // The bot's closing thanks has no answer after it: it is not listed.
        open = { question: e.event.text };
        out.push(open);
      } else if (open && open.answer === undefined) open.answer = e.event.text;
    }
  }
  return out.filter((a) => a.answer !== undefined);
}

export function SurveyResults({ detail }: { detail: ConversationDetail }) {
  const answers = surveyAnswers(detail);
  if (answers.length === 0 && detail.rating === undefined) return null;
  return (
    <section className="survey-results" aria-label="Survey answers">
      <h3>Survey answers</h3>
      <dl>
        {detail.rating !== undefined && (
          <div>
            <dt>Rating (CSAT)</dt>
            <dd>{detail.rating} of 5</dd>
          </div>
        )}
        {answers.map((a, i) => (
          <div key={i}>
            <dt>{a.question}</dt>
            <dd>{a.answer}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
