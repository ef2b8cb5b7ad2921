import type { EntityId, OnlineHistory } from '@abt/features';
import { InvalidArgumentError } from '../errors';
import { messages } from '../messages';
import { interactionsOf } from './feedback-event';
import type { FeedbackEvent, HistoryEventRules, HistoryFeatureSpec } from './history-store';

/**
 * The part every history store shares: the interactions applied so far, in sequence order, and
 * one `OnlineHistory` per feature spec fed exactly that sequence. A view created late replays the
 * sequence, so every view (and every replica applying the same sequence) is in the same state.
 */
export class EventViews {
  readonly #rules: HistoryEventRules;
  // Views by spec, held weakly: a spec dropped by a reload takes its view with it.
  readonly #bySpec = new WeakMap<HistoryFeatureSpec, OnlineHistory>();
  readonly #views = new Set<{ spec: WeakRef<HistoryFeatureSpec>; view: OnlineHistory }>();
  // The applied interactions, column by column (what a new view replays).
  readonly #userId: EntityId[] = [];
  readonly #movieId: EntityId[] = [];
  readonly #timestamp: number[] = [];
  readonly #rating: number[] = [];
  readonly #label: number[] = [];
  events = 0;

  constructor(rules: HistoryEventRules = {}) {
    if (rules.ratingEvent !== undefined && (typeof rules.ratingEvent !== 'string' || rules.ratingEvent.length === 0))
      throw new InvalidArgumentError(
        'history store',
        'ratingEvent',
        messages.badArgument('history store', 'ratingEvent', 'a non-empty string', rules.ratingEvent),
      );
    if (rules.labelThreshold !== undefined && (typeof rules.labelThreshold !== 'number' || !Number.isFinite(rules.labelThreshold)))
      throw new InvalidArgumentError(
        'history store',
        'labelThreshold',
        messages.badArgument('history store', 'labelThreshold', 'a finite number', rules.labelThreshold),
      );
    this.#rules = {
      ...(rules.ratingEvent === undefined ? {} : { ratingEvent: rules.ratingEvent }),
      ...(rules.labelThreshold === undefined ? {} : { labelThreshold: rules.labelThreshold }),
    };
  }

  get interactions(): number {
    return this.#userId.length;
  }

  get size(): number {
    return this.#views.size;
  }

  /** Applies validated events (in sequence order) to every view. */
  apply(events: readonly FeedbackEvent[]): void {
    const batch = interactionsOf(events, this.#rules);
    for (const entry of this.#views) {
      if (entry.spec.deref() === undefined) this.#views.delete(entry);
      else entry.view.add(batch);
    }
    for (let i = 0; i < batch.length; i++) {
      this.#userId.push(batch.userId[i] as EntityId);
      this.#movieId.push(batch.movieId[i] as EntityId);
      this.#timestamp.push(batch.timestamp[i] as number);
      this.#rating.push(batch.rating[i] as number);
      this.#label.push(batch.label[i] as number);
    }
    this.events += events.length;
  }

  view(spec: HistoryFeatureSpec): OnlineHistory {
    let v = this.#bySpec.get(spec);
    if (!v) {
      v = spec.createOnlineHistory();
      v.add({
        length: this.#userId.length,
        userId: this.#userId,
        movieId: this.#movieId,
        timestamp: this.#timestamp,
        rating: this.#rating,
        label: this.#label,
      });
      this.#bySpec.set(spec, v);
      this.#views.add({ spec: new WeakRef(spec), view: v });
    }
    return v;
  }
}
