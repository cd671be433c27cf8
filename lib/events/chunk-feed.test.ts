import { describe, expect, it } from "vitest";
import { ChunkFeed } from "@/lib/events/chunk-feed";

const far = () => performance.now() + 60_000;

describe("ChunkFeed: chunks from the reader to the transaction consuming them", () => {
  it("hands over chunks in order, whether offered before or while the consumer waits", async () => {
    const feed = new ChunkFeed<number>();
    expect(feed.offer(1)).toBe(true);
    expect(await feed.take(far())).toBe(1);
    const waiting = feed.take(far());
    expect(feed.offer(2)).toBe(true);
    expect(await waiting).toBe(2);
  });

  it("closes when nothing comes before the deadline, and then refuses chunks", async () => {
    const feed = new ChunkFeed<number>();
    expect(await feed.take(performance.now() + 20)).toBeNull();
    expect(feed.closed).toBe(true);
    expect(feed.offer(3)).toBe(false);
  });

  it("past its deadline still gives a chunk already queued, then closes at once", async () => {
    const feed = new ChunkFeed<number>();
    const past = performance.now() - 1;
    feed.offer(4);
    expect(await feed.take(past)).toBe(4);
    expect(await feed.take(past)).toBeNull();
    expect(feed.offer(5)).toBe(false);
  });

  it("end wakes a waiting consumer with null after the queue is drained", async () => {
    const feed = new ChunkFeed<number>();
    feed.offer(6);
    feed.end();
    expect(feed.offer(7)).toBe(false);
    expect(await feed.take(far())).toBe(6);
    expect(await feed.take(far())).toBeNull();
    const other = new ChunkFeed<number>();
    const waiting = other.take(far());
    other.end();
    expect(await waiting).toBeNull();
  });

  it("abandon returns what was never taken, for the reader to fail", () => {
    const feed = new ChunkFeed<number>();
    feed.offer(8);
    feed.offer(9);
    expect(feed.abandon()).toEqual([8, 9]);
    expect(feed.offer(10)).toBe(false);
  });
});
