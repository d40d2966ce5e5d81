export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitOptions {
  /** Consecutive failed calls that open the circuit. */
  failureThreshold: number;
  /** How long the circuit stays open before one probe call may try the backend. */
  coolDownMs: number;
  /** Clock in ms (tests inject one). */
  now?: () => number;
}

/** Permission for one call; hand it back through exactly one of success/failure/neutral. */
export interface CircuitTicket {
  readonly probe: boolean;
}

/**
 * A circuit breaker over one agency. Closed: calls pass, consecutive failures are counted, a
 * success resets the count. After `failureThreshold` of them it opens: calls are refused
 * (`tryAcquire` → null) for `coolDownMs`. Then it is half-open: exactly one probe call passes;
 * its success closes the circuit, its failure opens it for another cool-down. A call that ends
 * without a verdict (the caller gave up) is neutral: a probe's slot is freed for the next caller.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | null = null;
  private probing = false;
  private readonly now: () => number;

  constructor(private readonly options: CircuitOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  get state(): CircuitState {
    if (this.openedAt === null) return 'closed';
    return this.now() - this.openedAt >= this.options.coolDownMs ? 'half-open' : 'open';
  }

  /** A ticket when a call may go ahead now, else null (fail fast). */
  tryAcquire(): CircuitTicket | null {
    const state = this.state;
    if (state === 'closed') return { probe: false };
    if (state === 'open' || this.probing) return null;
    this.probing = true;
    return { probe: true };
  }

  success(ticket: CircuitTicket): void {
    if (ticket.probe) this.probing = false;
    this.failures = 0;
    this.openedAt = null;
  }

  failure(ticket: CircuitTicket): void {
    if (ticket.probe) {
      this.probing = false;
      this.openedAt = this.now();
      return;
    }
    this.failures++;
    // Failures of calls admitted before the circuit opened do not extend the cool-down.
    if (this.openedAt === null && this.failures >= this.options.failureThreshold) this.openedAt = this.now();
  }

  neutral(ticket: CircuitTicket): void {
    if (ticket.probe) this.probing = false;
  }
}
