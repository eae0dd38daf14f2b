// Situation facts a template really answers. Only the proxy candidate's OS: everything else about the network
// (where CycleCloud runs, peering, policy) is not in a cluster template.
import type { Situation } from '../model.ts';
import type { ParsedTemplate } from '../template/types.ts';
import { planProxy } from './proxy-plan.ts';
import { type TemplateView, viewTemplate } from './view.ts';

export function situationFromTemplate(t: ParsedTemplate): Partial<Situation> {
  return situationFromView(viewTemplate(t));
}

export function situationFromView(view: TemplateView): Partial<Situation> {
  const plan = planProxy(view, undefined);
  if (plan.kind === 'separate') {
    return plan.reason === 'windows' && plan.replaces ? { proxyCandidateOs: 'windows' } : {};
  }
  const os = plan.node.topo.os;
  return os === 'unknown' ? {} : { proxyCandidateOs: os };
}
