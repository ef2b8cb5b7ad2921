import type { RolloutDecision, RolloutRule, SourceStance } from './decision/types';
import { messages } from '../messages';
import { esc, int, pct } from './html';

/** The precedence of `decideRollout`, in the words the page shows; the step that decided is highlighted. */
const PRECEDENCE: readonly (readonly [RolloutRule | readonly RolloutRule[], string])[] = [
  ['srm', 'A sample ratio mismatch stops everything: the assignment is broken, so fix it and restart.'],
  ['no-online-test', 'Without an online test, nothing ships: offline metrics score held-out ratings, not what users do.'],
  ['not-enough-data', 'Too few users per arm (or no finite lift or p-value): not enough data, continue.'],
  ['sequential', 'The always-valid sequential test rejected: ship the online winner, whatever offline says.'],
  [
    ['fixed-horizon', 'no-difference-at-plan'],
    'Planned sample reached: ship the fixed-horizon winner; with no significant difference keep A, unless offline and CV both favour B significantly.',
  ],
  [
    ['peeking', 'underpowered'],
    'Planned sample not reached: continue (a fixed-horizon p below α at an unplanned look is peeking) and collect the users the plan needs.',
  ],
];

const ACTION_LABEL: Record<RolloutDecision['action'], string> = {
  ship: 'Decision',
  continue: 'Keep testing',
  'fix-assignment': 'Blocked',
  'start-test': 'Not tested online',
};

function stanceBadge(s: SourceStance, names: readonly [string, string]): string {
  const name = (w: 'A' | 'B') => (w === 'A' ? names[0] : names[1]);
  if (s.favors) return `<span class="badge badge-${s.favors.toLowerCase()}">favours ${esc(name(s.favors))}</span>`;
  if (s.leans) return `<span class="badge badge-none">leans to ${esc(name(s.leans))}, not significant</span>`;
  return '<span class="badge badge-none">no difference</span>';
}

/** The verdict that opens the report: headline, why, the users still needed, each source's stance, the rule. */
export function decisionSection(d: RolloutDecision, names: readonly [string, string]): string {
  const need = d.moreUsers
    ? `<div class="need"><div class="n">${int(d.moreUsers.total)}</div><div>more users in all (${int(d.moreUsers.perArm)} more in the smaller arm) to reach ${int(d.moreUsers.requiredPerArm)} per arm, enough to detect a ${pct(d.moreUsers.forMdeRel)} relative effect</div></div>`
    : '';
  // The box above says how many users are needed; the same sentence in the list would repeat it.
  const planSentence = d.moreUsers
    ? messages.decision.moreUsers(d.moreUsers.total, d.moreUsers.perArm, d.moreUsers.requiredPerArm, d.moreUsers.forMdeRel)
    : null;
  const reasons = d.reasons.filter((r) => r !== planSentence);
  const sources = (
    [
      ['Offline, test set', d.sources.offline],
      ['Cross-validation', d.sources.cv],
      ['Online experiment', d.sources.online],
    ] as const
  )
    .map(
      ([label, s]) =>
        `<tr><th scope="row">${label}</th><td>${s ? esc(s.summary) : '<span class="ci">not available</span>'}</td><td>${s ? stanceBadge(s, names) : ''}</td></tr>`,
    )
    .join('');
  const steps = PRECEDENCE.map(([rules, text]) => {
    const hit = (Array.isArray(rules) ? rules : [rules]).includes(d.rule);
    return `<li${hit ? ' class="applied"' : ''}>${esc(text)}${hit ? ' <b>← this report</b>' : ''}</li>`;
  }).join('');
  return `<div class="verdict verdict-${esc(d.action)}" data-action="${esc(d.action)}" data-rule="${esc(d.rule)}"${d.policy ? ` data-policy="${d.policy}"` : ''}>
<div class="kicker">${esc(ACTION_LABEL[d.action])}</div><div class="headline">${esc(d.headline)}</div></div>
${need}<ul class="reasons">${reasons.map((r) => `<li>${esc(r)}</li>`).join('')}</ul>
<div class="table-flow"><table class="evidence"><thead><tr><th>Evidence</th><th>What it says</th><th>Stance</th></tr></thead><tbody>${sources}</tbody></table></div>
<details class="rule"><summary>How this verdict is decided</summary><ol>${steps}</ol><p class="ci">CUPED-adjusted figures are a secondary analysis: shown, and flagged where they disagree, but never deciding.</p></details>`;
}
