/**
 * Hands chunks of work from the reader of a file to the one transaction consuming them, one at a
 * time. `take` waits for the next chunk until a deadline; a feed that gave up waiting (or was ended)
 * is closed, and `offer` then returns false so the reader opens a new transaction instead.
 */
export class ChunkFeed<T> {
  private queued: T[] = [];
  private waiter: ((item: T | null) => void) | null = null;
  private closedFlag = false;

  get closed(): boolean {
    return this.closedFlag;
  }

  /** Queues a chunk for the consumer; false when the feed is closed (the chunk was not taken). */
  offer(item: T): boolean {
    if (this.closedFlag) return false;
    if (this.waiter) {
      const wake = this.waiter;
      this.waiter = null;
      wake(item);
    } else this.queued.push(item);
    return true;
  }

  /** No more chunks: the consumer's next `take` (or the one waiting) gets null once the queue is empty. */
  end(): void {
    this.closedFlag = true;
    if (this.waiter && !this.queued.length) {
      const wake = this.waiter;
      this.waiter = null;
      wake(null);
    }
  }

  /** Closes the feed and returns what was queued and never taken (to be failed when the consumer died). */
  abandon(): T[] {
    this.closedFlag = true;
    this.waiter = null;
    return this.queued.splice(0);
  }

  /**
   * The next chunk, or null when the feed is ended or nothing came before `deadline` (ms,
   * performance.now()). A chunk already queued is always taken; past the deadline an empty feed closes
   * at once, so a reader that keeps offering promptly cannot hold one transaction open for ever.
   */
  take(deadline: number): Promise<T | null> {
    if (this.queued.length) return Promise.resolve(this.queued.shift()!);
    if (this.closedFlag || performance.now() >= deadline) {
      this.closedFlag = true;
      return Promise.resolve(null);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        if (this.waiter !== wake) return;
        // Closed in the same tick as the consumer gives up, so no chunk can be offered to a feed nobody reads.
        this.waiter = null;
        this.closedFlag = true;
        resolve(null);
      }, Math.max(0, deadline - performance.now()));
      const wake = (item: T | null) => {
        clearTimeout(timer);
        resolve(item);
      };
      this.waiter = wake;
    });
  }
}
