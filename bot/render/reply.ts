// One Reply from the flow runner -> one Slack message. `version` is the session version the buttons carry.
import type { Reply } from '../../flows/types.ts';
import type { Rendered } from './blocks.ts';
import { renderDiagnosis } from './diagnosis.ts';
import { renderEvidence } from './evidence.ts';
import { renderNotice } from './notice.ts';
import { renderQuestion } from './question.ts';
import { renderSymptom } from './symptom.ts';
import { renderTemplate } from './template.ts';

export function renderReply(reply: Reply, version: number): Rendered {
  switch (reply.kind) {
    case 'question':
      return renderQuestion(reply, version);
    case 'diagnosis':
      return renderDiagnosis(reply, version);
    case 'template':
      return renderTemplate(reply);
    case 'symptom':
      return renderSymptom(reply, version);
    case 'notice':
      return renderNotice(reply);
    case 'evidence':
      return renderEvidence(reply);
  }
}
